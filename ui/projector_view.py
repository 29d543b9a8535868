"""The projector view on screen: the facilitator's second window on the big screen. No sidebar, light text
on a dark ground, nothing under 32 px at 1920 × 1080; it follows the room by itself (pushed changes,
and a check every REFRESH_SECONDS for readiness, which is not pushed).

Everything here is read through the one read door with the facilitator as the reader, so the rules of
who sees what hold (cvm_core/projector.py goes further for the big screen). User text is escaped into
our own markup: it stays text. The QR code's SVG is ours (cvm_core/qr.py).
"""

from __future__ import annotations

from base64 import b64encode
from html import escape

import streamlit as st

from cvm_core import projector, qr
from cvm_core import settings as s
from cvm_core.errors import NotFound
from db import live
from ui import live as room_ui
from ui import push, state
from ui.frame import Frame
from ui.state import t

# What moves the screen: the room (step, clocks), the workshop's settings (voting), and what it lists.
WATCH = ("room", "workshop", "customer", "pain", "vote", "participant", "step_progress")
MIN = s.PROJECTOR_MIN_FONT_PX

STYLE = f"""<style>
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"] {{ display: none !important; }}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{ background: #0b0d12 !important; }}
[data-testid="stMainBlockContainer"] {{ max-width: none !important; padding: 2rem 3.5rem 1.5rem !important; }}
[data-testid="stMain"] {{ color: #ffffff; font-size: {MIN + 4}px; }}
[data-testid="stMain"] p, [data-testid="stMain"] span, [data-testid="stMain"] div {{ font-size: inherit; }}
.cvm-p {{ color: #ffffff; font-size: {MIN + 4}px; line-height: 1.25; }}
.cvm-p .muted {{ color: #c9d1e0; }}
.cvm-p .name {{ font-size: {MIN + 8}px; color: #c9d1e0; }}
.cvm-p .step {{ font-size: {MIN + 32}px; font-weight: 700; margin: 0; }}
.cvm-p .question {{ font-size: {MIN + 8}px; color: #e8ecf4; margin: .2em 0 0; max-width: 34em; -webkit-line-clamp: 2; }}
.cvm-p .people {{ font-size: {MIN + 4}px; color: #e8ecf4; }}
.cvm-p .join {{ text-align: center; }}
.cvm-p .qr img {{ width: 100%; max-width: 340px; height: auto; display: block; margin: .15em auto; }}
.cvm-p .code {{ font: 700 {MIN + 52}px ui-monospace, monospace; letter-spacing: .1em; color: #ffd84d; line-height: 1.1; }}
.cvm-p .link {{ font-size: {MIN}px; color: #c9d1e0; overflow-wrap: anywhere; }}
.cvm-p .vote {{ font-size: {MIN + 8}px; font-weight: 700; color: #7ee2a8; margin: 0 0 .2em; }}
.cvm-p .boards {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(400px, 1fr)); gap: .4em 1.4em; }}
.cvm-p .clamp {{ display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }}
.cvm-p .board h3 {{ font-size: {MIN + 4}px; line-height: 1.25; color: #ffd84d; margin: 0 0 .1em; padding: 0;
  -webkit-line-clamp: 1; }}
.cvm-p .board .line {{ font-size: {MIN}px; line-height: 1.2; margin: .1em 0; -webkit-line-clamp: 2; }}
.cvm-p .board .dots {{ color: #7ee2a8; font-weight: 700; white-space: nowrap; }}
.cvm-p .board .who, .cvm-p .board .more {{ font-size: {MIN}px; color: #c9d1e0; -webkit-line-clamp: 1; }}
.cvm-p .hidden {{ font-size: {MIN + 4}px; color: #ffc247; margin-top: .3em; }}
</style>"""


def show(page: Frame) -> None:
    """The page: the facilitator's only (it shows the room as the facilitator may see it)."""
    if not page.here.is_facilitator:
        st.info(t("projector.facilitator_only"), icon="🔒")
        return
    st.html(STYLE)
    with push.steady("projector"):
        screen(page)


@st.fragment(run_every=s.REFRESH_SECONDS)
def screen(page: Frame) -> None:
    """Everything on the big screen, redrawn alone when the room or what it lists changes."""
    push.refresh_on(WATCH, key="projector")
    try:
        room = live.room(state.engine(), workshop_id=page.here.workshop_id)
    except NotFound:
        return
    view = projector.screen(page.fresh(), top=s.PROJECTOR_TOP_PAINS)
    main, side = st.columns([2, 1], gap="large")
    with main:
        st.html(_heading(view, room))
        room_ui.countdown(room, theme="projector")
        st.html(_people(room))
    with side:
        st.html(_join(view, qr.join_link(st.context.url or "", view.join_code)))
    if view.voting_open or view.hidden:
        st.html(_vote(view))


def _box(body: str) -> str:
    return f'<div class="cvm-p">{body}</div>'


def _heading(view: projector.Screen, room: live.Room) -> str:
    step = room.current_step
    return _box(
        f'<div class="name">{escape(view.name)}</div>'
        f'<div class="step" id="cvm-step">{escape(t(f"steps.{step}"))}</div>'
        f'<div class="question clamp">{escape(t(f"step{step}.guide.question"))}</div>'
    )


def _people(room: live.Room) -> str:
    parts = [
        t("projector.joined", count=room.participants),
        t("projector.ready", ready=room.ready, total=room.participants),
    ]
    return _box(f'<div class="people" id="cvm-people">{" · ".join(escape(p) for p in parts)}</div>')


def _join(view: projector.Screen, link: str) -> str:
    return _box(
        '<div class="join">'
        f'<div class="muted">{escape(t("projector.scan"))}</div>'
        f'<div class="qr"><img id="cvm-qr" alt="QR" src="data:image/svg+xml;base64,{_base64(qr.svg(link))}"></div>'
        f'<div class="muted">{escape(t("projector.code"))}</div>'
        f'<div class="code" id="cvm-code">{escape(view.join_code)}</div>'
        f'<div class="link">{escape(link)}</div>'
        "</div>"
    )


def _base64(svg: str) -> str:
    return b64encode(svg.encode()).decode("ascii")


def _vote(view: projector.Screen) -> str:
    parts = []
    if view.voting_open:
        key = "projector.voting_anonymous" if view.anonymous else "projector.voting_named"
        parts.append(f'<div class="vote">{escape(t(key))}</div>')
        boards = (
            "".join(_board(b) for b in view.boards) or f'<div class="muted">{escape(t("projector.no_pains"))}</div>'
        )
        parts.append(f'<div class="boards" id="cvm-boards">{boards}</div>')
    if view.hidden:
        parts.append(f'<div class="hidden" id="cvm-hidden">🔒 {escape(t("projector.hidden", count=view.hidden))}</div>')
    return _box("".join(parts))


def _board(board: projector.Board) -> str:
    """A customer's first pains: rank, dots, then the text (cut to two lines, so the dots always show)."""
    lines = "".join(
        f'<div class="line clamp"><b>{line.rank}.</b> <span class="dots">'
        f"{escape(t('projector.dots', count=line.dots))}</span> {escape(line.text)}</div>"
        + (f'<div class="who clamp">{escape(line.voters)}</div>' if line.voters else "")
        for line in board.lines
    )
    more = f'<div class="more">{escape(t("projector.more", count=board.more))}</div>' if board.more else ""
    return f'<div class="board"><h3 class="clamp">{escape(board.customer)}</h3>{lines}{more}</div>'
