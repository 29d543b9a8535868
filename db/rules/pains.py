"""Rules for pains and votes (step 2). Placeholder: the step 2 work fills these in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection


def pain(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    return clean


def vote(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    return clean
