"""AppTest fixtures: the app on a migrated SQLite file, a session already inside a workshop."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from db.engine import make_engine
from db.migrate import upgrade
from db.services import Actor
from db.workshops import create_workshop
from tests.apptest.steps69 import small_workshop

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    return make_engine(url)


@pytest.fixture
def new_app(app_db: Engine) -> Callable[..., AppTest]:
    """A fresh browser session on the app, in a language, optionally inside a workshop as `actor`."""

    def make(lang: str | None = "en", actor: Actor | None = None, page: str | None = None) -> AppTest:
        """`lang` is the language the session reads, already settled for the workshop it is in; None lets
        the app settle it (the person's choice, else the workshop's language)."""
        at = AppTest.from_file(APP, default_timeout=60)
        if lang is not None:
            at.session_state["lang"] = lang
            at.session_state["_lang_for"] = actor.workshop_id if actor else None
        if actor is not None:
            at.session_state["joined"] = {actor.workshop_id: actor}
            at.session_state["workshop_id"] = actor.workshop_id
        at.run()  # through app.py first, so that the page runs inside its navigation
        if page:
            at.switch_page(page)
            at.run()
        return at

    return make


@pytest.fixture
def facilitated(app_db: Engine) -> tuple[dict, Actor]:
    return create_workshop(
        app_db, data={"name": "Apptest", "language": "en"}, passcode="pass-1", facilitator_name="Fay"
    )


@pytest.fixture
def small(app_db: Engine, facilitated: tuple[dict, Actor]) -> tuple[Actor, dict[str, int]]:
    """The facilitator and the ids of a small workshop: two teams, a customer, one agreed promise (steps 6–9)."""
    _, fay = facilitated
    return fay, small_workshop(app_db, fay)


def texts(at: AppTest) -> str:
    """Everything the page shows as text, for assertions."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "title", "subheader", "info", "error", "warning", "success")
        for e in getattr(at, kind)
    ]
    parts += [str(e.value) for e in at.text]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def press(at: AppTest, label: str) -> None:
    """Click the button labelled `label` and run the page."""
    button(at, label).click()
    at.run()


def open_tab(at: AppTest, key: str, label: str) -> None:
    """Open the tab `label` of the page's tab bar kept under `key` (e.g. "step6_tab"), and run the page."""
    at.session_state[key] = label
    at.run()


def save_table(at: AppTest, table: str, edited: dict) -> None:
    """Edit the rows of the table `table` (e.g. "customers", "promises_<id>") as typed, and press its Save."""
    gen = at.session_state[f"{table}__gen"] if f"{table}__gen" in at.session_state else 0
    at.session_state[f"{table}__ed{gen}"] = {"edited_rows": edited, "added_rows": [], "deleted_rows": []}
    at.run()
    press(at, "Save")
