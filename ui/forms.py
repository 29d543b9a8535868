"""What the forms of the step pages share: the submit button whose click calls a service (its typed error
shown in place), forgets what was typed, remembers the confirmation and runs the page again; adding a row;
and the pickers over labelled choices."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import streamlit as st

from db import services
from db.services import Actor
from ui import state
from ui.frame import flash
from ui.state import t
from ui.widgets import attempt

T = TypeVar("T")


def submit(
    label: str,
    action: Callable[[], T],
    *,
    done: Callable[[T], str] | None = None,
    forget: Iterable[str] = (),
    primary: bool = True,
    where: Any = st,
) -> None:
    """A form's submit button. On a click run `action`; when it succeeds drop the typed values under the
    keys `forget`, remember `done(result)` as the confirmation and run the page again."""
    if not where.form_submit_button(label, type="primary" if primary else "secondary"):
        return
    result = attempt(action)
    if not result:
        return
    for key in forget:
        st.session_state.pop(key, None)
    if done is not None:
        flash(done(result))
    st.rerun()


def add(
    label: str,
    actor: Actor,
    entity_name: str,
    data: dict[str, Any],
    *,
    done: Callable[[dict[str, Any]], str] | None = None,
    forget: Iterable[str] = (),
    where: Any = st,
) -> None:
    """A form's "add" button: on a click the row `data` is created through the services (see `submit`)."""
    submit(
        label,
        lambda: services.create(state.engine(), actor=actor, entity_name=entity_name, data=data),
        done=done,
        forget=forget,
        where=where,
    )


def or_none(labels: dict[Any, str], none: str | None = None) -> dict[Any, str]:
    """The choices with "none" (or `none`) first."""
    return {None: none or t("common.none"), **labels}


def choose(label: str, labels: dict[Any, str], *, where: Any = st, first: Any = None, **options: Any) -> Any:
    """A select box over labelled choices, starting on `first` when it is one of them."""
    keys = list(labels)
    index = keys.index(first) if first in labels else 0
    return where.selectbox(label, keys, index=index, format_func=labels.get, **options)


def choose_many(label: str, labels: dict[Any, str], *, where: Any = st, **options: Any) -> list[Any]:
    """A multiselect over labelled choices."""
    return where.multiselect(label, list(labels), format_func=labels.get, **options)
