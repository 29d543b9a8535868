"""CSV export: a zip with one CSV per artefact, UTF-8 with a byte-order mark so that spreadsheet
programs read Cyrillic, comma-separated, formula prefixes neutralised as in the Excel export."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from typing import Any

from cvm_core.exports.neutralise import text
from cvm_core.exports.sheets import Sheet, language, sheets
from cvm_core.i18n import t

MIME = "application/zip"
ENCODING = "utf-8-sig"


def _plain(value: Any, lang: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("common.yes" if value else "common.no", lang)
    if isinstance(value, float) and value == int(value):
        return int(value)
    return text(value) if isinstance(value, str) else value


def table(sheet: Sheet, lang: str) -> bytes:
    """One sheet as CSV bytes."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([text(h) for h in sheet.headers])
    writer.writerows([_plain(v, lang) for v in row] for row in sheet.rows)
    return out.getvalue().encode(ENCODING)


def member_name(position: int, sheet: Sheet) -> str:
    """`01_workshop.csv`, `02_participant.csv`, ...: ASCII, in the method's order."""
    return f"{position:02d}_{sheet.key}.csv"


def render(data: Mapping[str, list[dict[str, Any]]], lang: str | None = None) -> bytes:
    """The zip as bytes."""
    lang = lang or language(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for position, sheet in enumerate(sheets(data, lang), start=1):
            archive.writestr(member_name(position, sheet), table(sheet, lang))
    return out.getvalue()
