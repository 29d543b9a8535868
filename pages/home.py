"""Home: the workshops this browser joined, joining by code or link, facilitator sign-in, creation."""

import streamlit as st

from cvm_core.settings import LANGUAGES
from db import workshops
from ui import (
    arrive,
    backup_import,
    frame,
    live,
    moves,
    new_round,
    org_login,
    people,
    roster,
    sessions,
    state,
)
from ui.frame import ensure_app
from ui.state import t
from ui.widgets import attempt, md

ensure_app()
engine = state.engine()
st.title(t("home.title"))
st.caption(t("home.intro"))

sessions.notice()
arrive.demo_offer(engine)
if "notice" in st.session_state:  # news that must stay on screen until the next action
    st.success(st.session_state.pop("notice"), icon="✅")

link_code = st.query_params.get("join")
if link_code:
    st.session_state.setdefault("join_code", workshops.normalise_code(link_code)[:16])
    st.info(t("home.link_code", code=md(st.session_state.join_code)), icon="🔗")

mine = workshops.workshops(engine, ids=list(state.joined()))
st.subheader(t("home.your_workshops"))
if not mine:
    st.caption(t("home.no_workshops"))
for w in mine:
    row = st.container(border=True)
    name, info, button = row.columns([4, 2, 1])
    name.markdown(f"**{md(w['name'])}** · {md(w['organisation'])}")
    tags = [t("home.current")] if w["id"] == st.session_state.get("workshop_id") else []
    tags += [t("home.archived")] if w["archived_at"] else []
    info.caption(" · ".join([t(f"choices.language.{w['language']}"), *tags]))
    if button.button(t("home.open"), key=f"open_{w['id']}"):
        st.session_state.workshop_id = w["id"]
        st.rerun()

here = frame.here()
if here is not None and here.is_facilitator:
    workshop = here.workshop
    with st.container(border=True):
        st.subheader(t("home.share"))
        code, link = st.columns([1, 3])
        code.metric(t("home.share_code"), workshop["join_code"])
        base = (st.context.url or "").split("?")[0]
        link.markdown(f"**{t('home.share_link')}**")
        link.code(f"{base}?join={workshop['join_code']}", language=None)
        new_round.template_switch(engine, here)
        moves.archive(here)
if here is not None:
    arrive.go_on(here)

join_tab, facilitator_tab, create_tab = st.tabs([t("home.join_tab"), t("home.facilitator_tab"), t("home.create_tab")])

with join_tab, st.form("join"):
    code = st.text_input(t("home.join_code"), key="join_code", help=t("home.join_code_help"), max_chars=16)
    name = st.text_input(t("home.your_name"), key="join_name")
    department = st.text_input(t("home.department"), key="join_department", help=t("home.department_help"))
    if st.form_submit_button(t("home.join"), type="primary"):
        actor = attempt(
            lambda: workshops.join(
                engine, code=code, display_name=name, new_department=department, throttle_keys=state.throttle_keys()
            )
        )
        if actor:
            joined_name = workshops.workshop(engine, workshop_id=actor.workshop_id)["name"]
            arrive.land(actor, "home.joined", name=actor.name, workshop=joined_name)

with facilitator_tab, st.form("sign_in"):
    code = st.text_input(t("home.join_code"), key="fac_code", max_chars=16)
    passcode = st.text_input(t("fields.common.passcode"), type="password", key="fac_passcode")
    name = st.text_input(t("home.your_name"), key="fac_name")
    if st.form_submit_button(t("home.sign_in"), type="primary"):
        actor = attempt(
            lambda: workshops.sign_in(
                engine, code=code, passcode=passcode, display_name=name, throttle_keys=state.throttle_keys()
            )
        )
        st.session_state.pop("fac_passcode", None)
        if actor:
            arrive.land(
                actor, "home.signed_in", workshop=workshops.workshop(engine, workshop_id=actor.workshop_id)["name"]
            )

with create_tab, st.form("create"):
    title = st.text_input(t("fields.workshop.name"), key="new_name")
    organisation = st.text_input(t("fields.workshop.organisation"), key="new_org")
    language = st.selectbox(
        t("fields.workshop.language"),
        LANGUAGES,
        index=LANGUAGES.index(state.lang()),
        format_func=lambda c: t(f"choices.language.{c}"),
        key="new_lang",
    )
    passcode = st.text_input(t("fields.common.passcode"), type="password", key="new_passcode")
    name = st.text_input(t("home.your_name"), key="new_facilitator")
    if st.form_submit_button(t("home.create"), type="primary"):
        result = attempt(
            lambda: workshops.create_workshop(
                engine,
                data={"name": title, "organisation": organisation, "language": language},
                passcode=passcode,
                facilitator_name=name,
            )
        )
        st.session_state.pop("new_passcode", None)
        if result:
            workshop, actor = result
            state.remember(actor)
            live.remember_browser(actor)
            st.session_state.flash = t("home.created", workshop=md(workshop["name"]), code=workshop["join_code"])
            st.rerun()

people.rejoin(engine)
roster.claim(engine)
with st.expander(t("rounds.start.title"), icon="🔁"):
    new_round.form(engine)

with st.expander(t("export.upload.title"), icon="📥"):
    backup_import.form(engine)

org_login.render()

if "flash" in st.session_state:
    st.toast(st.session_state.pop("flash"), icon="✅")
