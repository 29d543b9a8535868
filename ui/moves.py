"""Room-wide moves, each asked in a dialog first and undone where the data allows: moving the room to a
step ("back to step N" while it is still there), handing the facilitator role over (undone only by the new
facilitator handing it back, as the dialog says), archiving a workshop (brought back from the same place)."""

from __future__ import annotations

import streamlit as st

from cvm_core import settings as s
from db import live, workshops
from ui import confirm, state
from ui.frame import Frame, Here, flash
from ui.state import t
from ui.widgets import attempt, md


def _steps() -> dict[int, str]:
    return {n: t(f"steps.{n}") for n in range(1, s.STEP_COUNT + 1)}


def move(page: Frame) -> None:
    """Choose the room's step and move everyone there (asked first); then "back to step N"."""
    engine, who, steps = state.engine(), page.actor, _steps()
    last = live.last_move(engine, workshop_id=page.here.workshop_id)
    current = last.current
    flash()  # what the last move said
    pick, go = st.columns([3, 1], vertical_alignment="bottom")
    chosen = pick.selectbox(t("console.current_step"), list(steps), index=current - 1, format_func=steps.get)
    confirm.button(t("console.move_button"), name="move", where=go, type="primary", disabled=chosen == current)
    confirm.dialog(
        "move",
        title=t("confirm.move.title"),
        body=t("confirm.move.body", step=md(steps[chosen]), was=md(steps[current])),
        yes=t("confirm.move.yes", step=chosen),
        action=lambda: live.set_current_step(engine, actor=who, step=chosen),
        done=lambda _: flash(t("confirm.move.done", step=steps[chosen])),
    )
    if last.came_from is not None:
        note, back = st.columns([3, 1], vertical_alignment="center")
        note.caption(t("confirm.move.undo_note", by=md(last.by), was=md(steps[last.came_from])))
        if back.button(t("confirm.move.back", step=last.came_from), key="move_back", icon="↩️"):
            if attempt(lambda: live.set_current_step(engine, actor=who, step=last.came_from)):
                flash(t("confirm.move.done", step=steps[last.came_from]))
                st.rerun()


def hand_over(page: Frame) -> None:
    """Give the facilitator role to someone who has come in (asked first: it cannot be taken back)."""
    st.subheader(t("console.hand_over"))
    others = {p["id"]: p["display_name"] for p in page.data["participant"] if p.get("claimed_at") is not None}
    others.pop(page.me, None)
    if not others:
        st.caption(t("console.nobody_else"))
        return
    target, give = st.columns([3, 1], vertical_alignment="bottom")
    person = target.selectbox(t("console.hand_to"), list(others), format_func=others.get, key="hand_to")
    confirm.button(t("console.hand_button"), name="hand_over", where=give)
    confirm.dialog(
        "hand_over",
        title=t("confirm.hand_over.title"),
        body=t("confirm.hand_over.body", name=md(others[person])),
        yes=t("confirm.hand_over.yes", name=others[person]),
        action=lambda: live.hand_over(state.engine(), actor=page.actor, participant_id=person),
        done=lambda _: flash(t("confirm.hand_over.done", name=others[person])),
    )


def archive(here: Here) -> None:
    """Archive the workshop (asked first; "bring back" in the same place undoes it) or bring it back."""
    engine, who = state.engine(), here.actor
    if here.workshop["archived_at"] is not None:
        if st.button(t("home.unarchive"), key="archive"):
            attempt(lambda: workshops.set_archived(engine, actor=who, archived=False))
            st.rerun()
        return
    confirm.button(t("home.archive"), name="archive")
    confirm.dialog(
        "archive",
        title=t("confirm.archive.title"),
        body=t("confirm.archive.body", name=md(here.workshop["name"])),
        yes=t("home.archive"),
        action=lambda: workshops.set_archived(engine, actor=who, archived=True),
        done=lambda _: flash(t("confirm.archive.done")),
    )
