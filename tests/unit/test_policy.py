"""The table of rights in cvm_core.policy's docstring is the table the code enforces."""

import re

from cvm_core import policy

CELL = {
    "all": (policy.ALL, policy.ALL),
    "own": (policy.ALL, policy.OWN),
    "own (facilitator too)": (policy.OWN, policy.OWN),
    "facilitator": (policy.ALL, policy.NONE),
    "—": (policy.NONE, policy.NONE),
}
WHEN = {"step unlocked": policy.STEP_UNLOCKED, "voting open": policy.VOTING_OPEN}


def documented() -> dict[tuple[str, str], tuple[tuple[str, str], tuple[str, ...]]]:
    rows = {}
    for line in (policy.__doc__ or "").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or cells[0] in ("entity", "---"):
            continue
        names = [re.sub(r" \(.*", "", n) for n in re.split(r", (?![^(]*\))", cells[0])]
        when = tuple(WHEN[w] for w in cells[5].split(", ") if w)
        for name in names:
            for action, cell in zip(policy.ACTIONS, cells[1:5], strict=True):
                rows[(name, action)] = (CELL[cell], when)
    return rows


def test_the_docstring_table_is_the_enforced_table() -> None:
    doc = documented()
    assert len(doc) >= 4 * 27
    for (name, action), (grants, when) in doc.items():
        right = policy.right(name, action)
        assert (right.grants.get("facilitator", "none"), right.grants.get("participant", "none")) == grants, (
            name,
            action,
        )
        if grants != (policy.NONE, policy.NONE) and grants[1] != policy.NONE:
            assert set(right.when) == set(when), (name, action)
    assert set(policy.TABLE) <= set(doc)


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


def test_a_new_role_extends_one_and_differs_only_where_its_rows_say(monkeypatch) -> None:
    assert policy.grant("customer", "update", "scribe") == policy.NONE  # unknown roles may nothing
    monkeypatch.setitem(policy.EXTENDS, "scribe", "participant")
    own_pain = policy.TABLE[("pain", "update")]
    monkeypatch.setitem(
        policy.TABLE, ("pain", "update"), policy.Right({**own_pain.grants, "scribe": policy.ALL}, own_pain.when)
    )
    assert policy.grant("customer", "update", "scribe") == policy.ALL  # as a participant
    assert policy.grant("note", "create", "scribe") == policy.NONE
    assert policy.grant("pain", "update", "scribe") == policy.ALL  # its own row: anyone's pain
    assert policy.conditions("pain", "update", "scribe") == (policy.STEP_UNLOCKED,)  # bound like a participant
