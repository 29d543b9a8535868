"""Actions in pure Python: who may do what, the register's filters and order, what the console chases, and
actions drafted from artefacts."""

from datetime import date

from cvm_core import actions as core

TODAY = date(2026, 12, 6)
FAY = {"id": 1, "role": "facilitator", "department_id": None}
OLA = {"id": 2, "role": "participant", "department_id": 10}
SAM = {"id": 3, "role": "participant", "department_id": 20}


def action(id_: int, **more) -> dict:
    return {"id": id_, "text": f"a{id_}", "status": "open", "due": None, "author_id": 3} | {
        "owner_participant_id": None,
        "owner_department_id": None,
        "carried_from": "",
        **more,
    }


def test_owners_and_the_facilitator_move_the_status_the_author_edits_and_removes() -> None:
    a = action(1, owner_department_id=10)
    assert core.may_change_status(a, OLA) and core.may_change_status(a, FAY)
    assert not core.may_change_status(a, SAM)  # the author, not an owner
    assert core.may_edit(a, SAM) and core.may_edit(a, OLA) and core.may_remove(a, SAM)
    assert not core.may_remove(a, OLA) and core.may_remove(a, FAY)
    nobody = action(2, author_id=None)
    assert not core.may_edit(nobody, OLA) and core.may_edit(nobody, FAY)


def test_overdue_and_due_soon_only_while_open() -> None:
    late, soon = action(1, due="2026-12-01"), action(2, due="2026-12-09")
    done = action(3, due="2026-12-01", status="done")
    assert core.overdue(late, TODAY) and not core.overdue(done, TODAY) and not core.overdue(soon, TODAY)
    assert core.attention([late, soon, done], TODAY) == ([late], [soon])


def test_the_register_filters_and_puts_what_needs_attention_first() -> None:
    people = {2: OLA, 3: SAM}
    rows = [
        action(1, status="done", owner_participant_id=2),
        action(2, due="2027-01-01", owner_department_id=20),
        action(3, due="2026-11-01", owner_participant_id=2),
        action(4, status="doing"),
    ]
    assert [a["id"] for a in core.register(rows, core.Filter(), TODAY, people)] == [3, 2, 4, 1]
    assert [a["id"] for a in core.register(rows, core.Filter(owner=2), TODAY, people)] == [3, 1]
    assert [a["id"] for a in core.register(rows, core.Filter(department=10), TODAY, people)] == [3, 1]
    assert [a["id"] for a in core.register(rows, core.Filter(statuses=("doing", "done")), TODAY, people)] == [4, 1]
    assert [a["id"] for a in core.register(rows, core.Filter(overdue_only=True), TODAY, people)] == [3]


def test_counts_of_a_round() -> None:
    rows = [action(1), action(2, carried_from="Round 1", status="done"), action(3, status="dropped")]
    assert core.counts(rows) == core.Counts(opened=2, carried=1, closed=2, still_open=1)


def test_what_calls_for_an_action_on_each_page() -> None:
    data = {
        "promise": [
            {"id": 1, "text": "On time", "status": "agreed", "metric_target": 95, "metric_current": 60},
            {"id": 2, "text": "Complete", "status": "agreed", "metric_target": 95, "metric_current": 99},
            {"id": 3, "text": "Cheaper", "status": "negotiating", "metric_target": None, "metric_current": None},
        ],
        "internal_promise": [{"id": 4, "text": "Loading", "metric_target": 98, "metric_current": 93}],
        "experiment": [
            {"id": 5, "title": "Pilot", "status": "closed", "decision": "pivot"},
            {"id": 6, "status": "planned"},
        ],
        "pain": [{"id": 7, "text": "Late"}, {"id": 8, "text": "Rude"}, {"id": 9, "text": "Secret", "hidden": True}],
        "factor_pain": [{"factor_id": 1, "pain_id": 8}],
        "feedback_round": [{"id": 10, "name": "Q3"}],
    }
    found = {s: [r["id"] for r in core.candidates(data, s)] for s in ("promise", "negotiation", "internal_promise")}
    assert found == {"promise": [1], "negotiation": [3], "internal_promise": [4]}
    assert [r["id"] for r in core.candidates(data, "experiment")] == [5]
    assert [r["id"] for r in core.candidates(data, "pain")] == [7]
    assert [r["id"] for r in core.candidates(data, "feedback_round")] == [10]


def test_a_draft_names_its_artefact_and_owner() -> None:
    promise = {"id": 1, "text": "On time", "owner_department_id": 10, "metric_target": 95, "metric_current": 60}
    draft = core.draft("promise", promise, "en")
    assert draft == {
        "text": "Bring back on track: On time (now: Broken)",
        "source": "promise",
        "promise_id": 1,
        "owner_department_id": 10,
    }
    experiment = core.draft("experiment", {"id": 5, "title": "Pilot", "decision": "pivot", "department_id": 20}, "ru")
    assert experiment["experiment_id"] == 5 and "Pilot" in experiment["text"] and "Развернуть" in experiment["text"]
    assert core.source_of({**draft, "id": 9}) == ("promise", 1) and core.source_of(action(9)) == ("", None)
