"""The PDF export read back with pypdf: Cyrillic text, the workshop's name, the date and page numbers
on every page, and the charts drawn as vectors with real text."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from cvm_core import summary as sm
from cvm_core.exports import pdf
from tests.unit.exports_data import snapshot


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    return PdfReader(io.BytesIO(pdf.document(sm.build(snapshot("ru"), "ru"), on=date(2026, 9, 1))))


def test_every_page_has_the_name_the_date_and_its_number(reader: PdfReader) -> None:
    pages = len(reader.pages)
    assert pages >= 2
    for n, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Мастерская «Север» / Q3" in text
        assert f"2026-09-01 · Стр. {n}/{pages}" in text


def test_cyrillic_content_is_real_text(reader: PdfReader) -> None:
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Прогресс по девяти шагам", "Рестораны", "Доставка опаздывает", "Снижаем цену", "ООО «Север»"):
        assert expected in text
    fonts = {f for page in reader.pages for f in _fonts(page)}
    assert any("DejaVuSans" in f for f in fonts)


def _fonts(page) -> set[str]:  # noqa: ANN001
    found = page["/Resources"].get("/Font", {})
    return {str(found[k].get_object()["/BaseFont"]) for k in found}


def test_charts_and_the_network_are_drawn_with_real_text(reader: PdfReader) -> None:
    """Charts and graphs are vector drawings, not pictures: their words are text in the PDF."""
    assert [image for page in reader.pages for image in page.images] == []
    text = "\n".join(page.extract_text() for page in reader.pages)
    for words in ("Оценка", "Фактор ценности", "Будет", "Сеть подразделений", "Прибыль и рост"):
        assert words in text, words  # the canvas's axes and legend, the network's title, the growth chart
    assert "СкладСклад" not in text  # a label's light patch is a shape, not a second copy of the label
    assert reader.metadata.title == "Мастерская «Север» / Q3"


def test_english_workshop_in_english() -> None:
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.render(snapshot("en")))).pages)
    assert "Progress over the nine steps" in text and "Page 1/" in text
