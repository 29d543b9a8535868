"""Tables set straight onto the PDF page: every cell's text wrapped once, rows moved whole to the next
page with the header repeated there, a word longer than its column broken inside.

fpdf2's own table lays each cell out twice through its general text engine, which made the tables of a
large workshop most of the PDF's time; a table of plain texts needs far less.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF

LINE, PAD = 3.6, 1.0  # mm: line height and the space inside a cell's border
BORDER, FILL = (31, 78, 121), (221, 231, 240)


class Measure:
    """Widths (mm) of texts in one font and size, from the font's own glyph widths."""

    def __init__(self, pdf: FPDF) -> None:
        self.widths, self.scale = pdf.current_font.cw, pdf.font_size_pt * 0.001 / pdf.k

    def __call__(self, text: str) -> float:
        widths = self.widths  # a glyph the font lacks has the font's default width
        return sum(widths[ord(c)] for c in text) * self.scale


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """`text` in lines no wider than `width`: broken between words, and inside a word that is too long."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if measure(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while measure(word) > width and len(word) > 1:
                cut = _longest_fit(word, width, measure)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _longest_fit(word: str, width: float, measure: Measure) -> int:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def draw(
    pdf: FPDF,
    font: str,
    size: float,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    right: Sequence[Sequence[bool]],
) -> None:
    """A table at the current position: a bold header on a tint, then the rows; `right[r][c]` aligns a
    cell to the right (numbers)."""
    pdf.set_font(font, "B", size)
    bold = Measure(pdf)
    head = [wrap(h, w - 2 * PAD, bold) for h, w in zip(headers, widths, strict=True)]
    pdf.set_font(font, "", size)
    plain = Measure(pdf)
    most = int((pdf.eph - _height(head) - 10) / LINE)  # lines a row may have and still fit on a page
    if pdf.get_y() + _height(head) + LINE + 2 * PAD > pdf.page_break_trigger:
        pdf.add_page()
    _row(pdf, font, size, head, widths, [False] * len(widths), header=True)
    for values, aligns in zip(rows, right, strict=True):
        cells = [wrap(v, w - 2 * PAD, plain)[:most] for v, w in zip(values, widths, strict=True)]
        if pdf.get_y() + _height(cells) > pdf.page_break_trigger:
            pdf.add_page()
            _row(pdf, font, size, head, widths, [False] * len(widths), header=True)
        _row(pdf, font, size, cells, widths, aligns, header=False)


def _height(cells: Sequence[Sequence[str]]) -> float:
    return max((len(lines) for lines in cells), default=1) * LINE + 2 * PAD


def _row(
    pdf: FPDF,
    font: str,
    size: float,
    cells: Sequence[Sequence[str]],
    widths: Sequence[float],
    aligns: Sequence[bool],
    header: bool,
) -> None:
    top, height, x = pdf.get_y(), _height(cells), pdf.l_margin
    pdf.set_font(font, "B" if header else "", size)
    pdf.set_draw_color(*BORDER)
    pdf.set_fill_color(*FILL)
    pdf.set_line_width(0.2)
    for lines, width, right in zip(cells, widths, aligns, strict=True):
        pdf.rect(x, top, width, height, style="DF" if header else "D")
        for n, line in enumerate(lines):
            if not line:
                continue
            left = x + width - PAD - pdf.get_string_width(line) if right else x + PAD
            pdf.text(left, top + PAD + n * LINE + LINE * 0.75, line)
        x += width
    pdf.set_y(top + height)
