"""PDF export: the workshop summary with its charts and graphs drawn as vector graphics.

Text is set in the DejaVu fonts shipped in assets/fonts (Cyrillic included, nothing downloaded at run
time). The method's charts come with a plain-data form (cvm_core.plot) that fpdf2 draws itself
(pdf_plot.py), and the graphs are SVG documents that fpdf2 turns into vector drawing: both take
milliseconds. A chart without a plain-data form is a Vega-Lite spec turned into a picture by vl-convert
(which bundles its own JavaScript engine and works offline), kept on disk by a hash of its spec
(picture_cache.py) so it is rendered once for every process. Every page carries the workshop's name,
the date and its number in the header.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from cvm_core import summary as sm
from cvm_core.exports import pdf_plot, pdf_table, picture_cache
from cvm_core.exports.sheets import language
from cvm_core.i18n import t

Progress = Callable[[float, str], None]  # (share done from 0 to 1, what is being made)

MIME = "application/pdf"
FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT = CHART_FONT = "DejaVu Sans"  # the family name inside the shipped font files (SVG texts ask for it)
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
IMAGE_SCALE = 1.5  # pixels per CSS pixel: about 190 dpi for a chart across the page
JPEG_QUALITY = 85
IMAGE_CACHE = 64  # pictures kept in memory per process (and on disk for every process)
FORMAT_LOCALES = {"ru": "ru-RU", "en": "en-US"}
CELL_MAX = 300  # characters of one table cell; longer texts end with "…"
SHRINK_TO_FIT = 0.7  # a picture that nearly fits the rest of the page is made smaller rather than moved
KEEP_WITH_NEXT = 70.0  # mm: a heading lower on the page than this goes to the next page with what follows
TABLE_SIZE, CELL_PADDING = 7.5, 2.5  # font size (pt), padding of a cell (mm)
COLUMN_MIN, COLUMN_MAX = 16.0, 70.0  # mm: a column holds a few words in a line, and leaves room for others
_GREY, _ACCENT = (110, 110, 110), (31, 78, 121)


@cache
def _vl_convert() -> Any:
    import vl_convert

    vl_convert.register_font_directory(str(FONTS))
    return vl_convert


def chart_image(spec: Any, lang: str = "en") -> bytes:
    """A JPEG of an Altair chart or a Vega-Lite spec (dict); no data is fetched from anywhere. Made once
    per spec for every process of the app (kept on disk), and kept in memory for this one."""
    as_dict = spec.to_dict() if hasattr(spec, "to_dict") else spec
    return _chart_image(json.dumps(as_dict, sort_keys=True), FORMAT_LOCALES.get(lang, "en-US"))


@lru_cache(maxsize=IMAGE_CACHE)
def _chart_image(spec_json: str, locale: str) -> bytes:
    from importlib.metadata import version

    name = picture_cache.key(spec_json, locale, str(IMAGE_SCALE), str(JPEG_QUALITY), version("vl-convert-python"))
    return picture_cache.cached(f"{name}.jpg", lambda: _render_chart(spec_json, locale))


def _render_chart(spec_json: str, locale: str) -> bytes:
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


def _short(value: sm.Cell, block: sm.Table) -> str:
    text = block.text(value)
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "…"


def _column_widths(pdf: FPDF, block: sm.Table) -> tuple[list[float], list[float]]:
    """(least, wanted) width of every column (mm): at least its longest word (within COLUMN_MIN and
    COLUMN_MAX, a longer word breaks inside), wanted its longest text on one line."""
    least, wanted = [], []
    for i, header in enumerate(block.headers):
        cells = [_short(row[i], block) for row in block.rows]
        pdf.set_font(FONT, "B", TABLE_SIZE)
        bold = pdf_table.Measure(pdf)
        words = [bold(w) for w in header.split()]
        heading = bold(header)
        pdf.set_font(FONT, "", TABLE_SIZE)
        plain = pdf_table.Measure(pdf)
        words += [plain(w) for text in cells for w in text.split()]
        full = max([plain(text) for text in cells] + [max(words, default=0), heading])
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
        rows = [[row[i] for i in group] for row in block.rows]
        part = sm.Table([block.headers[i] for i in group], rows, block.more, block.lang)
        _table_part(pdf, part, _share([least[i] for i in group], [wanted[i] for i in group], pdf.epw))
    pdf.ln(3)


def _table_part(pdf: FPDF, block: sm.Table, widths: list[float]) -> None:
    rows = [[_short(v, block) for v in values] for values in block.rows]
    right = [[isinstance(v, int | float) and not isinstance(v, bool) for v in values] for values in block.rows]
    pdf_table.draw(pdf, FONT, TABLE_SIZE, block.headers, rows, widths, right)
    pdf.ln(2)


def _place(pdf: FPDF, width_px: float, height_px: float) -> tuple[float, float]:
    """The size (mm) of a picture of `width_px` × `height_px` CSS pixels (96 dpi): as wide as it is or the
    page, whichever is smaller, no taller than the page, shrunk a little to end this page or else moved to
    the next one."""
    width = min(pdf.epw, width_px * 0.2646)
    height = width * height_px / width_px
    limit = pdf.eph - 10
    if height > limit:
        width, height = width * limit / height, limit
    room = pdf.page_break_trigger - pdf.get_y()
    if height > room >= height * SHRINK_TO_FIT:
        width, height = width * room / height, room
    elif height > room:
        pdf.add_page()
    return width, height


def _image(pdf: FPDF, image: bytes, alt: str) -> None:
    width_px, height_px = image_size(image)
    width, height = _place(pdf, width_px / IMAGE_SCALE, height_px / IMAGE_SCALE)
    pdf.image(io.BytesIO(image), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height, alt_text=alt)
    pdf.ln(3)


def _text(pdf: FPDF, text: str, size: float = 9.5, bold: bool = False, grey: bool = False, color: tuple = ()) -> None:
    """A paragraph across the page, wrapped between words (inside a word too long for a line)."""
    style, colour = "B" if bold else "", color or (_GREY if grey else (0, 0, 0))
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
    height = size * 0.5
    for line in pdf_table.wrap(text, pdf.epw, pdf_table.Measure(pdf)):
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            pdf.set_font(FONT, style, size)
            pdf.set_text_color(*colour)
        top = pdf.get_y()
        if line:
            pdf.text(pdf.l_margin, top + height / 2 + size * 0.3528 * 0.35, line)
        pdf.set_xy(pdf.l_margin, top + height)
    pdf.set_text_color(0, 0, 0)


def _room_for(pdf: FPDF, height: float) -> None:
    """A new page unless `height` fits below the current position."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _plot(pdf: FPDF, plot: Any) -> None:
    _room_for(pdf, pdf_plot.height(pdf, plot, FONT))
    pdf_plot.draw(pdf, plot, FONT)
    pdf.ln(3)


_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"')


def _vector(pdf: FPDF, svg: str, alt: str) -> None:
    """An SVG document drawn as vectors, as wide as it is (1 px = 0.2646 mm) or the page, whichever is
    smaller, and shrunk to the page's height if need be."""
    found = _SVG_SIZE.search(svg)
    width_px, height_px = (float(found[1]), float(found[2])) if found else (800.0, 600.0)
    width, height = _place(pdf, width_px, height_px)
    pdf.set_fill_color(0, 0, 0)  # an SVG text without a colour is black: fpdf2 would use the current fill
    pdf.set_draw_color(0, 0, 0)
    quiet = logging.getLogger("fpdf.svg")
    level, quiet.level = quiet.level, logging.ERROR  # titles (tooltips) are not drawn: no need to say so
    try:
        pdf.image(
            io.BytesIO(svg.encode("utf-8")), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height, alt_text=alt
        )
    finally:
        quiet.level = level
    pdf.ln(3)


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
    elif isinstance(block, sm.Chart) and block.plot is not None:
        _plot(pdf, block.plot)
    elif isinstance(block, sm.Chart):
        _image(pdf, chart_image(block.spec, lang), block.alt)
    elif isinstance(block, sm.Svg):
        _vector(pdf, block.svg, block.alt)


def document(summary: sm.Summary, on: date | None = None, *, progress: Progress | None = None) -> bytes:
    """The summary as PDF bytes; `progress` hears how far the document is after each section."""
    report = progress or (lambda share, what: None)
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
    for done, section in enumerate(summary.sections):
        report(done / (len(summary.sections) + 1), section.title)
        if pdf.get_y() > pdf.page_break_trigger - KEEP_WITH_NEXT:
            pdf.add_page()
        pdf.set_draw_color(*_ACCENT)
        _text(pdf, section.title, 14, bold=True, color=_ACCENT)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
        pdf.ln(3)
        for block in section.blocks:
            _block(pdf, block, lang)
        pdf.ln(3)
    report(len(summary.sections) / (len(summary.sections) + 1), t("summary.pdf_finishing", lang))
    out = bytes(pdf.output())
    report(1.0, t("summary.pdf_finishing", lang))
    return out


def render(
    data: Mapping[str, list[dict[str, Any]]], lang: str | None = None, *, progress: Progress | None = None
) -> bytes:
    """The summary of a snapshot as a PDF; `progress(share, what)` is told how far it is."""
    return document(sm.build(data, lang or language(data), screen=False), progress=progress)
