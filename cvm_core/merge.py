"""Merging pains that say the same thing: the arithmetic, and a model of what a merge and its undo do.

The facilitator merges two or more pains of one customer into one, with one of their texts or a new one.
- Votes move to the merged pain. A person who voted on several of the merged pains keeps the largest of
  those votes, not their sum: the pains were one pain, and a sum could exceed the dots per person. That
  overlap is the only loss, and it is reported (`Plan.lost`); nobody's total of dots grows, so no budget is
  exceeded.
- The value factors that answered any of the pains answer the merged pain (their links are united).
- The merged pain takes the highest severity and frequency of the originals, and the author of the pain
  whose text it keeps (of the first pain when the text is new).
- Undo brings back the originals with their votes and links exactly as they were at the merge, and takes
  the merged pain away with whatever dots were put on it since. It is refused when someone has spent their
  freed dots meanwhile so that the originals' votes would put them over the budget.

Pure: rows in, a plan out; db/merge.py carries it out with soft deletes, so that undo is a restore.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from cvm_core.errors import BudgetExceeded, FieldError, ValidationError
from cvm_core.rows import Row
from cvm_core.settings import MERGE_MAX
from cvm_core.validation import text_key

ENTITY = "pain"


@dataclass(frozen=True)
class Plan:
    customer_id: int
    text: str
    severity: int
    frequency: int
    author_id: int | None
    votes: dict[int, int]  # participant id -> dots on the merged pain
    lost: dict[int, int]  # participant id -> dots the overlap took (only people who lose some)
    factors: tuple[int, ...]  # value factors linked to the merged pain

    @property
    def pain(self) -> dict[str, Any]:
        """The merged pain's fields."""
        return {
            "customer_id": self.customer_id,
            "text": self.text,
            "severity": self.severity,
            "frequency": self.frequency,
            "hidden": False,
            "author_id": self.author_id,
        }


def _refuse(key: str, **params: Any) -> ValidationError:
    return ValidationError([FieldError("pain_ids", key, params)], ENTITY)


def _check(pains: Sequence[Row], ids: Sequence[int]) -> list[Row]:
    wanted = list(dict.fromkeys(ids))
    if not 2 <= len(wanted) <= MERGE_MAX:
        raise _refuse("merge.err.count", max=MERGE_MAX)
    by_id = {p["id"]: p for p in pains}
    if any(i not in by_id for i in wanted):
        raise _refuse("merge.err.gone")
    chosen = [by_id[i] for i in wanted]
    if len({p["customer_id"] for p in chosen}) != 1:
        raise _refuse("merge.err.customers")
    if any(p.get("hidden") for p in chosen):
        raise _refuse("merge.err.hidden")
    return chosen


def plan(pains: Sequence[Row], votes: Iterable[Row], links: Iterable[Row], *, ids: Sequence[int], text: str) -> Plan:
    """How pains `ids` (live rows among `pains`) become one with `text`; raises ValidationError when they
    cannot be merged (fewer than two, too many, gone, of different customers, still hidden)."""
    chosen = _check(pains, ids)
    members = {p["id"] for p in chosen}
    given: dict[int, list[int]] = {}
    for v in votes:
        if v["pain_id"] in members and v.get("participant_id") is not None:
            given.setdefault(v["participant_id"], []).append(v["dots"] or 0)
    kept = {person: max(dots) for person, dots in given.items() if max(dots) > 0}
    lost = {person: sum(dots) - max(dots) for person, dots in given.items() if len(dots) > 1 and sum(dots) > max(dots)}
    factors = tuple(dict.fromkeys(link["factor_id"] for link in links if link["pain_id"] in members))
    source = next((p for p in chosen if text_key(p["text"]) == text_key(text)), chosen[0])
    return Plan(
        customer_id=chosen[0]["customer_id"],
        text=text,
        severity=max(p.get("severity") or 1 for p in chosen),
        frequency=max(p.get("frequency") or 1 for p in chosen),
        author_id=source.get("author_id"),
        votes=kept,
        lost=lost,
        factors=factors,
    )


# --- a model of the workshop's live pains, votes and links, to reason about a merge and its undo ----------------


@dataclass(frozen=True)
class Board:
    """Live pains (id -> row), votes ((pain id, participant id) -> dots) and factor links ((factor, pain))."""

    pains: dict[int, Row]
    votes: dict[tuple[int, int], int]
    links: frozenset[tuple[int, int]]
    binned: dict[int, tuple[Row, dict[tuple[int, int], int], frozenset[tuple[int, int]]]] = field(default_factory=dict)

    def spent(self, participant_id: int) -> int:
        return sum(d for (_, who), d in self.votes.items() if who == participant_id)

    def live(self) -> tuple[dict[int, Row], dict[tuple[int, int], int], frozenset[tuple[int, int]]]:
        """What people see: the live rows (the bin left out)."""
        return self.pains, self.votes, self.links


def _bin(board: Board, pain_id: int) -> Board:
    """Soft-delete a pain with its votes and links (they come back with it)."""
    votes = {k: d for k, d in board.votes.items() if k[0] == pain_id}
    links = frozenset(link for link in board.links if link[1] == pain_id)
    return Board(
        {i: p for i, p in board.pains.items() if i != pain_id},
        {k: d for k, d in board.votes.items() if k[0] != pain_id},
        board.links - links,
        {**board.binned, pain_id: (board.pains[pain_id], votes, links)},
    )


def _unbin(board: Board, pain_id: int) -> Board:
    pain, votes, links = board.binned[pain_id]
    return Board(
        {**board.pains, pain_id: pain},
        {**board.votes, **votes},
        board.links | links,
        {i: b for i, b in board.binned.items() if i != pain_id},
    )


def apply(board: Board, ids: Sequence[int], merged: Plan, new_id: int) -> Board:
    """The board after the merge: the originals in the bin, the merged pain with its votes and links."""
    for pain_id in dict.fromkeys(ids):
        board = _bin(board, pain_id)
    votes = {**board.votes, **{(new_id, who): d for who, d in merged.votes.items()}}
    links = board.links | {(f, new_id) for f in merged.factors}
    return Board({**board.pains, new_id: {"id": new_id, **merged.pain}}, votes, frozenset(links), board.binned)


def undo(board: Board, ids: Sequence[int], new_id: int, budget: int) -> Board:
    """The board after the undo: the merged pain gone with its votes, the originals back with theirs;
    BudgetExceeded when someone would then hold more dots than `budget`."""
    if new_id in board.pains:
        board = _bin(board, new_id)
    for pain_id in dict.fromkeys(ids):
        board = _unbin(board, pain_id)
    found = over_budget(board.votes, budget)
    if found is not None:
        raise BudgetExceeded("merge.err.undo_budget", budget=budget, name=str(found[0]), total=found[1])
    return board


def over_budget(votes: dict[tuple[int, int], int], budget: int) -> tuple[int, int] | None:
    """(participant id, their dots) of the first person holding more dots than `budget`, or None."""
    totals: dict[int, int] = {}
    for (_, who), dots in votes.items():
        totals[who] = totals.get(who, 0) + dots
    return next(((who, total) for who, total in sorted(totals.items()) if total > budget), None)


def similar(pains: Iterable[Row], threshold: float = 0.8) -> list[tuple[int, int]]:
    """Pairs of a customer's pains whose texts read almost the same: candidates to merge."""
    shown = [p for p in pains if not p.get("hidden")]
    out = []
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            if a["customer_id"] != b["customer_id"]:
                continue
            ratio = SequenceMatcher(None, text_key(a["text"]), text_key(b["text"])).ratio()
            if ratio >= threshold:
                out.append((a["id"], b["id"]))
    return out
