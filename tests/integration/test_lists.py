"""web/lists.py: the rows a live list gets on the change stream are the reader's own view of the room (the read
door's rules), ranked as the page ranks them, and newer after each change; on SQLite and PostgreSQL."""

from cvm_core import pains as core
from db import pains, read
from tests.helpers import create, join, settings
from web import lists


def ranked(engine, actor, customer: int) -> list[str]:  # noqa: ANN001
    made = lists.rows(engine, actor, {"kind": "ranking", "customer": customer})
    assert made is not None
    return [r["text"] for r in made.rows]


def test_a_list_is_ranked_as_the_page_ranks_it_and_moves_on_with_each_change(engine, workshop) -> None:
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")["id"]
    other = create(engine, fay, "customer", name="Hotels")["id"]
    slow = create(engine, fay, "pain", customer_id=customer, text="Slow answers", severity=2, frequency=2)
    create(engine, fay, "pain", customer_id=customer, text="Wrong invoices", severity=3, frequency=3)
    create(engine, fay, "pain", customer_id=other, text="Noisy rooms")
    spec = {"kind": "ranking", "customer": customer}
    first = lists.rows(engine, fay, spec)
    assert [r["text"] for r in first.rows] == ["Wrong invoices", "Slow answers"]
    data = read.read(engine, actor=fay, entities=("pain", "vote", "participant")).data
    page = core.board(core.ranking([p for p in data["pain"] if p["customer_id"] == customer], data["vote"]), [],
                      me=fay.participant_id, names={}, anonymous=True)  # fmt: skip
    assert [r["id"] for r in first.rows] == [r["id"] for r in page]
    settings(engine, fay, voting_open=True)
    pains.set_dots(engine, actor=fay, pain_id=slow["id"], dots=2)
    second = lists.rows(engine, fay, spec)
    assert second.version > first.version
    assert [(r["text"], r["dots"], r["mine"]) for r in second.rows][0] == ("Slow answers", 2, 2)


def test_a_list_carries_only_what_its_reader_may_see(engine, workshop) -> None:
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")["id"]
    create(engine, fay, "pain", customer_id=customer, text="Shared")
    pat, kim = join(engine, info, "Pat"), join(engine, info, "Kim")
    settings(engine, fay, brainstorm_private=True, voting_open=True, voting_anonymous=True)
    create(engine, pat, "pain", customer_id=customer, text="Pat's secret")
    shared = next(p for p in read.read(engine, actor=kim, entities=("pain",)).data["pain"] if p["text"] == "Shared")
    pains.set_dots(engine, actor=pat, pain_id=shared["id"], dots=1)
    for person in (kim, fay):
        made = lists.rows(engine, person, {"kind": "ranking", "customer": customer})
        assert "Pat's secret" not in repr(made.rows) and "Pat" not in repr(made.rows)
    settings(engine, fay, voting_anonymous=False)
    assert [r["voters"] for r in lists.rows(engine, kim, {"kind": "ranking", "customer": customer}).rows] == ["Pat (1)"]
    pains.reveal(engine, actor=fay)
    assert "Pat's secret" in ranked(engine, kim, customer)


def test_a_list_the_server_does_not_know_gets_nothing(engine, workshop) -> None:
    info, fay = workshop
    assert lists.rows(engine, fay, {"kind": "passcodes"}) is None
    assert lists.rows(engine, fay, {"kind": "ranking", "customer": "not a number"}) is None
    assert lists.rows(engine, fay, {"kind": "ranking"}) is None
    assert ranked(engine, fay, 10**9) == []  # no such customer here: nothing, not an error
    assert lists.follows({"kind": "ranking"}, {"vote"}) and lists.follows({"kind": "ranking"}, {"*"})
    assert not lists.follows({"kind": "ranking"}, {"customer", "room"})
    assert not lists.follows({"kind": "passcodes"}, {"*"})
