"""The decisions and actions register on screen: adding an action (pre-filled when it came from an artefact's
page), the filters, the list, and one action's status, history and edits. The page script
(pages/actions.py) puts these together."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from cvm_core import actions as core
from cvm_core import dates
from cvm_core.schema import ACTION_STATUSES
from db import services
from ui import registry, state
from ui.action_link import DRAFT
from ui.forms import choose, choose_many, or_none, submit
from ui.frame import Frame, flash
from ui.state import t
from ui.table import trash
from ui.widgets import arrow, attempt, md, update

DATE_FORMATS = {"ru": "DD.MM.YYYY", "en": "YYYY-MM-DD"}
SOURCE_ENTITY = {"promise": "promise", "negotiation": "promise"}


def today() -> date:
    return date.today()


class Names:
    """Labels of people, departments and artefacts, and the reader as the rights see them."""

    def __init__(self, page: Frame) -> None:
        data = page.data
        self.people = {p["id"]: p for p in data["participant"]}
        self.departments = {d["id"]: d["name"] for d in data["department"]}
        self.me = {**(self.people.get(page.me or 0) or {}), "role": page.here.person["role"]}
        self.artefacts = {
            name: {r["id"]: r for r in data.get(name, [])}
            for name in ("promise", "internal_promise", "experiment", "pain", "feedback_round")
        }

    @staticmethod
    def owner_ids(action: dict[str, Any]) -> tuple[int, ...]:
        return tuple(x for x in (action.get("owner_participant_id"), action.get("owner_department_id")) if x)

    def person(self, pid: int | None) -> str:
        return self.people[pid]["display_name"] if pid in self.people else ""

    def owner(self, action: dict[str, Any]) -> str:
        parts = [
            self.person(action.get("owner_participant_id")),
            self.departments.get(action.get("owner_department_id"), ""),
        ]
        return " · ".join(p for p in parts if p) or t("actions.no_owner")

    def source(self, action: dict[str, Any]) -> str:
        kind, ref = core.source_of(action)
        if not kind:
            return ""
        row = self.artefacts[SOURCE_ENTITY.get(kind, kind)].get(ref or 0)
        gone = "actions.source_earlier" if action.get("carried_from") and ref is None else "actions.source_gone"
        what = core.label(kind, row) if row else t(gone)
        return f"{t(f'choices.action_source.{kind}')}: {what}"


def _due_label(action: dict[str, Any], lang: str) -> str:
    shown = dates.show(action.get("due"), lang)
    if core.overdue(action, today()):
        return f"⚠️ {shown}"
    return f"⏳ {shown}" if core.due_this_week(action, today()) else shown


def add_form(page: Frame, names: Names) -> None:
    """A new action; opened and pre-filled when someone came here from an artefact's page."""
    draft = st.session_state.get(DRAFT)
    if draft is not None and not draft.get("shown"):  # pre-fill once; then what the person types stays
        for field in ("text", "owner_department_id"):
            st.session_state[f"act_new_{field}"] = draft["data"].get(field)
        st.session_state[DRAFT] = draft = {**draft, "shown": True}
    with st.expander(t("actions.add.title"), expanded=draft is not None, icon="➕"):
        if draft is not None:
            st.info(t("actions.add.from", what=md(draft["from"])), icon="🔗")
        people, departments = _owners(names)
        with st.form("act_add", clear_on_submit=True):
            text = st.text_area(t("fields.action.text"), key="act_new_text", height=80)
            left, middle, right = st.columns(3)
            owner = choose(t("fields.action.owner_participant_id"), people, where=left)
            department = choose(
                t("fields.action.owner_department_id"), departments, where=middle, key="act_new_owner_department_id"
            )
            due = right.date_input(
                t("fields.action.due"), value=None, format=DATE_FORMATS[state.lang()], key="act_new_due"
            )
            sent = st.form_submit_button(t("actions.add.submit"), type="primary")
            cancelled = draft is not None and st.form_submit_button(t("actions.add.forget"))
        if cancelled:
            st.session_state.pop(DRAFT, None)
            st.rerun()
        if sent:
            data = {**(draft["data"] if draft else {}), "text": text, "owner_participant_id": owner}
            data |= {"owner_department_id": department, "due": due}
            created = attempt(
                lambda: services.create(state.engine(), actor=page.actor, entity_name="action", data=data)
            )
            if created:
                st.session_state.pop(DRAFT, None)
                late = core.overdue(created, today())
                flash(t("actions.add.added_late" if late else "actions.add.added", text=created["text"][:60]))
                st.rerun()


def _owners(names: Names) -> tuple[dict[int | None, str], dict[int | None, str]]:
    """Who may own an action: the people and the departments, "none" first."""
    return or_none({pid: p["display_name"] for pid, p in names.people.items()}), or_none(names.departments)


def filters(names: Names) -> core.Filter:
    anyone = t("actions.filter.anyone")
    people = or_none({pid: p["display_name"] for pid, p in names.people.items()}, anyone)
    departments = or_none(names.departments, anyone)
    statuses = {s: t(f"choices.action_status.{s}") for s in ACTION_STATUSES}
    owner_col, department_col, status_col, late_col = st.columns([2, 2, 3, 2], vertical_alignment="bottom")
    owner = choose(t("actions.filter.owner"), people, where=owner_col, key="act_f_owner")
    department = choose(t("actions.filter.department"), departments, where=department_col, key="act_f_department")
    chosen = choose_many(
        t("actions.filter.status"),
        statuses,
        where=status_col,
        key="act_f_status",
        placeholder=t("actions.filter.any_status"),
    )
    late = late_col.toggle(t("actions.filter.overdue"), key="act_f_overdue")
    return core.Filter(owner, department, tuple(chosen), late)


def register(page: Frame, names: Names, wanted: core.Filter) -> list[dict[str, Any]]:
    """The list; returns the actions shown."""
    lang = state.lang()
    shown = core.register(page.data["action"], wanted, today(), names.people)
    counts = core.by_status(page.data["action"])
    late, soon = core.attention(page.data["action"], today())
    figures = [f"{t(f'choices.action_status.{s}')}: {counts.get(s, 0)}" for s in ACTION_STATUSES]
    figures += [t("actions.overdue_count", count=len(late)), t("actions.soon_count", count=len(soon))]
    st.caption(" · ".join(figures))
    if not shown:
        st.caption(t("actions.none_shown") if page.data["action"] else t("actions.none_yet"))
        return shown
    col = {
        k: t(f"fields.action.{k}") for k in ("text", "owner_participant_id", "due", "status", "source", "carried_from")
    }
    rows = [
        {
            col["text"]: a["text"],
            col["owner_participant_id"]: names.owner(a),
            col["due"]: _due_label(a, lang),
            col["status"]: t(f"choices.action_status.{a['status']}"),
            col["source"]: names.source(a),
            col["carried_from"]: a.get("carried_from") or "",
        }
        for a in shown
    ]
    st.dataframe(arrow(rows), hide_index=True, placeholder="—")
    st.caption(t("actions.legend"))
    return shown


def detail(page: Frame, names: Names, shown: list[dict[str, Any]]) -> None:
    """One action: its status (for its owners and the facilitator), its history, edits, delete."""
    if not shown:
        return
    by_id = {a["id"]: a for a in shown}
    picked = st.selectbox(t("actions.pick"), list(by_id), format_func=lambda i: by_id[i]["text"][:90], key="act_pick")
    action = by_id[picked]
    lang = state.lang()
    box = st.container(border=True)
    box.markdown(f"**{md(action['text'])}**")
    parts = (
        names.owner(action),
        f"{t('fields.action.due')}: {_due_label(action, lang)}",
        names.source(action),
        t("actions.carried", name=action["carried_from"]) if action.get("carried_from") else "",
    )
    box.caption(" · ".join(md(x) for x in parts if x))
    if core.overdue(action, today()):
        box.warning(t("actions.is_overdue"), icon="⚠️")
    may_move = core.may_change_status(action, names.me) and not page.read_only
    statuses = {s: t(f"choices.action_status.{s}") for s in ACTION_STATUSES}
    chosen = box.segmented_control(
        t("fields.action.status"),
        list(statuses),
        default=action["status"],
        format_func=statuses.get,
        key=f"act_status_{action['id']}_{action['version']}",
        disabled=not may_move,
    )
    if not may_move:
        box.caption(t("actions.status_who"))
    if chosen and chosen != action["status"]:
        if attempt(lambda: update(page.actor, "action", action, {"status": chosen}), box):
            st.rerun()
    _history(box, page, action["id"])
    if core.may_edit(action, names.me) and not page.read_only:
        _edit(page, names, action)
    if core.may_remove(action, names.me) and not page.read_only:
        if st.button(t("actions.delete"), key=f"act_delete_{action['id']}", icon="🗑️"):
            done = attempt(
                lambda: services.delete(state.engine(), actor=page.actor, entity_name="action", row_id=action["id"])
            )
            if done:
                flash(t("actions.deleted", text=action["text"][:60]))
                st.rerun()


def _history(box: Any, page: Frame, action_id: int) -> None:
    lines = core.history(page.data["action_status"], action_id)
    if not lines:
        return
    box.markdown(f"**{t('actions.history')}**")
    items = [(t(f"choices.action_status.{line['status']}"), line["by_name"], _when(line["at"])) for line in lines]
    box.markdown("\n".join(f"- {md(status)} · {md(by)} · {md(when)}" for status, by, when in items))


def _when(stamp: str) -> str:
    """A history stamp (ISO, UTC) as a day and a time."""
    day = dates.show(stamp[:10], state.lang())
    return f"{day} {stamp[11:16]} UTC" if len(stamp) >= 16 else day


def _edit(page: Frame, names: Names, action: dict[str, Any]) -> None:
    people, departments = _owners(names)
    with st.expander(t("actions.edit"), icon="✏️"), st.form(f"act_edit_{action['id']}_{action['version']}"):
        text = st.text_area(t("fields.action.text"), value=action["text"], height=80)
        left, middle, right = st.columns(3)
        owner = choose(
            t("fields.action.owner_participant_id"), people, where=left, first=action["owner_participant_id"]
        )
        department = choose(
            t("fields.action.owner_department_id"), departments, where=middle, first=action["owner_department_id"]
        )
        due = right.date_input(
            t("fields.action.due"), value=dates.iso(action.get("due")), format=DATE_FORMATS[state.lang()]
        )
        changes = {"text": text, "owner_participant_id": owner, "owner_department_id": department, "due": due}
        submit(
            t("common.save"), lambda: update(page.actor, "action", action, changes), done=lambda _: t("actions.saved")
        )


def trash_box(page: Frame) -> None:
    trash(key="actions_bin", entity_name="action", here=page.here, label=lambda r: r["text"])


def chase(page: Frame) -> None:
    """For the facilitator's console: open actions overdue or due within a week, and those without owner."""
    names = Names(page)
    late, soon = core.attention(page.data["action"], today())
    lang = state.lang()
    st.subheader(t("actions.console.title"))
    if not late and not soon:
        st.caption(t("actions.console.none"))
    for key, found in (("overdue", late), ("soon", soon)):
        if found:
            st.markdown(f"**{t(f'actions.console.{key}')}** ({len(found)})")
            rows = [f"- {md(dates.show(a['due'], lang))} · {md(a['text'][:90])} · {md(names.owner(a))}" for a in found]
            st.markdown("\n".join(rows))
    unowned = sum(core.is_open(a) and not names.owner_ids(a) for a in page.data["action"])
    if unowned:
        st.caption(t("actions.console.no_owner", count=unowned))
    st.page_link(registry.page("actions").path, label=t("actions.console.open"), icon="✅")
