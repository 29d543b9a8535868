"""The one read door: change markers, and who sees what, on SQLite and PostgreSQL."""

import pytest

from cvm_core.errors import PermissionDenied
from cvm_core.visibility import withheld
from db import live, read, services
from db.pains import set_dots
from db.services import Actor
from tests.helpers import create, join, settings


def test_rows_are_reread_only_after_a_change(engine, facilitator) -> None:
    kinds = ("department", "experiment")
    first = read.read(engine, actor=facilitator, entities=kinds)
    assert first.data["department"] == [] and first.data["experiment"] == []
    assert read.read(engine, actor=facilitator, entities=kinds, previous=first) is first
    create(engine, facilitator, "offering", name="Us", kind="ours")
    assert read.read(engine, actor=facilitator, entities=kinds, previous=first) is first
    row = create(engine, facilitator, "department", name="Sales")
    newer = read.read(engine, actor=facilitator, entities=kinds, previous=first)
    assert newer.marker > first.marker and [d["name"] for d in newer.data["department"]] == ["Sales"]
    assert newer.data["experiment"] is first.data["experiment"]  # unchanged: not read again
    services.delete(engine, actor=facilitator, entity_name="department", row_id=row["id"])
    latest = read.read(engine, actor=facilitator, entities=kinds, previous=newer)
    assert latest.marker > newer.marker and latest.data["department"] == []
    assert [
        d["name"] for d in read.read(engine, actor=facilitator, entities=kinds, deleted=True).data["department"]
    ] == ["Sales"]


def test_the_whole_workshop_follows_any_change(engine, facilitator) -> None:
    first = read.read(engine, actor=facilitator, entities=None)
    assert "step_progress" in first.data and "participant" in first.data
    assert read.read(engine, actor=facilitator, entities=None, previous=first) is first
    create(engine, facilitator, "offering", name="Us", kind="ours")
    again = read.read(engine, actor=facilitator, entities=None, previous=first)
    assert again.data["offering"][0]["name"] == "Us"


def test_a_settings_change_moves_the_marker_of_every_read(engine, workshop) -> None:
    info, fay = workshop
    first = read.read(engine, actor=fay, entities=("vote",))
    settings(engine, fay, voting_anonymous=False)
    assert read.read(engine, actor=fay, entities=("vote",), previous=first) is not first


def test_the_workshop_row_holds_no_secret(engine, facilitator) -> None:
    workshop = read.read(engine, actor=facilitator, entities=()).data["workshop"][0]
    assert "passcode_hash" not in workshop and workshop["join_code"]


@pytest.fixture
def brainstorm(engine, workshop):
    """Pat's hidden pain, a shared pain with anonymous dots from Pat and Kim, a factor linked to both."""
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")["id"]
    shared = create(engine, fay, "pain", customer_id=customer, text="Shared")
    pat, kim = join(engine, info, "Pat"), join(engine, info, "Kim")
    settings(engine, fay, brainstorm_private=True, voting_open=True)
    secret = create(engine, pat, "pain", customer_id=customer, text="Pat's secret")
    factor = create(engine, pat, "value_factor", customer_id=customer, name="Speed")
    for pain in (secret, shared):
        create(engine, pat, "factor_pain", factor_id=factor["id"], pain_id=pain["id"])
    set_dots(engine, actor=pat, pain_id=shared["id"], dots=2)
    set_dots(engine, actor=kim, pain_id=shared["id"], dots=3)
    return fay, pat, kim


def test_hidden_entries_reach_only_their_author(engine, brainstorm) -> None:
    fay, pat, kim = brainstorm
    for person in (fay, kim):
        data = read.read(engine, actor=person).data
        assert "Pat's secret" not in repr(data)
        assert len(data["factor_pain"]) == 1 and withheld(data, "pain") == 1
    assert "Pat's secret" in {p["text"] for p in read.read(engine, actor=pat).data["pain"]}


def test_anonymous_dots_carry_only_the_readers_own_name(engine, brainstorm) -> None:
    fay, pat, kim = brainstorm
    for person, own in ((pat, 2), (kim, 3), (fay, 0)):
        votes = read.read(engine, actor=person, entities=("vote",)).data["vote"]
        assert {v["participant_id"] for v in votes} <= {person.participant_id, None}
        assert sum(v["dots"] for v in votes if v["participant_id"] == person.participant_id) == own
        assert sum(v["dots"] for v in votes) == 5


def test_the_bin_follows_the_same_rules(engine, brainstorm) -> None:
    fay, pat, kim = brainstorm
    secret = next(p for p in read.read(engine, actor=pat, entities=("pain",)).data["pain"] if p["hidden"])
    services.delete(engine, actor=pat, entity_name="pain", row_id=secret["id"])
    assert read.read(engine, actor=kim, entities=("pain",), deleted=True).data["pain"] == []
    assert [p["text"] for p in read.read(engine, actor=pat, entities=("pain",), deleted=True).data["pain"]] == [
        "Pat's secret"
    ]


def test_the_backup_is_the_facilitators_and_holds_everything(engine, brainstorm) -> None:
    fay, pat, kim = brainstorm
    everything = read.backup(engine, actor=fay)
    assert "Pat's secret" in {p["text"] for p in everything["pain"]}
    assert {v["participant_id"] for v in everything["vote"]} == {pat.participant_id, kim.participant_id}
    with pytest.raises(PermissionDenied):
        read.backup(engine, actor=pat)


def test_someone_no_longer_in_the_room_reads_nothing(engine, workshop) -> None:
    info, fay = workshop
    pat = join(engine, info, "Pat")
    live.hand_over(engine, actor=fay, participant_id=pat.participant_id)
    assert read.read(engine, actor=fay, entities=()).viewer.role == "participant"
    with pytest.raises(PermissionDenied):
        read.read(engine, actor=Actor(fay.workshop_id, 999_999), entities=())


def test_a_reread_after_a_change_keeps_the_rules(engine, brainstorm) -> None:
    """Only what changed is read again, but rows whose visibility depends on the reader are filtered anew."""
    fay, pat, kim = brainstorm
    first = read.read(engine, actor=kim)
    customer = first.data["customer"][0]["id"]
    create(engine, pat, "pain", customer_id=customer, text="Pat's second secret")
    again = read.read(engine, actor=kim, previous=first)
    assert "secret" not in repr(again.data) and withheld(again.data, "pain") == 2
    assert again.data["department"] is first.data["department"]
    settings(engine, fay, voting_anonymous=False)
    named = read.read(engine, actor=kim, previous=again)
    assert {v["participant_id"] for v in named.data["vote"]} == {pat.participant_id, kim.participant_id}


def test_readers_who_see_the_same_rows_share_a_read(engine, brainstorm) -> None:
    fay, pat, kim = brainstorm
    room = ("department", "customer")
    first = read.read(engine, actor=pat, entities=room)
    assert read.read(engine, actor=kim, entities=room, previous=first) is first
    pains = read.read(engine, actor=pat, entities=("pain",))
    assert "Pat's secret" not in repr(read.read(engine, actor=kim, entities=("pain",), previous=pains).data)


def _selects_of(engine, table: str) -> list[str]:
    """The statements that read `table`'s rows, as they are executed (collected until the test ends)."""
    from sqlalchemy import event

    seen: list[str] = []

    def heard(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT") and f"FROM {table}" in statement.replace('"', ""):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", heard)
    return seen


def test_a_room_reads_the_rows_that_depend_on_the_reader_once(engine, brainstorm) -> None:
    """After a pain changed, the thirty people of a room, each a reader of their own, do not read the pains
    thirty times: the stored rows are read once and filtered for each of them."""
    fay, pat, kim = brainstorm
    kinds = ("pain", "vote")
    before = {p: read.read(engine, actor=p, entities=kinds) for p in (pat, kim, fay)}
    customer = before[pat].data["pain"][0]["customer_id"]
    create(engine, pat, "pain", customer_id=customer, text="Pat's second secret")
    pains = _selects_of(engine, "pain")
    after = {p: read.read(engine, actor=p, entities=kinds, previous=before[p]) for p in (pat, kim, fay)}
    assert len(pains) == 1
    assert {p["text"] for p in after[pat].data["pain"]} == {"Shared", "Pat's secret", "Pat's second secret"}
    for person in (kim, fay):
        assert "secret" not in repr(after[person].data) and withheld(after[person].data, "pain") == 2
        assert {v["participant_id"] for v in after[person].data["vote"]} <= {person.participant_id, None}


def test_what_a_merge_moves_is_read_again(engine, brainstorm) -> None:
    """A merge points the pains' actions at the merged pain under the pain's change marker alone: a view
    of the actions (and the rows kept for everyone) follows it."""
    from db import merge

    fay, pat, kim = brainstorm
    settings(engine, fay, brainstorm_private=False)
    shared = read.read(engine, actor=fay, entities=("pain",)).data["pain"][0]
    pains = [shared, create(engine, fay, "pain", customer_id=shared["customer_id"], text="Also")]
    action = create(engine, fay, "action", text="Call them", source="pain", pain_id=pains[0]["id"])
    first = read.read(engine, actor=kim, entities=("action",))
    assert [a["pain_id"] for a in first.data["action"]] == [pains[0]["id"]]
    merged = merge.merge(engine, actor=fay, pain_ids=[p["id"] for p in pains], text="Both")
    later = read.read(engine, actor=kim, entities=("action",), previous=first)
    for again in (later, read.read(engine, actor=pat, entities=("action",))):
        assert [(a["id"], a["pain_id"]) for a in again.data["action"]] == [(action["id"], merged["id"])]
