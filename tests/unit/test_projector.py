"""What the projector shows of a workshop's rows: ranked lists while voting, names only for named voting, hidden
entries only as a count (the reader's own hidden ones too)."""

from cvm_core.projector import screen
from cvm_core.visibility import WITHHELD

ME, ANN, BOB = 1, 2, 3


def snapshot(*, voting_open: bool = True, anonymous: bool = True, withheld: int = 0) -> dict:
    pains = [
        {"id": 10, "customer_id": 100, "text": "Late trucks", "severity": 3, "frequency": 3, "hidden": False},
        {"id": 11, "customer_id": 100, "text": "Missing items", "severity": 5, "frequency": 5, "hidden": False},
        {"id": 12, "customer_id": 100, "text": "Rude driver", "severity": 1, "frequency": 1, "hidden": False},
        {"id": 13, "customer_id": 100, "text": "<b>Invoices</b>", "severity": 1, "frequency": 2, "hidden": False},
        {"id": 14, "customer_id": 100, "text": "My own secret", "severity": 5, "frequency": 5, "hidden": True},
        {"id": 20, "customer_id": 200, "text": "Slow answers", "severity": 2, "frequency": 2, "hidden": False},
    ]
    votes = [
        {"id": 1, "pain_id": 10, "participant_id": ANN, "dots": 3},
        {"id": 2, "pain_id": 10, "participant_id": BOB, "dots": 1},
        {"id": 3, "pain_id": 12, "participant_id": ME, "dots": 2},
    ]
    return {
        "workshop": [
            {"name": "Room", "join_code": "ABC234", "voting_open": voting_open, "voting_anonymous": anonymous}
        ],
        "participant": [
            {"id": ME, "display_name": "Fay"},
            {"id": ANN, "display_name": "Ann"},
            {"id": BOB, "display_name": "Bob"},
        ],
        "customer": [{"id": 100, "name": "Shops"}, {"id": 200, "name": "Hotels"}, {"id": 300, "name": "No pains"}],
        "pain": pains,
        "vote": votes,
        WITHHELD: [{"entity": "pain", "count": withheld}] if withheld else [],
    }


def test_ranked_lists_while_voting_the_top_few_per_customer() -> None:
    shown = screen(snapshot(), top=3)
    assert (shown.name, shown.join_code, shown.voting_open, shown.anonymous) == ("Room", "ABC234", True, True)
    assert [b.customer for b in shown.boards] == ["Shops", "Hotels"]  # a customer without pains is left out
    shops = shown.boards[0]
    assert [(line.rank, line.text, line.dots) for line in shops.lines] == [
        (1, "Late trucks", 4),
        (2, "Rude driver", 2),
        (3, "Missing items", 0),
    ]
    assert shops.more == 1  # "<b>Invoices</b>" is the fourth: counted, not listed
    assert all(line.voters == "" for b in shown.boards for line in b.lines)  # anonymous: no names at all


def test_named_voting_shows_who_gave_the_dots() -> None:
    shops = screen(snapshot(anonymous=False), top=3).boards[0]
    assert shops.lines[0].voters == "Ann (3), Bob (1)"
    assert shops.lines[1].voters == "Fay (2)"


def test_hidden_entries_are_a_count_even_the_readers_own() -> None:
    shown = screen(snapshot(withheld=2), top=10)
    texts = [line.text for b in shown.boards for line in b.lines]
    assert "My own secret" not in texts and "<b>Invoices</b>" in texts  # user text stays as it was typed
    assert shown.hidden == 3  # two withheld from the reader, one of the reader's own


def test_no_lists_while_voting_is_closed() -> None:
    shown = screen(snapshot(voting_open=False, withheld=1), top=3)
    assert shown.boards == () and shown.hidden == 2
