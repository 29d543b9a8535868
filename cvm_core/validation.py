"""Cleaning and checking of user input against the entity specs. Pure: no storage involved."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from cvm_core import dates
from cvm_core.errors import FieldError, ValidationError
from cvm_core.schema import BOOL, CHOICE, DATE, FLOAT, INT, LONGTEXT, REF, TEXT, Entity, F

# Characters that change how text is shown without being visible: bidi overrides and isolates,
# zero-width space, word joiner, byte-order mark.
_INVISIBLE = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD]
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")


def clean_text(value: Any, multiline: bool = False) -> str:
    """NFC text without control characters, invisible marks or surrounding blanks."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    keep = "\n" if multiline else ""
    value = "".join(c if c in keep or unicodedata.category(c) != "Cc" else " " for c in value)
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    if not multiline:
        return " ".join(part for part in lines if part)
    return "\n".join(lines).strip("\n")


def is_blank(value: str) -> bool:
    return all(c.isspace() or unicodedata.category(c) in ("Cf", "Mn") for c in value)


def text_key(value: str) -> str:
    """How two texts are compared for duplicates: case and spacing do not count."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def parse_number(value: Any) -> float | None:
    """A finite number from user input, or None when empty. Raises ValueError when not a number, NaN
    and infinities included (pages turn a table's empty cell into None before it gets here)."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueError("bool")
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        number = float(value)
    else:
        raw = clean_text(value).replace(" ", "").replace("\u202f", "").replace(",", ".")
        if raw == "":
            return None
        try:
            parsed = Decimal(raw)
        except (InvalidOperation, ValueError) as exc:
            raise ValueError(raw) from exc
        if not parsed.is_finite():
            raise ValueError(raw)
        number = float(parsed)
    if not math.isfinite(number):  # NaN and infinities are refused like any other non-number
        raise ValueError(str(number))
    return number


def _limit(bound: float | str | None, limits: dict[str, float]) -> float | None:
    return limits.get(bound) if isinstance(bound, str) else bound


def _check_number(f: F, value: Any, limits: dict[str, float]) -> tuple[Any, FieldError | None]:
    try:
        number = parse_number(value)
    except ValueError:
        return None, FieldError(f.name, "errors.not_a_number")
    if number is None:
        return None, FieldError(f.name, "errors.required") if f.required else None
    if f.kind == INT:
        if number != int(number):
            return None, FieldError(f.name, "errors.not_whole")
        number = int(number)
    low, high = _limit(f.min, limits), _limit(f.max, limits)
    if (low is not None and number < low) or (high is not None and number > high):
        return None, FieldError(f.name, "errors.out_of_range", {"min": _fmt(low), "max": _fmt(high)})
    return number, None


def _fmt(value: float | None) -> float | str:
    """A limit for a message: the number itself (the catalogue writes it in the reader's language)."""
    return "∞" if value is None else value


def _check_text(f: F, value: Any) -> tuple[Any, FieldError | None]:
    text = clean_text(value, multiline=f.kind == LONGTEXT)
    if is_blank(text):
        return ("", FieldError(f.name, "errors.required")) if f.required else ("", None)
    if f.max_len and len(text) > f.max_len:
        return None, FieldError(f.name, "errors.too_long", {"max": f.max_len, "count": len(text)})
    return text, None


def _check_bool(f: F, value: Any) -> tuple[Any, FieldError | None]:
    if value is None:
        return bool(f.default), None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value), None
    return None, FieldError(f.name, "errors.not_a_flag")


def _check_choice(f: F, value: Any) -> tuple[Any, FieldError | None]:
    if isinstance(value, float) and not math.isfinite(value):
        return None, FieldError(f.name, "errors.bad_choice", {"value": str(value)})
    if value is None:
        value = f.default if f.default is not None else ""
    value = clean_text(value)
    if value not in f.choices or (value == "" and f.required):
        return None, FieldError(f.name, "errors.bad_choice", {"value": value[:40]})
    return value, None


def _check_ref(f: F, value: Any) -> tuple[Any, FieldError | None]:
    if value is None or value == "":
        return None, FieldError(f.name, "errors.required") if f.required else None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None, FieldError(f.name, "errors.bad_reference")
    if isinstance(value, float) and not math.isfinite(value):
        return None, FieldError(f.name, "errors.bad_reference")
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None, FieldError(f.name, "errors.bad_reference")
    if number != float(value) or number <= 0:
        return None, FieldError(f.name, "errors.bad_reference")
    return number, None


def _check_date(f: F, value: Any) -> tuple[Any, FieldError | None]:
    if value is None or (isinstance(value, str) and clean_text(value) == "") or _nan(value):
        return None, FieldError(f.name, "errors.required") if f.required else None
    day = dates.parse(clean_text(value) if isinstance(value, str) else value)
    if day is None:
        return None, FieldError(f.name, "dates.bad")
    return day.isoformat(), None


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


_CHECKERS = {
    TEXT: lambda f, v, _: _check_text(f, v),
    LONGTEXT: lambda f, v, _: _check_text(f, v),
    INT: _check_number,
    FLOAT: _check_number,
    BOOL: lambda f, v, _: _check_bool(f, v),
    CHOICE: lambda f, v, _: _check_choice(f, v),
    REF: lambda f, v, _: _check_ref(f, v),
    DATE: lambda f, v, _: _check_date(f, v),
}


def default_value(f: F) -> Any:
    if f.default is not None:
        return f.default
    return "" if f.kind in (TEXT, LONGTEXT) else (False if f.kind == BOOL else None)


def validate(
    spec: Entity, data: dict[str, Any], limits: dict[str, float] | None = None, partial: bool = False
) -> dict[str, Any]:
    """Cleaned values for the fields of `spec` in `data`; raises ValidationError listing every problem.

    With `partial`, only the fields present are checked (cross-field checks need the whole row).
    """
    unknown = sorted(set(data) - set(spec.field_names))
    errors = [FieldError(k, "errors.unknown_field") for k in unknown]
    clean: dict[str, Any] = {}
    for f in spec.fields:
        if partial and f.name not in data:
            continue
        raw = data[f.name] if f.name in data else default_value(f)
        value, error = _CHECKERS[f.kind](f, raw, limits or {})
        if error:
            errors.append(error)
        else:
            clean[f.name] = value
    if not errors and not partial:
        for check in spec.checks:
            errors.extend(check(clean))
    if errors:
        raise ValidationError(errors, spec.name)
    return clean
