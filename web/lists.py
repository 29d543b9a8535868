"""Lists that follow the room without a Streamlit run: the rows a page's list shows, computed by the server for
the person whose change stream asks for them (web/changes.py), through the read door (db/read.py: only
what that person may see).

A change in a busy room used to rerun a fragment in every browser; Streamlit's own work for one run costs
each page about 80 ms of its renderer, whatever the fragment draws (measured with 30 Chromium pages on two
cores: the rows drawn by a component instead of the data grid saved 5 ms of it). For a list, the stream
now carries the new rows to the component that draws them (ui/live_list.py): one message, a few
milliseconds in the browser, no run on the server.

A list is named by a `spec` the page gives its component: which list ("kind") and its arguments. Each kind
says the topics it follows and how its rows are made; a spec the server does not know gets nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from cvm_core import pains as core
from db import read
from db.services import Actor

Row = dict[str, Any]


@dataclass(frozen=True)
class Rows:
    """A list's rows and the newest change they include (a component keeps the newest it was given)."""

    version: int
    rows: list[Row]


@dataclass(frozen=True)
class Kind:
    topics: tuple[str, ...]  # the entities whose changes change its rows
    reads: tuple[str, ...]  # what it reads
    make: Callable[[read.View, Actor, Mapping[str, Any]], list[Row]]


RANKING_COLUMNS = ("id", "rank", "text", "dots", "severity", "frequency", "weight", "mine", "voters")


def ranking_rows(data: Mapping[str, list[Row]], *, customer_id: int, me: int | None) -> list[Row]:
    """Step 2's ranked list of `customer_id`'s pains, as `data` (rows one person may see) has them."""
    now = data["workshop"][0]
    names = {p["id"]: p["display_name"] for p in data["participant"]}
    seen = [p for p in data["pain"] if p["customer_id"] == customer_id]
    ranked = core.ranking(seen, data["vote"])
    board = core.board(ranked, data["vote"], me=me, names=names, anonymous=now["voting_anonymous"])
    return [{k: r[k] for k in RANKING_COLUMNS} for r in board]


def _ranking(view: read.View, actor: Actor, spec: Mapping[str, Any]) -> list[Row]:
    return ranking_rows(view.data, customer_id=int(spec["customer"]), me=actor.participant_id)


KINDS: dict[str, Kind] = {"ranking": Kind(("pain", "vote"), ("pain", "vote", "participant"), _ranking)}


def version(view: read.View, kind: str) -> int:
    """The newest change a list of `kind` made from `view` includes."""
    names = read.marked(KINDS[kind].reads) or ()
    return max((view.markers.get(n, 0) for n in names), default=0)


def follows(spec: Mapping[str, Any], topics: frozenset[str] | set[str]) -> bool:
    """Whether a change of `topics` ("*": anything) may change the rows of the list `spec` names."""
    kind = KINDS.get(str(spec.get("kind")))
    return kind is not None and ("*" in topics or bool(topics.intersection(kind.topics)))


def rows(engine: Engine, actor: Actor, spec: Mapping[str, Any]) -> Rows | None:
    """The rows of the list `spec` names, as `actor` may see them now; None for a spec the server does not
    know (or bad arguments)."""
    name = str(spec.get("kind"))
    kind = KINDS.get(name)
    if kind is None:
        return None
    view = _read(engine, actor, kind.reads)
    try:
        made = kind.make(view, actor, spec)
    except (KeyError, TypeError, ValueError):
        return None
    return Rows(version(view, name), made)


_kept = read.Kept(256)  # each reader's newest read of each kind's entities


def _read(engine: Engine, actor: Actor, names: tuple[str, ...]) -> read.View:
    """`actor`'s rows of `names`, passing their newest read as `previous`: only what changed is read again,
    and rows whose visibility depends on the reader are read once for the room and filtered for each."""
    key = (str(engine.url), actor.workshop_id, actor.participant_id, names)
    known = _kept.get(key)
    view = read.read(engine, actor=actor, entities=names, previous=known)
    if view is not known:
        _kept.put(key, view)
    return view
