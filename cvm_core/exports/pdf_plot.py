"""The method's charts drawn straight into the PDF with fpdf2's vector drawing (no picture to render).

Each chart (cvm_core.plot: Lines, Bars, Points) takes the page's full width at the current position
and moves the position below it. Lengths are in mm; `PX` turns the CSS pixels of the page's Vega-Lite
charts into mm, so line widths and dot sizes look like the charts on the screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from fpdf import FPDF

from cvm_core.plot import DASH, Bars, Key, Lines, Plot, Points, Series

PX = 0.2  # mm per CSS pixel of the Vega-Lite charts (a 900-pixel chart across the page)
PT = 0.3528  # mm per typographic point
TICK_SIZE, LABEL_SIZE, TITLE_SIZE = 6.5, 6.5, 8.0  # points
LABEL_MAX = 45.0  # mm: a longer category label is cut with "…"
GRID, AXIS, ZERO, INK = "#dddddd", "#888888", "#555555", "#222222"


def height(pdf: FPDF, plot: Plot, font: str) -> float:
    """How tall the chart will be (mm) across the page's width."""
    return _layout(pdf, plot, font).height


def draw(pdf: FPDF, plot: Plot, font: str) -> None:
    """The chart at the current position, across the page's width; the position moves below it."""
    box = _layout(pdf, plot, font)
    top = pdf.get_y()
    with pdf.local_context():  # colours, line width and dashes come back as they were
        box.draw(pdf, top)
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, top + box.height)


class _Layout:
    height: float

    def __init__(self, pdf: FPDF, plot: Plot, font: str) -> None:
        self.plot, self.font = plot, font
        self.width = pdf.epw

    def draw(self, pdf: FPDF, top: float) -> None: ...


def _layout(pdf: FPDF, plot: Plot, font: str) -> _Layout:
    if isinstance(plot, Lines):
        return _LinesLayout(pdf, plot, font)
    if isinstance(plot, Bars):
        return _BarsLayout(pdf, plot, font)
    return _PointsLayout(pdf, plot, font)


# --- shared pieces --------------------------------------------------------------------------------------------


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round tick values from `low` to `high` (both included, widened to round numbers), about `count`."""
    if high < low:
        low, high = high, low
    if high == low:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start, end = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    return [start + i * step for i in range(round((end - start) / step) + 1)]


def short_number(value: float) -> str:
    """A number as a chart's axis shows it: 300k, 1.5M, −20k, 0."""
    sign = "\u2212" if value < 0 else ""
    value = abs(value)
    for size, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{sign}{value / size:.3g}{suffix}"
    return f"{sign}{value:.3g}" if value else "0"


def plain_number(value: float) -> str:
    sign = "\u2212" if value < 0 else ""
    return f"{sign}{abs(value):g}"


def fit(pdf: FPDF, text: str, width: float) -> str:
    """`text` cut with "…" to fit `width` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits, found by halving
        middle = (low + high + 1) // 2
        if pdf.get_string_width(text[:middle] + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


def _font(pdf: FPDF, font: str, size: float, bold: bool = False, colour: str = INK) -> None:
    pdf.set_font(font, "B" if bold else "", size)
    pdf.set_text_color(*rgb(colour))


def _line(pdf: FPDF, x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 0.2) -> None:
    pdf.set_draw_color(*rgb(colour))
    pdf.set_line_width(width)
    pdf.line(x1, y1, x2, y2)


def _title(pdf: FPDF, font: str, text: str, left: float, width: float, y: float) -> float:
    """A centred bold title; the height it took."""
    if not text:
        return 0.0
    _font(pdf, font, TITLE_SIZE + 1, bold=True)
    text = fit(pdf, text, width)
    pdf.text(left + (width - pdf.get_string_width(text)) / 2, y + (TITLE_SIZE + 1) * PT, text)
    return _title_height(text)


def _title_height(text: str) -> float:
    return (TITLE_SIZE + 1) * PT + 3 if text else 0.0


def _legend_rows(pdf: FPDF, font: str, keys: Sequence[Key], width: float, columns: int) -> list[list[Key]]:
    _font(pdf, font, LABEL_SIZE)
    rows: list[list[Key]] = [[]]
    for key in keys:
        if len(rows[-1]) == columns:
            rows.append([])
        rows[-1].append(key)
    return rows


def _legend(
    pdf: FPDF,
    font: str,
    keys: Sequence[Key],
    left: float,
    y: float,
    width: float,
    mark: Callable[[FPDF, Key, float, float], None],
    columns: int = 5,
    title: str = "",
) -> float:
    """Keys in `columns` columns, each a mark and a label; the height it took."""
    line = LABEL_SIZE * PT * 1.9
    used = 0.0
    if title:
        _font(pdf, font, LABEL_SIZE, bold=True)
        pdf.text(left, y + LABEL_SIZE * PT, fit(pdf, title, width))
        used += line
    column = width / columns
    for r, row in enumerate(_legend_rows(pdf, font, keys, width, columns)):
        for c, key in enumerate(row):
            x, middle = left + c * column, y + used + r * line + line / 2 - 0.4
            mark(pdf, key, x, middle)
            _font(pdf, font, LABEL_SIZE)
            pdf.text(x + 4.5, middle + LABEL_SIZE * PT / 2.6, fit(pdf, key.label, column - 6))
    return used + len(_legend_rows(pdf, font, keys, width, columns)) * line + 1.5


def _dot(pdf: FPDF, key: Key, x: float, middle: float) -> None:
    pdf.set_fill_color(*rgb(key.colour))
    pdf.circle(x + 1.5, middle, 1.2, style="F")


def _swatch(pdf: FPDF, key: Key, x: float, middle: float) -> None:
    pdf.set_fill_color(*rgb(key.colour))
    pdf.rect(x, middle - 1.2, 3.0, 2.4, style="F")


def _y_axis(
    pdf: FPDF, font: str, ticks: list[float], left: float, top: float, height: float, right: float, label: Callable
) -> None:
    """Horizontal grid lines with their values to the left of the plot."""
    _font(pdf, font, TICK_SIZE)
    for value in ticks:
        y = top + height - _fraction(ticks, value) * height
        _line(pdf, left, y, right, y, GRID, 0.15)
        text = label(value)
        pdf.text(left - 1.2 - pdf.get_string_width(text), y + TICK_SIZE * PT / 2.8, text)
    _line(pdf, left, top, left, top + height, AXIS, 0.2)


def _fraction(ticks: list[float], value: float) -> float:
    """Where `value` lies between the first and the last tick, from 0 to 1."""
    return (value - ticks[0]) / (ticks[-1] - ticks[0])


def _x_tick(pdf: FPDF, font: str, value: float, x: float, bottom: float) -> None:
    """A tick's value centred under `x`, below the plot's `bottom`."""
    text = short_number(value)
    _font(pdf, font, TICK_SIZE)
    pdf.text(x - pdf.get_string_width(text) / 2, bottom + 1.5 + TICK_SIZE * PT, text)


def _x_title(pdf: FPDF, font: str, text: str, left: float, width: float, y: float) -> None:
    _font(pdf, font, LABEL_SIZE + 0.5, bold=True)
    pdf.text(left + (width - pdf.get_string_width(text)) / 2, y, text)


def _y_title(pdf: FPDF, font: str, text: str, x: float, top: float, height: float) -> None:
    _font(pdf, font, LABEL_SIZE + 0.5, bold=True)
    text = fit(pdf, text, height)
    middle = top + height / 2 + pdf.get_string_width(text) / 2
    with pdf.rotation(90, x, middle):
        pdf.text(x, middle, text)


def _tick_width(pdf: FPDF, font: str, labels: list[str]) -> float:
    _font(pdf, font, TICK_SIZE)
    return max((pdf.get_string_width(text) for text in labels), default=0.0)


# --- lines: the strategy canvas ---------------------------------------------------------------------------------


class _LinesLayout(_Layout):
    plot: Lines

    def __init__(self, pdf: FPDF, plot: Lines, font: str) -> None:
        super().__init__(pdf, plot, font)
        self.ticks = nice_ticks(0, plot.top or 1, 10 if plot.top <= 10 else 8)
        self.left = 6 + _tick_width(pdf, font, [plain_number(v) for v in self.ticks]) + 2
        self.inner = self.width - self.left - 2
        self.step = self.inner / max(len(plot.categories), 1)
        self.angle = 30 if self.step >= 7 else 60
        _font(pdf, font, LABEL_SIZE)
        self.labels = [fit(pdf, name, LABEL_MAX) for name in plot.categories]
        longest = max((pdf.get_string_width(text) for text in self.labels), default=0.0)
        self.label_height = longest * math.sin(math.radians(self.angle)) + LABEL_SIZE * PT + 2
        self.plot_height = 420 * PX * 0.85
        self.title_height = _title_height(plot.title)
        rows = math.ceil(len(plot.series) / 4)
        self.legend_height = (rows + (1 if plot.legend_title else 0)) * LABEL_SIZE * PT * 1.9 + 1.5
        self.height = self.title_height + self.plot_height + self.label_height + 5 + self.legend_height + 2

    def x(self, i: int) -> float:
        return self.x0 + (i + 0.5) * self.step

    def y(self, value: float) -> float:
        return self.top + self.plot_height - _fraction(self.ticks, value) * self.plot_height

    def draw(self, pdf: FPDF, top: float) -> None:
        plot, font = self.plot, self.font
        self.x0 = pdf.l_margin + self.left
        self.top = top + _title(pdf, font, plot.title, pdf.l_margin, self.width, top)
        right = self.x0 + self.inner
        _y_axis(pdf, font, self.ticks, self.x0, self.top, self.plot_height, right, plain_number)
        _y_title(pdf, font, plot.y_title, pdf.l_margin + 2.5, self.top, self.plot_height)
        bottom = self.top + self.plot_height
        _line(pdf, self.x0, bottom, right, bottom, AXIS, 0.2)
        _font(pdf, font, LABEL_SIZE)
        for i, text in enumerate(self.labels):
            x = self.x(i)
            _line(pdf, x, bottom, x, bottom + 1.2, AXIS, 0.15)
            _font(pdf, font, LABEL_SIZE)
            end_x, end_y = x + 0.6, bottom + 2.0 + LABEL_SIZE * PT * 0.4
            with pdf.rotation(self.angle, end_x, end_y):
                pdf.text(end_x - pdf.get_string_width(text), end_y, text)
        title_y = bottom + self.label_height + 3
        _x_title(pdf, font, plot.x_title, self.x0, self.inner, title_y)
        for series in plot.series:
            self._series(pdf, series)
        keys = [Key(s.label, s.colour) for s in plot.series]
        _legend(pdf, font, keys, self.x0, title_y + 2, self.inner, _dot, columns=4, title=plot.legend_title)

    def _series(self, pdf: FPDF, series: Series) -> None:
        points = [(self.x(i), self.y(v)) for i, v in enumerate(series.values) if v is not None]
        pdf.set_draw_color(*rgb(series.colour))
        pdf.set_line_width(series.width * PX)
        if series.dashed:
            pdf.set_dash_pattern(dash=DASH[0] * PX, gap=DASH[1] * PX)
        if len(points) > 1:
            pdf.polyline(points, style="D")
        pdf.set_dash_pattern()
        pdf.set_fill_color(*rgb(series.colour))
        for x, y in points:
            pdf.circle(x, y, math.sqrt(60 / math.pi) * PX, style="F")


# --- bars: profit and loss --------------------------------------------------------------------------------------


class _BarsLayout(_Layout):
    plot: Bars
    ROW, ROW_MIN = 34 * PX, 3.2  # mm per row on the screen's proportions, and the least it may shrink to

    def __init__(self, pdf: FPDF, plot: Bars, font: str) -> None:
        super().__init__(pdf, plot, font)
        lows = [sum(v for v in row if v < 0) for row in plot.values] + [m for m in plot.markers if m is not None]
        highs = [sum(v for v in row if v > 0) for row in plot.values] + [m for m in plot.markers if m is not None]
        self.ticks = nice_ticks(min([0.0, *lows]), max([0.0, *highs]), 8)
        self.title_height = _title_height(plot.title)
        self.legend_height = math.ceil(len(plot.parts) / 5) * LABEL_SIZE * PT * 1.9 + 1.5
        fixed = self.title_height + self.legend_height + TICK_SIZE * PT + 10
        room = pdf.eph - 12 - fixed
        self.row = max(self.ROW_MIN, min(self.ROW, room / max(len(plot.rows), 1)))
        self.label_size = min(LABEL_SIZE, self.row / PT * 0.8)
        _font(pdf, font, self.label_size)
        self.labels = [fit(pdf, name, LABEL_MAX) for name in plot.rows]
        self.left = max((pdf.get_string_width(text) for text in self.labels), default=0.0) + 2
        self.inner = self.width - self.left - 4
        self.height = fixed + self.row * len(plot.rows)

    def x(self, value: float) -> float:
        return self.x0 + _fraction(self.ticks, value) * self.inner

    def draw(self, pdf: FPDF, top: float) -> None:
        plot, font = self.plot, self.font
        self.x0 = pdf.l_margin + self.left
        y = top + _title(pdf, font, plot.title, pdf.l_margin, self.width, top)
        y += _legend(pdf, font, plot.parts, pdf.l_margin, y, self.width, _swatch)
        bottom = y + self.row * len(plot.rows)
        _font(pdf, font, TICK_SIZE)
        for value in self.ticks:
            x = self.x(value)
            _line(pdf, x, y, x, bottom, GRID, 0.15)
            _x_tick(pdf, font, value, x, bottom)
        for r, (label, values, marker) in enumerate(zip(self.labels, plot.values, plot.markers, strict=True)):
            self._row(pdf, y + r * self.row, label, values, marker)
        _line(pdf, self.x(0), y, self.x(0), bottom, ZERO, 0.3)
        _line(pdf, self.x0, bottom, self.x0 + self.inner, bottom, AXIS, 0.2)
        _x_title(pdf, font, plot.x_title, self.x0, self.inner, bottom + 3 + TICK_SIZE * PT + LABEL_SIZE * PT + 1)

    def _row(self, pdf: FPDF, y: float, label: str, values: Sequence[float], marker: float | None) -> None:
        _font(pdf, self.font, self.label_size)
        middle = y + self.row / 2
        pdf.text(self.x0 - 1.5 - pdf.get_string_width(label), middle + self.label_size * PT / 2.8, label)
        bar = self.row * 0.8
        ends = {1: 0.0, -1: 0.0}
        for part, value in zip(self.plot.parts, values, strict=True):
            if not value:
                continue
            sign = 1 if value > 0 else -1
            start, end = ends[sign], ends[sign] + value
            ends[sign] = end
            pdf.set_fill_color(*rgb(part.colour))
            left, right = sorted((self.x(start), self.x(end)))
            pdf.rect(left, middle - bar / 2, max(right - left, 0.05), bar, style="F")
        if marker is not None:
            x, half = self.x(marker), min(bar / 2, 1.6)
            pdf.set_fill_color(17, 17, 17)
            pdf.polygon([(x, middle - half), (x + half, middle), (x, middle + half), (x - half, middle)], style="F")


# --- points: growth against profit ------------------------------------------------------------------------------


class _PointsLayout(_Layout):
    plot: Points

    def __init__(self, pdf: FPDF, plot: Points, font: str) -> None:
        super().__init__(pdf, plot, font)
        xs, ys = [p[1] for p in plot.points], [p[2] for p in plot.points]
        self.x_ticks = nice_ticks(min([0.0, *xs]), max([0.0, *xs]), 10)
        self.y_ticks = nice_ticks(min([0.0, *ys]), max([0.0, *ys]), 7)
        self.left = 6 + _tick_width(pdf, font, [plain_number(v) for v in self.y_ticks]) + 2
        self.inner = self.width - self.left - 4
        self.title_height = _title_height(plot.title)
        self.legend_height = LABEL_SIZE * PT * 1.9 + 1.5
        self.plot_height = 380 * PX * 0.9
        self.height = self.title_height + self.legend_height + self.plot_height + TICK_SIZE * PT + LABEL_SIZE * PT + 6

    def x(self, value: float) -> float:
        return self.x0 + _fraction(self.x_ticks, value) * self.inner

    def y(self, value: float) -> float:
        return self.top + self.plot_height - _fraction(self.y_ticks, value) * self.plot_height

    def draw(self, pdf: FPDF, top: float) -> None:
        plot, font = self.plot, self.font
        self.x0 = pdf.l_margin + self.left
        y = top + _title(pdf, font, plot.title, pdf.l_margin, self.width, top)
        self.top = y + _legend(pdf, font, plot.groups, self.x0, y, self.inner, _dot, columns=max(len(plot.groups), 1))
        right, bottom = self.x0 + self.inner, self.top + self.plot_height
        _y_axis(pdf, font, self.y_ticks, self.x0, self.top, self.plot_height, right, plain_number)
        _y_title(pdf, font, plot.y_title, pdf.l_margin + 2.5, self.top, self.plot_height)
        for value in self.x_ticks:
            x = self.x(value)
            _line(pdf, x, bottom, x, bottom + 1.2, AXIS, 0.15)
            _x_tick(pdf, font, value, x, bottom)
        _line(pdf, self.x0, bottom, right, bottom, AXIS, 0.2)
        _line(pdf, self.x(0), self.top, self.x(0), bottom, "#bbbbbb", 0.3)
        _line(pdf, self.x0, self.y(0), right, self.y(0), "#bbbbbb", 0.3)
        radius = math.sqrt(140 / math.pi) * PX
        with pdf.local_context(fill_opacity=0.85):
            for _, px, py, group in plot.points:
                pdf.set_fill_color(*rgb(plot.groups[group].colour))
                pdf.circle(self.x(px), self.y(py), radius, style="F")
        _font(pdf, font, LABEL_SIZE)
        for label, px, py, _ in plot.points:
            pdf.text(self.x(px) + 9 * PX, self.y(py) + LABEL_SIZE * PT / 2.8, fit(pdf, label, LABEL_MAX))
        _x_title(pdf, font, plot.x_title, self.x0, self.inner, bottom + 3 + TICK_SIZE * PT + LABEL_SIZE * PT)
