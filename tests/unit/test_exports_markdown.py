"""The Markdown export: the summary as a document, with every user text inert."""

import re
from datetime import date

from cvm_core import summary as sm
from cvm_core.exports import markdown
from cvm_core.exports.markdown import escape
from tests.unit.exports_data import snapshot


def test_the_document_has_every_section_in_the_workshop_language() -> None:
    text = markdown.render(snapshot("ru")).decode("utf-8")
    assert text.startswith("# Мастерская «Север» / Q3\n")
    for title in ("Прогресс по девяти шагам", "Клиенты и их главные боли", "Стратегическая канва", "Эксперименты"):
        assert f"## {title}" in text
    assert "| Рестораны | Внешний сегмент | 1\u00a0200 | 60\u00a0000 | 18\u00a0000,5 |" in text
    assert "Снижаем цену, поднимаем скорость" in text


def test_user_text_cannot_become_markup() -> None:
    assert escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert (
        escape("[click](http://x) *bold* `code` | pipe") == "\\[click\\](http\u2060://x) \\*bold\\* \\`code\\` \\| pipe"
    )
    assert escape("# title\n- item\n1. step") == "\\# title  \n\\- item  \n1\\. step"
    data = snapshot("en")
    data["department"][0]["name"] = "<img src=x onerror=alert(1)> | # [x](y)"
    text = markdown.render(data).decode("utf-8")
    assert not re.search(r"(?<!\\)<", text)
    assert "\\<img src=x onerror=alert(1)\\> \\| \\# \\[x\\](y)" in text


def test_bare_addresses_do_not_become_links() -> None:
    """GitHub-style renderers link a bare address after parsing: a word joiner inside it stops them."""
    typed = "see https://example.com, HTTP://x.org, www.example.org or help@example.net"
    made = escape(typed)
    assert made.replace("\u2060", "") == typed
    assert not re.search(r"(?i)(https?://|www\.|\w@)", made)
    data = snapshot("en")
    data["note"][0]["text"] = typed
    text = markdown.render(data).decode("utf-8")
    assert "https\u2060://example.com" in text and "www.example" not in text and "help@" not in text


def test_pages_escape_addresses_the_same_way() -> None:
    from ui.widgets import md

    assert md("see https://example.com or a@b.org") == "see https\u2060\\://example\\.com or a\u2060@b\\.org"


def test_long_tables_are_cut_with_a_pointer_to_the_excel_export() -> None:
    data = snapshot("en")
    data["experiment"] = [dict(data["experiment"][0], id=n, title=f"Test {n}") for n in range(1, 61)]
    summary = sm.build(data, "en")
    text = markdown.document(summary, on=date(2026, 9, 1))
    assert "Exported on 2026-09-01" in text
    assert "Test 40 |" in text and "Test 41 |" not in text
    assert "…and 20 more rows: the Excel export has them all." in text
