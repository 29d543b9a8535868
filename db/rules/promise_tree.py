"""Rules for the promise tree (step 6). Placeholder: the step 6 work fills these in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection


def support(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    return clean
