"""Every export is produced for any workshop: 1–12 offerings, 1–40 factors, names of 1–80 characters
with and without spaces, in Latin, Cyrillic and emoji (long single words used to crash the PDF)."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from cvm_core import exports
from cvm_core.settings import NAME_MAX
from tests.unit.exports_data import row, snapshot

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHабвгдежзийклмнопрстуфхцчшщъыьэюяЖЩЯ"
EMOJI = ["😀", "🚀", "👍🏽", "🇷🇺", "✅", "🧑‍🍳"]
WORD = st.lists(st.sampled_from([*LETTERS, *EMOJI]), min_size=1, max_size=NAME_MAX).map("".join)
SPACED = st.lists(st.sampled_from([*LETTERS, *EMOJI, " ", " ", " "]), min_size=1, max_size=NAME_MAX).map("".join)
NAME = st.one_of(WORD, SPACED).map(lambda s: s[:NAME_MAX]).filter(lambda s: s.strip() != "")


@st.composite
def workshops(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    """The example workshop with its canvas replaced by drawn offerings, factors, scores and names."""
    lang = draw(st.sampled_from(["ru", "en"]))
    data = snapshot(lang)
    offerings = draw(st.lists(NAME, min_size=1, max_size=12))
    factors = draw(st.lists(NAME, min_size=1, max_size=40))
    data["offering"] = [
        row("offering", i, name=f"{name[: NAME_MAX - 3]} {i}", kind="ours" if i == 1 else "competitor")
        for i, name in enumerate(offerings, start=1)
    ]
    data["value_factor"] = [
        row("value_factor", i, customer_id=1, name=f"{name[: NAME_MAX - 3]} {i}", weight=5, high_is_good=i % 3 != 0)
        for i, name in enumerate(factors, start=1)
    ]
    cells = [(o, f) for o in range(1, len(offerings) + 1) for f in range(1, len(factors) + 1)]
    scores = draw(st.lists(st.integers(0, 10), min_size=len(cells), max_size=len(cells)))
    data["canvas_score"] = [
        row("canvas_score", k, offering_id=o, factor_id=f, score=float(s))
        for k, ((o, f), s) in enumerate(zip(cells, scores, strict=True), start=1)
    ]
    data["errc_action"] = [row("errc_action", 1, factor_id=1, action="raise", target_score=9.0)]
    data["factor_pain"] = [row("factor_pain", 1, factor_id=1, pain_id=1)]
    data["promise"][0]["factor_id"] = 1
    for entity, key in (("department", "name"), ("customer", "name"), ("pain", "text"), ("note", "text")):
        for i, r in enumerate(data[entity], start=1):
            r[key] = f"{draw(NAME)[: NAME_MAX - 3]} {i}"
    data["workshop"][0]["name"] = draw(NAME)
    return data


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workshops())
def test_every_format_is_produced(data: dict[str, list[dict[str, Any]]]) -> None:
    pdf = exports.export("pdf", data)
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    assert exports.export("md", data).decode("utf-8").startswith("# ")
    assert load_workbook(io.BytesIO(exports.export("xlsx", data)), read_only=True).sheetnames
    assert zipfile.ZipFile(io.BytesIO(exports.export("csv", data))).namelist()
    assert json.loads(exports.export("json", data))["format"] == "clientocracy-workshop"


def _canvas_with(offerings: int) -> dict[str, list[dict[str, Any]]]:
    data = snapshot("en")
    data["offering"] = [row("offering", i, name="Q" * 29 + str(i), kind="competitor") for i in range(1, offerings + 1)]
    data["canvas_score"] = [
        row("canvas_score", k, offering_id=o, factor_id=f, score=5.0)
        for k, (o, f) in enumerate(((o, f) for o in range(1, offerings + 1) for f in (1, 2)), start=1)
    ]
    return data


def _pdf_text(data: dict[str, list[dict[str, Any]]]) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(exports.export("pdf", data))).pages)


def test_many_offerings_with_long_single_word_names_split_the_canvas_table() -> None:
    """Eight offerings named with 30-letter words: the scores table is split, the factor column repeated."""
    one, eight = _pdf_text(_canvas_with(1)), _pdf_text(_canvas_with(8))
    assert eight.count("Скорость") > one.count("Скорость") >= 1
