"""Exports of a workshop snapshot: Markdown, PDF, Excel, CSV (zip) and the JSON backup.

Each format is a module with `render(data, lang=None, **options) -> bytes` and its `MIME` type; `export` picks one
by its short name, `file_name` makes a safe download name from the workshop's name.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cvm_core.exports.neutralise import file_name as safe_name


@dataclass(frozen=True)
class Format:
    key: str
    module: str
    extension: str

    def render(self, data: Mapping[str, list[dict[str, Any]]], lang: str | None = None, **options: Any) -> bytes:
        return importlib.import_module(self.module).render(data, lang, **options)

    @property
    def mime(self) -> str:
        return importlib.import_module(self.module).MIME


FORMATS = {
    f.key: f
    for f in (
        Format("md", "cvm_core.exports.markdown", "md"),
        Format("pdf", "cvm_core.exports.pdf", "pdf"),
        Format("xlsx", "cvm_core.exports.excel", "xlsx"),
        Format("csv", "cvm_core.exports.csv_zip", "zip"),
        Format("json", "cvm_core.exports.backup", "json"),
    )
}


def export(key: str, data: Mapping[str, list[dict[str, Any]]], lang: str | None = None, **options: Any) -> bytes:
    """The workshop snapshot `data` in format `key` (md, pdf, xlsx, csv, json). `options` go to the
    format's `render` (the PDF takes `progress=callable(share, what)`)."""
    return FORMATS[key].render(data, lang, **options)


def file_name(workshop_name: str, key: str, *, view: bool = False) -> str:
    """A safe download name, e.g. `Northwind_Supply.pdf`, `Northwind_Supply-csv.zip`; one person's view of
    the data (not a backup) is named so: `Northwind_Supply-view.json`."""
    suffix = "-csv" if key == "csv" else "-view" if view else ""
    return safe_name(workshop_name, FORMATS[key].extension, suffix=suffix)
