"""What every workshop page starts with: one call that finds the workshop and the person, draws the page's
header and reads the rows the page shows through the one read door (db/read.py).

app.py finds the person once per run (`start_run`), and its sidebar reads the page's rows with the
departments it lists (`departments`); `open(key)` then gives the page a `Frame`: those rows the person may
see, whether the page is read-only, and `once()` for what a page derives from its rows, kept while the rows
it reads stay the same. Reads are kept for the whole server, shared by the people who may see the same
rows: a rerun while nothing changed costs one small query, and after a change only the entities that
changed are read again and derived once for the room."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlparse

import streamlit as st

from cvm_core import policy, visibility
from cvm_core.errors import NotFound, PermissionDenied
from cvm_core.i18n import has
from cvm_core.rows import Row
from cvm_core.visibility import Viewer
from db import read
from db.services import Actor
from ui import registry, sessions, state
from ui.state import t
from ui.widgets import guidance, md, step_status

T = TypeVar("T")
HERE = "_here"  # who this session is, found once per run by app.py (absent when a page runs on its own)
VIA_APP = "_via_app"
WANTED = "_wanted_page"
CURRENT = "_page"  # the registry key of the page this run draws (set by app.py; its unsaved input is the page's)
EARLY = "_early_rows"  # (page key, its rows): read by the sidebar for the page this run draws, taken by `open`
SHARED_ENTRIES = 256  # reads kept for the whole server (each a workshop, an audience and a page's entities)


@dataclass(frozen=True)
class Here:
    """The current workshop, the person acting in it and their role."""

    actor: Actor
    workshop: Row
    person: Row

    @property
    def is_facilitator(self) -> bool:
        """Runs the room: the facilitator or a co-facilitator."""
        return policy.runs_room(self.person["role"])

    @property
    def read_only(self) -> bool:
        return self.workshop["archived_at"] is not None

    @property
    def workshop_id(self) -> int:
        return self.actor.workshop_id


@dataclass(frozen=True)
class Frame:
    """A workshop page's rows and state for this run."""

    page: registry.Page
    here: Here
    view: read.View
    read_only: bool
    memo: dict[Hashable, Any]

    @property
    def data(self) -> dict[str, list[Row]]:
        return self.view.data

    @property
    def workshop(self) -> Row:
        """The workshop row as read at the start of this run (its clock and current step are current)."""
        return self.here.workshop

    @property
    def me(self) -> int | None:
        return self.here.actor.participant_id

    @property
    def actor(self) -> Actor:
        return self.here.actor

    def once(
        self,
        name: Hashable,
        compute: Callable[[], T],
        uses: Iterable[str] | None = None,
        also: Any = None,
        ignore: Mapping[str, tuple[str, ...]] | None = None,
    ) -> T:
        """`compute()` kept while the rows it derives from and the language stay the same, shared with the
        other readers of the same view. `uses` names the entities it reads (None: every row of the page),
        so that it survives changes of the others; `also` is anything else it depends on, compared by
        equality; `ignore` names fields of those entities that `compute` does not read ({"department":
        ("description",)}): a change of only those keeps what was derived."""
        if ignore:
            if uses is None and self.page.reads is None:
                raise ValueError(f"{self.page.key} reads every row: name what `ignore` leaves out of `uses`")
            read_here = tuple(self.page.reads if uses is None else uses)
            uses = [e for e in read_here if e not in ignore]
            kept = tuple(without(self.data.get(e, []), *fields) for e, fields in ignore.items() if e in read_here)
            also = (also, kept)
        key, version = (state.lang(), name), (self._version(uses), also)
        found = self.memo.get(key)
        if found is not None and found[0] == version:
            return found[1]
        value = compute()
        self.memo[key] = (version, value)
        return value

    def _version(self, uses: Iterable[str] | None) -> tuple[tuple[str, int], ...]:
        """The change markers of the rows `uses` reads (with the workshop and, for rows that depend on who
        reads, the people and every such row of the page, which are read again together: read.marked)."""
        markers = self.view.markers
        if uses is None:
            return tuple(sorted(markers.items()))
        names = read.marked(tuple(uses)) or ()
        if visibility.PERSONAL.intersection(names):
            mine = visibility.PERSONAL if self.page.reads is None else visibility.PERSONAL & set(self.page.reads)
            names = (*names, *sorted(mine - set(names)))
        if self.page.reads is not None and not set(names) <= set(markers):
            raise ValueError(f"{self.page.key} does not read {sorted(set(names) - set(markers))}")
        return tuple((n, markers.get(n, 0)) for n in names)

    def fresh(self) -> dict[str, list[Row]]:
        """The page's rows as they are now (for a fragment that refreshes on its own)."""
        return self.fresh_view().data

    def fresh_view(self) -> read.View:
        """`fresh`, with the change markers it was read at."""
        return rows(self.here, self.page.reads)[0]


def without(rows: list[Row], *fields: str) -> tuple[tuple[tuple[str, Any], ...], ...]:
    """The rows but `fields` (and their version), as a value to compare: `once(also=...)` for what is derived
    from those rows without reading these fields (the teams but their descriptions, say)."""
    return tuple(tuple((k, v) for k, v in r.items() if k != "version" and k not in fields) for r in rows)


def _find() -> Here | None:
    found = state.current()
    return Here(*found) if found is not None else None


def start_run() -> Here | None:
    """Find who this session is in its current workshop, once for the whole run (app.py calls it first
    and `end_run` when the page is done)."""
    st.session_state[HERE] = _find()
    st.session_state[VIA_APP] = True
    return st.session_state[HERE]


def end_run() -> None:
    st.session_state.pop(HERE, None)
    st.session_state.pop(EARLY, None)
    _settle_memory()


_settled = threading.Event()


def _settle_memory() -> None:
    """Once per process, after the first page ran (so the app's modules, catalogues and caches are loaded):
    collect, then freeze what survives out of the garbage collector's sight. A full collection over a
    long-lived server's start-up objects held the interpreter, and so every session, for about 0.3 s;
    with them frozen it takes a tenth of that."""
    if _settled.is_set():
        return
    _settled.set()
    gc.collect()
    gc.freeze()


def here() -> Here | None:
    """Who this session is in its current workshop, as found at the start of this run (found now when a
    page runs without app.py, as Streamlit's test harness and a first visit after a start may do)."""
    return st.session_state[HERE] if HERE in st.session_state else _find()


def ensure_app() -> None:
    """Pages run inside app.py's navigation. On the very first run after a server start, Streamlit may
    run a page file on its own (its older pages/ discovery); send such a session through app.py."""
    if not st.session_state.get(VIA_APP):
        path = urlparse(st.context.url or "").path.strip("/").rsplit("/", 1)[-1]
        st.session_state[WANTED] = f"pages/{path}.py" if path else None
        st.switch_page("app.py")


def require_workshop() -> Here:
    """The current workshop; stops the page with a pointer home when this session has none."""
    ensure_app()
    found = here()
    if found is None:
        if not sessions.notice():
            st.info(t("common.need_workshop"), icon="👋")
        st.page_link(registry.HOME.path, label=t("common.go_home"), icon="🏠")
        st.stop()
    return found


@st.cache_resource
def _shared() -> read.Kept:
    """Reads kept for every session of this server: the newest view of each (workshop, audience, entities)
    and what pages derived from it. Views are never changed, and a key is shared only by readers who may
    see exactly the same rows (cvm_core.visibility.audience), so a room of thirty reads and derives once."""
    return read.Kept(SHARED_ENTRIES)


def rows(here: Here, entities: Iterable[str] | None) -> tuple[read.View, dict[Hashable, Any]]:
    """The rows of `entities` this person may see, with the memo of what was derived from them. Only
    entities whose change marker moved are read again; what readers of the same audience share is kept
    once for the whole server."""
    names = None if entities is None else tuple(entities)
    viewer = Viewer(here.actor.participant_id, here.person["role"])
    engine = state.engine()
    key = (str(engine.url), here.workshop_id, visibility.audience(viewer, names or read.EVERY), names)
    known = _shared().get(key)
    try:
        view = read.read(engine, actor=here.actor, entities=names, previous=known[0] if known else None)
    except (NotFound, PermissionDenied):
        state.forget(here.workshop_id)
        if HERE in st.session_state:
            st.session_state[HERE] = None
        require_workshop()
        raise
    if known is not None and view is known[0]:
        return known
    entry = (view, known[1] if known is not None else {})  # what was derived stays, keyed by its markers
    _shared().put(key, entry)
    return entry


def departments(here: Here, page: registry.Page | None) -> list[Row]:
    """The workshop's departments, for the sidebar. Read with the rows of `page`, the page this run draws,
    when it reads them: the page's `open` then takes that read instead of reading again (one transaction
    fewer on most page runs). Kept for this run only: a fragment's rerun reads for itself."""
    if page is None or (page.reads is not None and "department" not in page.reads):  # home, the projector
        return rows(here, ("department",))[0].data.get("department", [])
    found = rows(here, page.reads)
    st.session_state[EARLY] = (page.key, found)
    return found[0].data.get("department", [])


def open(key: str) -> Frame:  # noqa: A001 (the page's one call: `frame.open("step2_pains")`)
    """The page `key` of the registry: its header, and its rows as this person may see them."""
    here = require_workshop()
    page = registry.page(key)
    early = st.session_state.pop(EARLY, None)
    view, memo = early[1] if early is not None and early[0] == key else rows(here, page.reads)
    data = view.data
    if here.read_only:
        st.warning(t("home.archived_note"), icon="🗄️")
    locked = _header(page, here, data)
    read_only = here.read_only or locked
    if locked and not here.read_only:
        st.info(t("common.read_only"), icon="🔒")
    return Frame(page, here, view, read_only, memo)


def _header(page: registry.Page, here: Here, data: dict[str, list[Row]]) -> bool:
    """Title, intro, guidance and (on a step page) its status; whether the step is locked for this person."""
    if page.heading is None:
        return False
    st.title(t(f"{page.heading}.title"))
    if has(f"{page.heading}.intro"):
        st.caption(t(f"{page.heading}.intro"))
    if has(f"{page.heading}.guide.question"):
        guidance(page.heading)
    if page.step is None:
        return False
    row = next((r for r in data.get("step_progress", []) if r["step"] == page.step), None)
    step_status(page.step, here, row)
    return bool(row and row["locked"]) and not here.is_facilitator


def deleted(here: Here, entity_name: str, where: dict[str, Any] | None = None) -> list[Row]:
    """The bin: recently deleted rows of one entity this person may see, newest first."""
    view = read.read(state.engine(), actor=here.actor, entities=(entity_name,), deleted=True)
    found = view.data.get(entity_name, [])
    return [r for r in found if all(r.get(k) == v for k, v in (where or {}).items())]


def flash(message: str | None = None) -> None:
    """Remember a confirmation for the next run (with `message`), or show the one remembered."""
    if message is not None:
        st.session_state.flash = message
    elif "flash" in st.session_state:
        st.toast(md(st.session_state.pop("flash")), icon="✅")
