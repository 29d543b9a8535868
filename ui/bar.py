"""Lines of the room bar beyond the current step and the clock: voting open (with the person's dots left and a
link to the ranking) on every page, and a person held back from following the room by unsaved input."""

from __future__ import annotations

import streamlit as st

from db.live import Room
from ui import registry
from ui.state import t

VOTING_STEP = 2
TAB_PARAM, RANKING = "tab", "ranking"  # step 2 opens its ranking tab when the link asks for it


def voting(room: Room) -> None:
    """While voting is open: how many dots this person has left, as a link to step 2's ranking."""
    if not room.voting_open:
        return
    left = room.dots_left
    label = t("live.voting_go") if left is None else t("live.voting_left", count=left, total=room.dots_per_person)
    st.page_link(registry.step_page(VOTING_STEP).path, label=label, icon="🗳️", query_params={TAB_PARAM: RANKING})


def ranking_asked() -> bool:
    """Whether the page was opened by the voting link (the query parameter is used up)."""
    if st.query_params.get(TAB_PARAM) != RANKING:
        return False
    del st.query_params[TAB_PARAM]
    return True


def held_back() -> bool:
    """Following the room but held here by unsaved input: say so; whether they chose to discard it and follow."""
    box = st.container(horizontal=True, vertical_alignment="center", key="held_back")
    box.warning(t("live.held_back"), icon="✍️")
    return box.button(t("live.discard_follow"), key="discard_follow")
