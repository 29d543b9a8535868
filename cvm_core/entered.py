"""Entries made for someone else: who a facilitator or scribe may enter for, and how an entry names its
author and who entered it ("Bob (entered by Fay)")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cvm_core.policy import ENTERED_FOR
from cvm_core.rows import Row


def for_whom(people: Iterable[Row], me: int | None) -> list[Row]:
    """The people one may enter pains and dots for (participants, not oneself), by name; those who have
    not come in yet (no device) first."""
    found = [p for p in people if p.get("role") in ENTERED_FOR and p["id"] != me]
    return sorted(found, key=lambda p: (p.get("claimed_at") is not None, p["display_name"].casefold()))


def byline(row: Row, names: Mapping[int, str], owner: str = "author_id") -> tuple[str, str | None]:
    """(the author's name, the name of who entered it for them or None); "—" for an unknown author."""
    author = names.get(row.get(owner), "—") if row.get(owner) is not None else "—"
    by = row.get("entered_by_id")
    return author, (names.get(by, "—") if by is not None else None)
