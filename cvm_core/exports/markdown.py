"""Markdown export: the workshop summary as a document. Every user text is escaped, so nothing a
participant typed turns into markup, links (bare web and e-mail addresses included) or HTML in a
Markdown viewer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from cvm_core import summary as sm
from cvm_core.exports.sheets import language
from cvm_core.i18n import t
from cvm_core.markup import no_autolinks

MIME = "text/markdown"
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$&])")
_BLOCK_START = re.compile(r"^(\s*\d*)([-+=.)])")


def escape(text: Any) -> str:
    """Text made inert in Markdown: markup characters escaped (and a line that would start a list or a
    heading), no web or e-mail address made a link, lines kept within a paragraph."""
    lines = no_autolinks(str(text if text is not None else "")).replace("\r", "").split("\n")
    return "  \n".join(_BLOCK_START.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", line), count=1) for line in lines)


def _cell(block: sm.Table, value: sm.Cell) -> str:
    if not isinstance(value, str):
        return block.text(value)  # a number as the reader's language writes it: nothing to escape
    return escape(value).replace("  \n", " ")


def _table(block: sm.Table) -> list[str]:
    lines = ["| " + " | ".join(escape(h) for h in block.headers) + " |"]
    lines.append("|" + "|".join("---" for _ in block.headers) + "|")
    lines += ["| " + " | ".join(_cell(block, v) for v in row) + " |" for row in block.rows]
    return [*lines, ""]


def _more(block: sm.Table, lang: str) -> list[str]:
    return [f"*{escape(t('summary.more_rows', lang, count=block.more))}*", ""] if block.more else []


def _block(block: sm.Block, lang: str) -> list[str]:
    if isinstance(block, sm.Heading):
        return [f"### {escape(block.text)}", ""]
    if isinstance(block, sm.Text):
        return [f"*{escape(block.text)}*" if block.muted else escape(block.text), ""]
    if isinstance(block, sm.Figures):
        return [" · ".join(f"**{escape(label)}** {escape(value)}" for label, value in block.items), ""]
    if isinstance(block, sm.Table):
        return _table(block) + _more(block, lang)
    if isinstance(block, sm.Bullets):
        return [*(f"- {escape(item)}" for item in block.items), ""]
    if isinstance(block, sm.Chart | sm.Svg):
        return [f"*{escape(t('summary.chart_in_pdf', lang, what=block.alt))}*", ""]
    return []


def document(summary: sm.Summary, on: date | None = None) -> str:
    """The summary as one Markdown document."""
    lang = summary.lang
    lines = [f"# {escape(summary.title)}", ""]
    subtitle = [summary.organisation] if summary.organisation else []
    subtitle.append(t("summary.exported_on", lang, date=(on or date.today()).isoformat()))
    lines += [escape(" · ".join(subtitle)), ""]
    for section in summary.sections:
        lines += [f"## {escape(section.title)}", ""]
        for block in section.blocks:
            lines += _block(block, lang)
    return "\n".join(lines).rstrip() + "\n"


def render(data: Mapping[str, list[dict[str, Any]]], lang: str | None = None) -> bytes:
    """The summary of a snapshot as UTF-8 Markdown."""
    return document(sm.build(data, lang or language(data), screen=False)).encode("utf-8")
