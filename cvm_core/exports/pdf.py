"""PDF export: the workshop summary with its charts and graphs as images.

Text is set in the DejaVu fonts shipped in assets/fonts (Cyrillic included, nothing downloaded at run
time); charts are Vega-Lite specs turned into PNG by vl-convert, which bundles its own JavaScript engine
and works offline. Every page carries the workshop's name, the date and its number in the header.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from cvm_core import summary as sm
from cvm_core.exports.sheets import language
from cvm_core.i18n import t

MIME = "application/pdf"
FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT = "DejaVu"
CHART_FONT = "DejaVu Sans"  # the family name inside the shipped font files, for the charts
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
IMAGE_SCALE = 1.5  # pixels per CSS pixel: about 190 dpi for a chart across the page
JPEG_QUALITY = 85
IMAGE_CACHE = 64  # pictures kept per process, so that a second PDF of the same workshop is quick
FORMAT_LOCALES = {"ru": "ru-RU", "en": "en-US"}
CELL_MAX = 300  # characters of one table cell; longer texts end with "…"
SHRINK_TO_FIT = 0.7  # a picture that nearly fits the rest of the page is made smaller rather than moved
KEEP_WITH_NEXT = 70.0  # mm: a heading lower on the page than this goes to the next page with what follows
TABLE_SIZE, CELL_PADDING = 7.5, 2.5  # font size (pt), padding of a cell (mm)
COLUMN_MIN, COLUMN_MAX = 16.0, 70.0  # mm: a column holds a few words in a line, and leaves room for others
_GREY, _HEADING_FILL, _ACCENT = (110, 110, 110), (221, 231, 240), (31, 78, 121)


@cache
def _vl_convert() -> Any:
    import vl_convert

    vl_convert.register_font_directory(str(FONTS))
    return vl_convert


def chart_image(spec: Any, lang: str = "en") -> bytes:
    """A JPEG of an Altair chart or a Vega-Lite spec (dict); no data is fetched from anywhere."""
    as_dict = spec.to_dict() if hasattr(spec, "to_dict") else spec
    return _chart_image(json.dumps(as_dict, sort_keys=True), FORMAT_LOCALES.get(lang, "en-US"))


@lru_cache(maxsize=IMAGE_CACHE)
def _chart_image(spec_json: str, locale: str) -> bytes:
    image = _vl_convert().vegalite_to_jpeg(
        json.loads(spec_json),
        scale=IMAGE_SCALE,
        quality=JPEG_QUALITY,
        allowed_base_urls=[],
        format_locale=locale,
        config={"font": CHART_FONT},
    )
    return bytes(image)


# Whole-element opacity makes the rasteriser composite every element on its own layer, which takes
# seconds on a large network; on a line without fill, stroke opacity looks the same and costs nothing.
_ELEMENT_OPACITY = re.compile(r'(<path\b[^>]*?fill="none"[^>]*?) opacity="')


@lru_cache(maxsize=IMAGE_CACHE)
def svg_image(svg: str) -> bytes:
    """A JPEG of an SVG document."""
    faster = _ELEMENT_OPACITY.sub(r'\1 stroke-opacity="', svg)
    return bytes(_vl_convert().svg_to_jpeg(faster, scale=IMAGE_SCALE, quality=JPEG_QUALITY))


def image_size(image: bytes) -> tuple[int, int]:
    """Width and height in pixels."""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as found:
        return found.size


class _Document(FPDF):
    def __init__(self, title: str, stamp: str, page_word: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.doc_title, self.stamp, self.page_word = title, stamp, page_word
        self.add_font(FONT, "", str(REGULAR))
        self.add_font(FONT, "B", str(BOLD))
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 18, 15)

    def header(self) -> None:
        self.set_font(FONT, "", 8)
        self.set_text_color(*_GREY)
        self.set_y(8)
        right = f"{self.stamp} · {self.page_word} {self.page_no()}/{{nb}}"
        width = self.epw - self.get_string_width(right) - 4
        self.cell(width, 5, _fit(self, self.doc_title, width), new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.cell(0, 5, right, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(200, 200, 200)
        self.line(self.l_margin, 14, self.w - self.r_margin, 14)
        self.set_text_color(0, 0, 0)
        self.set_y(18)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """`text` cut with "…" to fit `width` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _short(value: sm.Cell) -> str:
    text = sm.number(value) if not isinstance(value, str) else value
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "…"


def _column_widths(pdf: FPDF, block: sm.Table) -> tuple[list[float], list[float]]:
    """(least, wanted) width of every column (mm): at least its longest word (within COLUMN_MIN and
    COLUMN_MAX, a longer word breaks inside), wanted its longest text on one line."""
    least, wanted = [], []
    for i, header in enumerate(block.headers):
        cells = [_short(row[i]) for row in block.rows]
        pdf.set_font(FONT, "B", TABLE_SIZE)
        words = [pdf.get_string_width(w) for w in header.split()]
        pdf.set_font(FONT, "", TABLE_SIZE)
        words += [pdf.get_string_width(w) for text in cells for w in text.split()]
        full = max([pdf.get_string_width(text) for text in cells] + [max(words, default=0)])
        least.append(min(max(max(words, default=0), COLUMN_MIN), COLUMN_MAX) + CELL_PADDING)
        wanted.append(min(max(full, COLUMN_MIN), COLUMN_MAX) + CELL_PADDING)
    return least, wanted


def _share(least: list[float], wanted: list[float], room: float) -> list[float]:
    """Widths from `least` up to `wanted`, the spare `room` shared out by how much more each wants."""
    spare = room - sum(least)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    if spare <= 0 or not sum(extra):
        return least
    share = min(1.0, spare / sum(extra))
    return [m + e * share for m, e in zip(least, extra, strict=True)]


def _column_groups(least: list[float], room: float) -> list[list[int]]:
    """Columns in groups that each fit `room` at their least widths; every group after the first starts
    again with the first column, so a reader can tell the rows apart."""
    groups: list[list[int]] = [[0]]
    for i in range(1, len(least)):
        if len(groups[-1]) > 1 and sum(least[j] for j in groups[-1]) + least[i] > room:
            groups.append([0])
        groups[-1].append(i)
    return groups


def _table(pdf: FPDF, block: sm.Table) -> None:
    """A table within the page's width: too many columns for one page width are split into several
    tables one under the other, each repeating the first column; a long text wraps in its cell."""
    least, wanted = _column_widths(pdf, block)
    for group in _column_groups(least, pdf.epw):
        part = sm.Table([block.headers[i] for i in group], [[row[i] for i in group] for row in block.rows])
        _table_part(pdf, part, _share([least[i] for i in group], [wanted[i] for i in group], pdf.epw))
    pdf.ln(3)


def _table_part(pdf: FPDF, block: sm.Table, widths: list[float]) -> None:
    pdf.set_font(FONT, "", TABLE_SIZE)
    style = FontFace(emphasis="BOLD", fill_color=_HEADING_FILL)
    with pdf.table(
        col_widths=widths,
        width=min(pdf.epw, sum(widths)),
        align="LEFT",
        headings_style=style,
        line_height=3.6,
        text_align="LEFT",
        padding=1,
    ) as table:
        header = table.row()
        for h in block.headers:
            header.cell(h)
        for values in block.rows:
            row = table.row()
            for v in values:
                row.cell(_short(v), align="RIGHT" if isinstance(v, int | float) else "LEFT")
    pdf.ln(2)


def _image(pdf: FPDF, image: bytes, alt: str) -> None:
    width_px, height_px = image_size(image)
    width = min(pdf.epw, width_px / IMAGE_SCALE * 0.2646)  # CSS pixels at 96 dpi → mm
    height = width * height_px / width_px
    limit = pdf.eph - 10
    if height > limit:
        width, height = width * limit / height, limit
    room = pdf.page_break_trigger - pdf.get_y()
    if height > room >= height * SHRINK_TO_FIT:
        width, height = width * room / height, room
    elif height > room:
        pdf.add_page()
    pdf.image(io.BytesIO(image), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height, alt_text=alt)
    pdf.ln(3)


def _text(pdf: FPDF, text: str, size: float = 9.5, bold: bool = False, grey: bool = False, color: tuple = ()) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*(color or (_GREY if grey else (0, 0, 0))))
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)


def _block(pdf: FPDF, block: sm.Block, lang: str) -> None:
    if isinstance(block, sm.Heading):
        if pdf.get_y() > pdf.page_break_trigger - KEEP_WITH_NEXT:
            pdf.add_page()
        pdf.ln(1)
        _text(pdf, block.text, 11, bold=True)
        pdf.ln(1)
    elif isinstance(block, sm.Text):
        _text(pdf, block.text, grey=block.muted)
        pdf.ln(2)
    elif isinstance(block, sm.Figures):
        _text(pdf, "   ·   ".join(f"{label}: {value}" for label, value in block.items), 9.5)
        pdf.ln(2)
    elif isinstance(block, sm.Table):
        _table(pdf, block)
        if block.more:
            _text(pdf, t("summary.more_rows", lang, count=block.more), 8, grey=True)
            pdf.ln(2)
    elif isinstance(block, sm.Bullets):
        for item in block.items:
            _text(pdf, f"•  {item}")
        pdf.ln(2)
    elif isinstance(block, sm.Chart):
        _image(pdf, chart_image(block.spec, lang), block.alt)
    elif isinstance(block, sm.Svg):
        _image(pdf, svg_image(block.svg), block.alt)


def document(summary: sm.Summary, on: date | None = None) -> bytes:
    """The summary as PDF bytes."""
    lang = summary.lang
    stamp = (on or date.today()).isoformat()
    pdf = _Document(summary.title, stamp, t("summary.page", lang))
    pdf.set_title(summary.title)
    pdf.set_creator(t("common.app_name", lang))
    pdf.set_lang(lang)
    pdf.add_page()
    _text(pdf, summary.title, 18, bold=True, color=_ACCENT)
    if summary.organisation:
        _text(pdf, summary.organisation, 11, grey=True)
    _text(pdf, t("summary.exported_on", lang, date=stamp), 9, grey=True)
    pdf.ln(4)
    for section in summary.sections:
        if pdf.get_y() > pdf.page_break_trigger - KEEP_WITH_NEXT:
            pdf.add_page()
        pdf.set_draw_color(*_ACCENT)
        _text(pdf, section.title, 14, bold=True, color=_ACCENT)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
        pdf.ln(3)
        for block in section.blocks:
            _block(pdf, block, lang)
        pdf.ln(3)
    return bytes(pdf.output())


def render(data: Mapping[str, list[dict[str, Any]]], lang: str | None = None) -> bytes:
    return document(sm.build(data, lang or language(data)))
