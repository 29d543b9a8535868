"""What a page derives is kept by the change markers of the rows it reads (ui.frame.Frame.once's version)."""

from cvm_core.visibility import Viewer
from db.read import View
from ui import registry
from ui.frame import Frame, without


def _frame(key: str, markers: dict[str, int]) -> Frame:
    return Frame(registry.page(key), None, View(markers, Viewer(1, "facilitator"), {}), False, {})  # type: ignore[arg-type]


def test_a_version_moves_with_the_rows_it_uses_only() -> None:
    markers = {"department": 1, "customer": 2, "promise": 3, "workshop": 4, "step_progress": 0}
    before = _frame("step5_promises", {**markers, "value_factor": 5, "experiment": 6})
    after = _frame("step5_promises", {**markers, "value_factor": 5, "experiment": 7, "department": 9})
    assert before._version(("promise", "customer")) == after._version(("promise", "customer"))
    assert before._version(("department",)) != after._version(("department",))
    assert before._version(None) != after._version(None)


def test_rows_that_depend_on_who_reads_move_with_every_such_row_and_the_people() -> None:
    markers = {"pain": 1, "vote": 2, "factor_pain": 3, "workshop": 4, "participant": 5}
    before = _frame("progress", markers)
    assert before._version(("factor_pain",)) != _frame("progress", {**markers, "pain": 8})._version(("factor_pain",))
    assert before._version(("vote",)) != _frame("progress", {**markers, "participant": 8})._version(("vote",))


def test_without_leaves_out_the_fields_and_the_version() -> None:
    rows = [{"id": 1, "name": "IT", "description": "a", "version": 3}]
    assert without(rows, "description") == without([{**rows[0], "description": "b", "version": 4}], "description")
    assert without(rows, "description") != without([{**rows[0], "name": "Tech"}], "description")
