"""The PDF's own parts: charts drawn from plain data, tables and paragraphs wrapped from the font's
widths, the progress it reports, and chart pictures kept on disk for every process."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from cvm_core import summary as sm
from cvm_core.exports import pdf, pdf_plot, pdf_table, picture_cache
from cvm_core.plot import Bars, Key, Lines, Points, Series
from tests.unit.exports_data import snapshot

ROOT = Path(__file__).resolve().parents[2]
SPEC = {
    "data": {"values": [{"x": "a", "y": 1}, {"x": "b", "y": 3}]},
    "mark": "bar",
    "encoding": {"x": {"field": "x", "type": "nominal"}, "y": {"field": "y", "type": "quantitative"}},
    "width": 200,
}


def page() -> FPDF:
    out = FPDF(unit="mm", format="A4")
    out.add_font(pdf.FONT, "", str(pdf.REGULAR))
    out.add_font(pdf.FONT, "B", str(pdf.BOLD))
    out.add_page()
    return out


def test_round_ticks_and_short_numbers() -> None:
    assert pdf_plot.nice_ticks(0, 10, 10) == [float(n) for n in range(11)]
    assert pdf_plot.nice_ticks(-430_000, 590_000, 8) == [-600_000 + 200_000 * n for n in range(7)]
    same = pdf_plot.nice_ticks(5, 5)  # a single value still gets an axis around it
    assert same[0] < 5 < same[-1]
    assert [pdf_plot.short_number(v) for v in (0, 300_000, -20_000, 1_500_000, 12.5)] == [
        "0",
        "300k",
        "\u221220k",
        "1.5M",
        "12.5",
    ]


def test_every_kind_of_chart_is_drawn_as_text_and_lines() -> None:
    out = page()
    lines = Lines(
        ("Цена ↓", "Скорость"),
        (Series("Мы", (4.0, None), "#4c78a8", 4.0), Series("Будет", (1.0, 3.0), "#f58518", 4.0, True)),
        10.0,
        "Фактор",
        "Оценка",
        "Предложение",
    )
    bars = Bars(("Склад",), (Key("Выручка", "#2e7d32"), Key("Затраты", "#c62828")), ((5e5, -2e5),), (3e5,), "Сумма")
    points = Points((("Склад", -1e5, 12.0, 0),), (Key("Цель достигнута", "#2e7d32"),), "Прибыль", "Рост, %", "Рост")
    for plot in (lines, bars, points):
        top = out.get_y()
        pdf_plot.draw(out, plot, pdf.FONT)
        assert out.get_y() == pytest.approx(top + pdf_plot.height(out, plot, pdf.FONT))
        out.add_page()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(out.output()))).pages)
    for words in ("Оценка", "Скорость", "Будет", "300k", "Выручка", "Рост, %", "Склад", "\u2212100k"):
        assert words in text, words


def test_a_long_word_breaks_inside_and_every_line_fits() -> None:
    out = page()
    out.set_font(pdf.FONT, "", 7.5)
    measure = pdf_table.Measure(out)
    lines = pdf_table.wrap("Короткие слова и " + "Ж" * 80 + " 🚀 конец", 30, measure)
    assert all(measure(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == ("Короткиесловаи" + "Ж" * 80 + "🚀конец")
    assert measure("Hello") == pytest.approx(out.get_string_width("Hello"))


def test_a_table_row_taller_than_a_page_is_cut_to_fit() -> None:
    out = page()
    pdf_table.draw(out, pdf.FONT, 7.5, ["A", "B"], [["слово " * 2000, "1"]], [20.0, 20.0], [[False, True]])
    assert out.page_no() <= 2


def test_progress_is_reported_from_start_to_end() -> None:
    heard: list[tuple[float, str]] = []
    made = pdf.render(snapshot("en"), progress=lambda share, what: heard.append((share, what)))
    assert made.startswith(b"%PDF")
    shares = [share for share, _ in heard]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    assert heard[0][1] == "Progress over the nine steps" and all(what for _, what in heard)


def test_a_chart_without_plain_data_is_rendered_once_and_kept_on_disk(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(picture_cache.ENV, str(tmp_path))
    pdf._chart_image.cache_clear()
    summary = sm.Summary("T", "", "en", [sm.Section("s", "Section", [sm.Chart(SPEC, "a chart")])])
    first = PdfReader(io.BytesIO(pdf.document(summary)))
    assert len(first.pages[0].images) == 1  # drawn as a picture, from vl-convert
    assert len(list(tmp_path.glob("*.jpg"))) == 1
    pdf._chart_image.cache_clear()
    monkeypatch.setattr(pdf, "_render_chart", lambda *a: pytest.fail("rendered again instead of read from disk"))
    assert len(PdfReader(io.BytesIO(pdf.document(summary))).pages[0].images) == 1


def test_processes_share_the_picture_folder_safely(tmp_path) -> None:
    """Four processes make the same picture at once: each gets it whole, one file remains, no leftovers."""
    script = (
        "import sys; from cvm_core.exports import picture_cache as c;"
        "sys.stdout.buffer.write(c.cached('p.bin', lambda: bytes(range(256)) * 4000))"
    )
    env = {"PYTHONPATH": str(ROOT), picture_cache.ENV: str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE) for _ in range(4)]
    outputs = [run.communicate(timeout=60)[0] for run in runs]
    assert all(out == bytes(range(256)) * 4000 for out in outputs)
    assert [p.name for p in tmp_path.iterdir()] == ["p.bin"]


def test_the_folder_keeps_a_bounded_number_of_pictures(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(picture_cache.ENV, str(tmp_path))
    monkeypatch.setattr(picture_cache, "PICTURE_CACHE_FILES", 3)
    for n in range(5):
        picture_cache.cached(f"{n}.jpg", lambda n=n: bytes([n]))
    assert len(list(tmp_path.iterdir())) == 3


def test_a_folder_that_cannot_be_written_costs_speed_not_the_picture(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(picture_cache.ENV, str(blocked / "pictures"))
    assert picture_cache.cached("x.jpg", lambda: b"picture") == b"picture"
