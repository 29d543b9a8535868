"""The home page's "restore from a backup" form: upload a JSON backup, get a new workshop."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from cvm_core import settings as s
from cvm_core.errors import DomainError
from cvm_core.exports import backup
from db import exchange
from ui import frame, live, state
from ui.state import t
from ui.widgets import md, show_error


def form(engine: Engine) -> None:
    """Upload + button; the new workshop's facilitator is the signed-in facilitator (same passcode) or
    whoever names themselves here with a new passcode."""
    st.caption(t("export.upload.intro"))
    here = frame.here()
    facilitator = here if here is not None and here.is_facilitator else None
    with st.form("import_backup"):
        upload = st.file_uploader(
            t("export.upload.file"), type=["json"], key="import_file", max_upload_size=s.IMPORT_MAX_MB
        )
        if facilitator is not None:
            st.caption(t("export.upload.as_you", workshop=md(facilitator.workshop["name"])))
        else:
            st.caption(t("export.upload.as_new"))
            default = here.person["display_name"] if here is not None else ""
            name = st.text_input(t("home.your_name"), value=default, key="import_name")
            passcode = st.text_input(t("fields.common.passcode"), type="password", key="import_passcode")
        if not st.form_submit_button(t("export.upload.button"), type="primary") or upload is None:
            return
    try:
        parsed = backup.parse(upload.getvalue())
        if facilitator is not None:
            who = facilitator.actor
            workshop, actor = exchange.import_backup(
                engine, backup=parsed, facilitator_name=who.name, same_passcode_as=who
            )
        else:
            workshop, actor = exchange.import_backup(engine, backup=parsed, facilitator_name=name, passcode=passcode)
    except backup.BadBackup as exc:
        lines = [t(exc.key, **exc.params), *backup.messages(exc, state.lang())]
        st.error("  \n".join(md(line) for line in lines), icon="⚠️")
        return
    except DomainError as exc:
        show_error(exc)
        return
    finally:
        st.session_state.pop("import_passcode", None)
    state.remember(actor)
    live.remember_browser(actor)
    st.session_state.notice = t("export.upload.done", workshop=md(workshop["name"]), code=workshop["join_code"])
    st.rerun()
