"""Excel export: one sheet per artefact, headers in the workshop's language, typed cells, the header row
frozen, and every text that a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cvm_core import fmt
from cvm_core.exports.neutralise import cell
from cvm_core.exports.sheets import LONG_KIND, MONEY_KIND, NUMBER_KIND, Sheet, language, sheets

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_WRAP = Alignment(wrap_text=True, vertical="top")
_WIDTH_MIN, _WIDTH_MAX, _WIDTH_LONG = 8, 40, 60


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub(" ", title).strip("' ")[:SHEET_NAME_MAX] or "Sheet"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _width(sheet: Sheet, column: int) -> float:
    longest = max([len(sheet.headers[column]), *(len(str(r[column] or "")) for r in sheet.rows[:200])])
    cap = _WIDTH_LONG if sheet.kinds[column] == LONG_KIND else _WIDTH_MAX
    return max(_WIDTH_MIN, min(cap, longest + 2))


def _quoted(text: str) -> str:
    """Text as a literal inside an Excel number format ("" when none)."""
    text = text.replace('"', "").replace("\\", "")
    return f'"{text}"' if text else ""


def number_formats(lang: str, currency: str) -> dict[tuple[str, bool], str]:
    """(kind, whole) → the Excel number format: thousands grouped (Excel shows the reader's own separators),
    money with the workshop's currency label, decimals only where a value has them."""
    before, after = (_quoted(part) for part in fmt.money_affixes(lang, currency))
    return {
        (NUMBER_KIND, True): "#,##0",
        (NUMBER_KIND, False): "#,##0.##",
        (MONEY_KIND, True): f"{before}#,##0{after}",
        (MONEY_KIND, False): f"{before}#,##0.00{after}",
    }


def _number_format(ws: Any, column: int, kind: str, formats: dict[tuple[str, bool], str]) -> None:
    for (value,) in ws.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
        if fmt.is_number(value.value):
            value.number_format = formats[(kind, float(value.value).is_integer())]


def _write(book: Workbook, sheet: Sheet, taken: set[str], formats: dict[tuple[str, bool], str]) -> None:
    ws = book.create_sheet(sheet_name(sheet.title, taken))
    ws.append([cell(h) for h in sheet.headers])
    for header in ws[1]:
        header.font, header.fill, header.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
    for row in sheet.rows:
        ws.append([cell(v) for v in row])
    ws.freeze_panes = "A2"
    for column, kind in enumerate(sheet.kinds):
        letter = get_column_letter(column + 1)
        ws.column_dimensions[letter].width = _width(sheet, column)
        if kind == LONG_KIND:
            for (value,) in ws.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
                value.alignment = _WRAP
        elif kind in (NUMBER_KIND, MONEY_KIND):
            _number_format(ws, column, kind, formats)
    if sheet.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headers))}{len(sheet.rows) + 1}"


def render(data: Mapping[str, list[dict[str, Any]]], lang: str | None = None) -> bytes:
    """The workbook as bytes (.xlsx)."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    formats = number_formats(lang or language(data), fmt.currency_of(data))
    for sheet in sheets(data, lang):
        _write(book, sheet, taken, formats)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
