"""The projector's screen read through the one read door as the facilitator, on both databases: others' hidden
entries and the facilitator's own only as a count, no names under anonymous voting, names under named voting."""

from cvm_core import projector
from cvm_core import settings as s
from db import read
from db.pains import reveal, set_dots
from tests.helpers import create, join, settings
from ui import registry

READS = registry.page("projector").reads


def shown(engine, fay) -> projector.Screen:  # noqa: ANN001
    return projector.screen(read.read(engine, actor=fay, entities=READS).data, top=s.PROJECTOR_TOP_PAINS)


def test_the_projector_counts_hidden_entries_and_names_no_voter_when_anonymous(engine, workshop) -> None:
    info, fay = workshop
    shops = create(engine, fay, "customer", name="Shops")["id"]
    late = create(engine, fay, "pain", customer_id=shops, text="Late trucks")
    pat = join(engine, info, "Pat")
    settings(engine, fay, brainstorm_private=True, voting_open=True)
    create(engine, pat, "pain", customer_id=shops, text="Pat's secret")
    create(engine, fay, "pain", customer_id=shops, text="Fay's secret")
    set_dots(engine, actor=pat, pain_id=late["id"], dots=2)

    screen = shown(engine, fay)
    lines = [(line.text, line.dots, line.voters) for board in screen.boards for line in board.lines]
    assert lines == [("Late trucks", 2, "")]
    assert screen.hidden == 2 and screen.anonymous

    settings(engine, fay, voting_anonymous=False)
    assert shown(engine, fay).boards[0].lines[0].voters == "Pat (2)"

    reveal(engine, actor=fay)
    screen = shown(engine, fay)
    assert screen.hidden == 0
    assert {line.text for line in screen.boards[0].lines} == {"Late trucks", "Pat's secret", "Fay's secret"}

    settings(engine, fay, voting_open=False)
    assert shown(engine, fay).boards == ()
