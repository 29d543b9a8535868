"""Progress over the nine steps: each step's completion, or "not available" when its check is missing."""

import sys

from cvm_core import progress


def test_a_missing_step_module_is_reported_as_not_available(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "cvm_core.value", None)  # importing it now raises ImportError
    states = progress.overview({"step_progress": [{"step": 6, "status": "done", "locked": True}]})
    assert [s.step for s in states] == list(range(1, 10))
    assert states[2].result is None and not states[2].available and states[2].agrees
    six = states[5]
    assert six.status == "done" and six.locked and six.result is not None and not six.result.done
    assert not six.agrees  # marked done, criterion not met
    assert states[0].status == "not_started"


def test_overall_is_the_mean_of_available_steps(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "cvm_core.canvas", None)
    data = {
        "department": [{"id": 1, "name": "Sales", "takes_part": True}],
        "customer": [{"id": 5, "name": "Shops"}],
        "customer_department": [{"customer_id": 5, "department_id": 1}],
    }
    states = progress.overview(data)
    assert states[0].result.done
    available = [s.result.fraction for s in states if s.result is not None]
    assert progress.overall(states) == sum(available) / len(available)
    assert progress.overall([]) == 0
