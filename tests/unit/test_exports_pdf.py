"""The PDF export read back with pypdf: Cyrillic text, the workshop's name, the date and page numbers
on every page, and the charts embedded as images."""

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


def test_charts_and_the_network_are_images(reader: PdfReader) -> None:
    images = [image for page in reader.pages for image in page.images]
    assert len(images) >= 4  # the canvas, the network, the P&L and the growth chart
    assert reader.metadata.title == "Мастерская «Север» / Q3"


def test_english_workshop_in_english() -> None:
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.render(snapshot("en")))).pages)
    assert "Progress over the nine steps" in text and "Page 1/" in text
