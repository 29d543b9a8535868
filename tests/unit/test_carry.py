"""The copy rules for a new workshop from a past one: what is carried, what is left out, and what the
checklist changes."""

from cvm_core import carry


def snapshot() -> dict:
    return {
        "workshop": [
            {"id": 1, "name": "Round 1", "language": "en", "scale_max": 7, "dots_per_person": 3}
            | {"voting_open": True, "voting_anonymous": False, "current_step": 6, "is_template": True}
        ],
        "participant": [
            {"id": 1, "display_name": "Fay", "role": "facilitator", "department_id": None},
            {"id": 2, "display_name": "Pat", "role": "participant", "department_id": 10},
        ],
        "department": [{"id": 10, "name": "Logistics"}],
        "customer": [{"id": 20, "name": "Shops"}],
        "pain": [
            {"id": 30, "customer_id": 20, "text": "Late", "hidden": False},
            {"id": 31, "customer_id": 20, "text": "Mine", "hidden": True},
        ],
        "vote": [{"id": 40, "pain_id": 30, "participant_id": 2, "dots": 2}],
        "promise": [{"id": 50, "customer_id": 20, "text": "On time", "metric_target": 95, "metric_current": 80}],
        "internal_promise": [{"id": 60, "supplier_department_id": 10, "client_department_id": 10, "metric_current": 5}],
        "experiment": [{"id": 70, "status": "running"}, {"id": 71, "status": "closed"}],
        "feedback_round": [{"id": 80, "name": "Q3"}],
        "feedback": [{"id": 81, "round_id": 80, "score": 6}],
        "note": [{"id": 90, "text": "x"}],
        "step_progress": [{"id": 100, "step": 1, "status": "done"}],
        "action": [
            {
                "id": 110,
                "text": "Open",
                "status": "open",
                "owner_participant_id": 2,
                "owner_department_id": None,
                "author_id": 2,
            },
            {"id": 111, "text": "Doing", "status": "doing", "owner_participant_id": None, "owner_department_id": 10},
            {"id": 112, "text": "Done", "status": "done"},
            {"id": 113, "text": "Dropped", "status": "dropped"},
        ],
        "action_status": [{"id": 120, "action_id": 110, "status": "open", "by_name": "Pat", "at": "2026-09-01"}],
    }


def carried(items=carry.DEFAULT) -> dict:
    return carry.carry(snapshot(), items, round_name="Round 1", by="Fay", at="2026-12-06T10:00:00")


def test_the_session_stays_behind_whatever_is_ticked() -> None:
    everything = carried({item.key for item in carry.ITEMS})
    for name in carry.LEFT_OUT:
        if name != "action_status":
            assert everything[name] == [], name


def test_by_default_the_structure_goes_without_measurements_pains_or_economics() -> None:
    out = carried()
    assert [d["id"] for d in out["department"]] == [10] and [c["id"] for c in out["customer"]] == [20]
    assert out["promise"][0]["metric_target"] == 95 and out["promise"][0]["metric_current"] is None
    assert out["internal_promise"][0]["metric_current"] is None
    assert out["pain"] == [] and out["economics"] == [] and out["experiment"] == []


def test_people_keep_names_and_departments_but_not_roles() -> None:
    assert [(p["display_name"], p["role"]) for p in carried()["participant"]] == [
        ("Fay", "participant"),
        ("Pat", "participant"),
    ]


def test_open_actions_go_with_their_round_and_a_first_line_of_history() -> None:
    out = carried()
    assert [(a["id"], a["carried_from"]) for a in out["action"]] == [(110, "Round 1"), (111, "Round 1")]
    assert [(h["action_id"], h["status"], h["by_name"]) for h in out["action_status"]] == [
        (110, "open", "Fay"),
        (111, "doing", "Fay"),
    ]


def test_without_people_an_action_goes_to_its_owners_department() -> None:
    out = carried(carry.DEFAULT - {"people"})
    first = out["action"][0]
    assert (first["owner_participant_id"], first["owner_department_id"], first["author_id"]) == (None, 10, None)
    assert out["participant"] == []


def test_ticked_extras_pains_without_hidden_ones_measurements_open_experiments() -> None:
    out = carried(carry.DEFAULT | {"pains", "measurements", "experiments"})
    assert [p["id"] for p in out["pain"]] == [30] and out["vote"] == []
    assert out["promise"][0]["metric_current"] == 80
    assert [e["id"] for e in out["experiment"]] == [70]


def test_an_item_brings_what_it_needs_and_departments_always_go() -> None:
    assert carry.chosen({"value"}) == {"value", "customers", "departments"}
    assert carry.chosen(set()) == {"departments"}
    assert carry.chosen({"nonsense"}) == {"departments"}


def test_the_settings_keep_the_room_but_start_afresh() -> None:
    settings = carry.settings(snapshot()["workshop"][0], "Round 2")
    assert settings["name"] == "Round 2" and (settings["scale_max"], settings["dots_per_person"]) == (7, 3)
    assert (settings["voting_open"], settings["current_step"], settings["is_template"]) == (False, 1, False)
    assert settings["voting_anonymous"] is False and "id" not in settings
