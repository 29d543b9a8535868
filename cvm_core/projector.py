"""What the projector shows of a workshop's rows: while voting is open, each customer's live ranked list
(without names under anonymous voting), and hidden brainstorm entries only as a count.

The rows come from the read door as the facilitator sees them (cvm_core/visibility.py): others' hidden
entries are already withheld and counted, others' anonymous votes already carry no author. The big screen
goes further than the facilitator's own view: their own hidden entries are counted, not shown, and under
anonymous voting no name appears at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from cvm_core import pains
from cvm_core.rows import Snapshot
from cvm_core.visibility import withheld


@dataclass(frozen=True)
class Line:
    """One pain of a ranked list: its place, text, dots and (named voting only) who gave them."""

    rank: int
    text: str
    dots: int
    voters: str


@dataclass(frozen=True)
class Board:
    """A customer's ranked list: its first lines and how many more pains it has."""

    customer: str
    lines: tuple[Line, ...]
    more: int


@dataclass(frozen=True)
class Screen:
    name: str
    join_code: str
    voting_open: bool
    anonymous: bool
    boards: tuple[Board, ...]  # empty while voting is closed
    hidden: int  # brainstorm entries nobody in the room may read yet


def hidden_entries(data: Snapshot) -> int:
    """Hidden brainstorm entries: those withheld from the reader and the reader's own hidden ones."""
    return pains.hidden_count(data.get("pain", [])) + withheld(data, "pain")


def boards(data: Snapshot, *, top: int, anonymous: bool) -> tuple[Board, ...]:
    """Each customer with pains (in the customers' order), its first `top` pains by dots."""
    names = {p["id"]: p["display_name"] for p in data.get("participant", [])}
    votes = data.get("vote", [])
    ranked = pains.ranked_by_customer(data.get("pain", []), votes)
    out = []
    for customer in data.get("customer", []):
        found = ranked.get(customer["id"], [])
        if not found:
            continue
        rows = pains.board(found[:top], votes, me=None, names=names, anonymous=anonymous)
        lines = tuple(Line(r["rank"], r["text"], r["dots"], r["voters"]) for r in rows)
        out.append(Board(customer["name"], lines, len(found) - len(lines)))
    return tuple(out)


def screen(data: Snapshot, *, top: int) -> Screen:
    """The projector's view of `data` (the workshop row, customers, pains, votes and people)."""
    workshop = data["workshop"][0]
    voting, anonymous = bool(workshop["voting_open"]), bool(workshop["voting_anonymous"])
    return Screen(
        name=workshop["name"],
        join_code=workshop["join_code"],
        voting_open=voting,
        anonymous=anonymous,
        boards=boards(data, top=top, anonymous=anonymous) if voting else (),
        hidden=hidden_entries(data),
    )
