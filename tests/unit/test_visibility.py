"""Who sees what: every row of the table in cvm_core/visibility.py, for a participant, the facilitator and
the operator."""

from __future__ import annotations

import copy

import pytest

from cvm_core import visibility as v
from cvm_core.visibility import Viewer, withheld

PAT, KIM, FAY = Viewer(1, "participant"), Viewer(2, "participant"), Viewer(3, "facilitator")
OPERATOR = Viewer(None, v.SYSTEM)


def room(*, anonymous: bool = True) -> dict:
    """Pat's hidden pain (11), Kim's revealed one (12), votes by Pat and Kim, a factor linked to both."""
    return {
        "workshop": [{"id": 1, "voting_anonymous": anonymous}],
        "pain": [
            {"id": 11, "customer_id": 5, "text": "Pat's secret", "hidden": True, "author_id": 1},
            {"id": 12, "customer_id": 5, "text": "Shared", "hidden": False, "author_id": 2},
        ],
        "vote": [
            {"id": 21, "pain_id": 12, "participant_id": 1, "dots": 2},
            {"id": 22, "pain_id": 12, "participant_id": 2, "dots": 3},
        ],
        "factor_pain": [{"id": 31, "factor_id": 7, "pain_id": 11}, {"id": 32, "factor_id": 7, "pain_id": 12}],
        "department": [{"id": 41, "name": "Sales"}],
    }


def seen(viewer: Viewer, **kw: bool) -> dict:
    data = room(**kw)
    data[v.WITHHELD] = [{"entity": k, "count": n} for k, n in v.apply(data, viewer, data["workshop"][0]).items()]
    return data


@pytest.mark.parametrize("viewer", [KIM, FAY], ids=["other participant", "facilitator"])
def test_a_hidden_entry_and_what_hangs_on_it_reach_nobody_but_its_author(viewer: Viewer) -> None:
    data = seen(viewer)
    assert [p["id"] for p in data["pain"]] == [12]
    assert [link["id"] for link in data["factor_pain"]] == [32]
    assert withheld(data, "pain") == 1 and withheld(data, "factor_pain") == 1
    assert "Pat's secret" not in repr(data)


def test_the_author_sees_their_hidden_entry() -> None:
    data = seen(PAT)
    assert [p["id"] for p in data["pain"]] == [11, 12] and withheld(data, "pain") == 0


@pytest.mark.parametrize("viewer", [PAT, KIM, FAY], ids=["pat", "kim", "facilitator"])
def test_anonymous_votes_name_only_the_readers_own_dots(viewer: Viewer) -> None:
    votes = seen(viewer)["vote"]
    assert {r["participant_id"] for r in votes} <= {viewer.participant_id, None}
    assert sum(r["dots"] for r in votes) == 5  # counts stay whole
    mine = [r for r in votes if r["participant_id"] == viewer.participant_id]
    assert sum(r["dots"] for r in mine) == {1: 2, 2: 3, 3: 0}[viewer.participant_id]


def test_named_votes_show_every_author() -> None:
    assert {r["participant_id"] for r in seen(KIM, anonymous=False)["vote"]} == {1, 2}


def test_the_operator_sees_every_row_with_its_author() -> None:
    data = room()
    assert v.apply(data, OPERATOR, data["workshop"][0]) == {}
    assert data == room()


def test_other_entities_are_everyones() -> None:
    assert seen(KIM)["department"] == room()["department"]


def test_rows_are_changed_in_the_snapshot_given_never_in_the_callers_rows() -> None:
    data = room()
    rows = copy.deepcopy(data["vote"])
    v.apply(data, KIM, data["workshop"][0])
    assert data["vote"] is not rows and room()["vote"] == rows


def test_a_shared_cache_never_mixes_people_where_rows_depend_on_the_reader() -> None:
    assert v.audience(PAT, ["pain", "customer"]) != v.audience(KIM, ["pain", "customer"])
    assert v.audience(PAT, ["factor_pain"]) != v.audience(KIM, ["factor_pain"])
    assert v.audience(PAT, ["department"]) == v.audience(FAY, ["department"])


def test_secrets_are_not_among_the_public_columns() -> None:
    assert "passcode_hash" not in v.PUBLIC and "join_code" in v.PUBLIC
    assert {"token_hash", "passcode_hash"}.isdisjoint(v.PARTICIPANT)
