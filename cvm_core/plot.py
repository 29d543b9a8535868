"""Charts as plain data, for files: what to draw, already in the reader's language.

The pages draw the method's charts with Altair (Vega-Lite); a document draws these descriptions with
its own vector drawing (cvm_core/exports/pdf_plot.py), which takes milliseconds instead of the tenth
of a second a Vega-Lite picture costs. Each chart module builds both from the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

DASH = (10.0, 4.0)  # a dashed line's dash and gap, in CSS pixels (pages and files alike)


@dataclass(frozen=True)
class Key:
    """An entry of a legend: a label and its colour."""

    label: str
    colour: str


@dataclass(frozen=True)
class Series:
    """One line over the categories; None where it has no value. Width in CSS pixels."""

    label: str
    values: tuple[float | None, ...]
    colour: str
    width: float = 2.0
    dashed: bool = False


@dataclass(frozen=True)
class Lines:
    """Lines with a dot at each value over named categories, on a scale from 0 to `top`."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    top: float
    x_title: str
    y_title: str
    legend_title: str = ""
    title: str = ""


@dataclass(frozen=True)
class Bars:
    """A horizontal bar per row, its parts stacked from zero (negative parts to the left), with a
    diamond at `markers[row]` (e.g. net profit)."""

    rows: tuple[str, ...]
    parts: tuple[Key, ...]
    values: tuple[tuple[float, ...], ...]  # per row, one signed amount per part
    markers: tuple[float | None, ...]
    x_title: str
    title: str = ""


@dataclass(frozen=True)
class Points:
    """Labelled points on two number axes, coloured by group, with lines at zero."""

    points: tuple[tuple[str, float, float, int], ...]  # label, x, y, index into groups
    groups: tuple[Key, ...]
    x_title: str
    y_title: str
    title: str = ""


Plot = Lines | Bars | Points
