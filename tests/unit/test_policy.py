"""The tables of rights in cvm_core.policy's docstring are the tables the code enforces."""

import re

from cvm_core import policy

CELL = {
    "all": (policy.ALL, policy.ALL),
    "own": (policy.ALL, policy.OWN),
    "own (facilitator too)": (policy.OWN, policy.OWN),
    "own (facilitator for others too)": (policy.FOR, policy.OWN),
    "facilitator": (policy.ALL, policy.NONE),
    "—": (policy.NONE, policy.NONE),
}
WHEN = {"step unlocked": policy.STEP_UNLOCKED, "voting open": policy.VOTING_OPEN}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def documented() -> dict[tuple[str, str], tuple[tuple[str, str], tuple[str, ...]]]:
    rows = {}
    for line in (policy.__doc__ or "").splitlines():
        cells = _cells(line)
        if len(cells) != 6 or cells[0] in ("entity", "---"):
            continue
        names = [re.sub(r" \(.*", "", n) for n in re.split(r", (?![^(]*\))", cells[0])]
        when = tuple(WHEN[w] for w in cells[5].split(", ") if w)
        for name in names:
            for action, cell in zip(policy.ACTIONS, cells[1:5], strict=True):
                rows[(name, action)] = (CELL[cell], when)
    return rows


def documented_roles() -> dict[tuple[str, str, str], str]:
    """(role, entity, action) → grant, from the second table (empty cells: as the extended role)."""
    found = {}
    for line in (policy.__doc__ or "").splitlines():
        cells = _cells(line)
        if len(cells) != 7 or cells[0] in ("role", "---"):
            continue
        role, extends, entity = cells[:3]
        assert policy.EXTENDS[role] == extends
        for action, cell in zip(policy.ACTIONS, cells[3:], strict=True):
            if cell:
                found[(role, entity, action)] = cell
    return found


def test_the_docstring_table_is_the_enforced_table() -> None:
    doc = documented()
    assert len(doc) >= 4 * 30
    for (name, action), (grants, when) in doc.items():
        right = policy.right(name, action)
        assert (right.grants.get("facilitator", "none"), right.grants.get("participant", "none")) == grants, (
            name,
            action,
        )
        if grants != (policy.NONE, policy.NONE) and grants[1] != policy.NONE:
            assert set(right.when) == set(when), (name, action)
    assert set(policy.TABLE) <= set(doc)


def test_the_roles_table_is_where_further_roles_differ() -> None:
    doc = documented_roles()
    assert {r for r, _, _ in doc} == set(policy.EXTENDS)
    for (role, entity, action), cell in doc.items():
        assert policy.right(entity, action).grants.get(role) == cell, (role, entity, action)
    for (entity, action), right in policy.TABLE.items():
        for role in set(right.grants) - set(policy.ROLES):
            assert (role, entity, action) in doc, (role, entity, action)


def test_grants_and_refusals() -> None:
    pain = {"author_id": 7}
    assert policy.allowed("pain", "update", "participant", pain, 7)
    assert not policy.allowed("pain", "update", "participant", pain, 8)
    assert policy.allowed("pain", "update", "facilitator", pain, 8)
    assert not policy.allowed("note", "create", "participant", None, 8)
    assert not policy.allowed("anything", "create", "facilitator", None, 1)  # unknown: nobody's
    assert policy.refusal("note", "create", "participant") == "errors.facilitator_only"
    assert policy.refusal("vote", "delete", "participant") == "step2.err.not_your_vote"
    assert policy.conditions("vote", "delete", "facilitator") == (policy.VOTING_OPEN,)
    assert policy.conditions("customer", "update", "facilitator") == ()


def test_for_lets_a_person_enter_for_someone_and_correct_only_that() -> None:
    entered = {"author_id": 7, "entered_by_id": 3}
    typed_by_seven = {"author_id": 7, "entered_by_id": None}
    assert policy.allowed("pain", "create", "scribe", entered, 3)
    assert policy.allowed("pain", "delete", "scribe", entered, 3)
    assert not policy.allowed("pain", "delete", "scribe", typed_by_seven, 3)
    assert policy.allowed("pain", "delete", "scribe", {"author_id": 3}, 3)  # the scribe's own pain
    assert not policy.allowed("pain", "create", "participant", entered, 3)  # a participant enters only for themselves
    assert policy.allowed("vote", "update", "facilitator", {"participant_id": 7, "entered_by_id": 3}, 3)
    assert not policy.allowed("vote", "update", "facilitator", {"participant_id": 7}, 3)  # dots are one's own
    assert policy.refusal("pain", "delete", "scribe") == "policy.err.not_entered_by_you"


def test_a_cofacilitator_runs_the_room_but_not_the_facilitators() -> None:
    for entity, action in (("room", "update"), ("people", "delete"), ("note", "create"), ("workshop", "update")):
        assert policy.grant(entity, action, "cofacilitator") == policy.ALL
    for action in policy.ACTIONS:
        assert policy.grant("staff", action, "cofacilitator") == policy.NONE
    assert policy.grant("workshop", "delete", "cofacilitator") == policy.NONE
    assert policy.refusal("staff", "update", "cofacilitator") == "policy.err.lead_only"
    assert policy.conditions("vote", "create", "cofacilitator") == (policy.VOTING_OPEN,)
    assert policy.conditions("customer", "update", "cofacilitator") == ()  # writes in a locked step
    assert policy.runs_room("cofacilitator") and policy.runs_room("facilitator")
    assert not policy.runs_room("scribe") and not policy.runs_room("participant") and not policy.runs_room(None)


def test_a_scribe_enters_for_others_but_does_not_run_the_room() -> None:
    assert policy.enters_for_others("scribe") and policy.enters_for_others("facilitator")
    assert not policy.enters_for_others("participant")
    for entity, action in (("room", "update"), ("people", "create"), ("note", "create"), ("staff", "create")):
        assert policy.grant(entity, action, "scribe") == policy.NONE
        assert policy.refusal(entity, action, "scribe") == "errors.facilitator_only"
    assert policy.grant("roster", "create", "scribe") == policy.ALL
    assert policy.grant("customer", "update", "scribe") == policy.ALL  # as a participant
    assert policy.conditions("pain", "create", "scribe") == (policy.STEP_UNLOCKED,)  # bound like a participant


def test_acting_on_people_who_run_the_room_takes_the_staff_row() -> None:
    assert policy.people_entity("participant") == "people"
    assert policy.people_entity("scribe", "participant") == "people"
    assert policy.people_entity("participant", "cofacilitator") == "staff"
    assert policy.people_entity("facilitator") == "staff"


def test_a_role_nobody_named_may_do_nothing() -> None:
    assert policy.grant("customer", "update", "visitor") == policy.NONE
    assert not policy.runs_room("visitor")
