"""Make user text harmless in spreadsheets and file names.

A spreadsheet program treats a cell that starts with `=`, `+`, `-` or `@` (and, in some programs, a tab
or a carriage return) as a formula. Such a text gets a leading apostrophe: the reader still sees the
text, marked, and nothing is evaluated. Numbers are never touched, so a negative number stays a number.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MARK = "'"
# Characters the XLSX format cannot hold (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UNSAFE_NAME = re.compile(r"[^\w\- .()]+")
FILE_NAME_MAX = 80


def text(value: str) -> str:
    """The text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    value = _ILLEGAL.sub(" ", value)
    return MARK + value if value.startswith(FORMULA_STARTS) else value


def cell(value: Any) -> Any:
    """A value ready for a spreadsheet cell: texts neutralised, numbers and booleans as they are."""
    return text(value) if isinstance(value, str) else value


def file_name(name: str, extension: str, suffix: str = "", fallback: str = "workshop") -> str:
    """A download file name from a workshop name: no path separators, control characters or dots
    at the start; letters of any script are kept."""
    plain = unicodedata.normalize("NFC", name or "")
    plain = "".join(" " if unicodedata.category(c).startswith("C") else c for c in plain)
    plain = _UNSAFE_NAME.sub("_", plain)
    plain = re.sub(r"[\s_]+", "_", plain).strip("._- ")[:FILE_NAME_MAX].strip("._- ")
    return f"{plain or fallback}{suffix}.{extension}"
