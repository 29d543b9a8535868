"""Typed errors: each carries a catalogue key and parameters so any layer can show it in any language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldError:
    field: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


class DomainError(Exception):
    """Base of every error a user may see; `key` names the message in the catalogues."""

    key = "errors.unexpected"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key, params)


class ValidationError(DomainError):
    key = "errors.invalid"

    def __init__(self, errors: list[FieldError], entity: str = "") -> None:
        self.errors = errors
        self.entity = entity
        super().__init__(self.key, count=len(errors))


class ConflictError(DomainError):
    """Someone saved the row first; `current` is what is stored now."""

    key = "errors.conflict"

    def __init__(self, entity: str, current: dict[str, Any], key: str | None = None) -> None:
        self.entity = entity
        self.current = current
        super().__init__(key)


class PermissionDenied(DomainError):
    key = "errors.permission"


class NotFound(DomainError):
    key = "errors.not_found"


class BudgetExceeded(DomainError):
    key = "errors.vote_budget"


class Throttled(DomainError):
    """Too many wrong attempts: wait `seconds` (the message's count) before the next one."""

    key = "errors.throttled"

    def __init__(self, seconds: int) -> None:
        super().__init__(self.key, count=seconds)
