"""Step 4: the strategy canvas of one customer, its reading, and the chart.

A canvas has the customer's value factors along the bottom and one curve per offering (ours, competitors,
substitutes): the score each offering gets on each factor, on the workshop's scale (0–10 by default).
The ERRC grid (eliminate, reduce, raise, create) turns our curve into the to-be curve.

Scores are offering levels as people see them: a high price is a high score. Everything that judges the
curves (focus, divergence, uniqueness) first turns a score into its value to the customer, so that on a
factor where high is not good (price) a lower score counts as better.

For other pages and exports: `build` (snapshot → Canvas), `read` / `reading_of` (Reading), `describe`
(the reading as catalogue keys), `errc_warnings`, `spec` (the chart as a Vega-Lite dict),
`chart` (the same as an Altair chart), `export_spec` (sized for files), `png` and `svg` (rendered with
vl-convert), `completion`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cvm_core import fmt
from cvm_core.completion import Completion, Missing, Snapshot
from cvm_core.plot import DASH, Lines, Series
from cvm_core.rows import Row
from cvm_core.settings import DEFAULT_LANGUAGE, SCALE_MAX_DEFAULT

TO_BE = "to_be"
RIVAL_KINDS = ("competitor", "substitute")
KIND_ORDER = {"ours": 0, "competitor": 1, "substitute": 2}
DIVERGENCE_SHARE = 0.2  # two curves diverge on a factor when their values differ by 20 % of the scale or more
FOCUS_HALF = 0.5  # the factors that carry half of the curve's value ...
FOCUSED_SHARE = 1 / 3  # ... are at most a third of all factors: the curve is focused
FOCUS_MIN_FACTORS = 3  # with fewer factors, focus says nothing


@dataclass(frozen=True)
class Factor:
    id: int
    name: str
    weight: int
    high_is_good: bool


@dataclass(frozen=True)
class Curve:
    """One line of the canvas: `scores` follow the canvas's factors (None: not scored)."""

    key: str  # "o<offering id>" or TO_BE
    label: str
    kind: str  # ours | competitor | substitute | to_be
    scores: tuple[float | None, ...]

    @property
    def scored(self) -> int:
        return sum(s is not None for s in self.scores)


@dataclass(frozen=True)
class Canvas:
    customer_id: int
    factors: tuple[Factor, ...]
    curves: tuple[Curve, ...]  # as-is, one per offering: ours first, then competitors, then substitutes
    to_be: Curve | None
    scale_max: float

    @property
    def ours(self) -> Curve | None:
        return next((c for c in self.curves if c.kind == "ours"), None)

    @property
    def rivals(self) -> tuple[Curve, ...]:
        """Competitors and substitutes that have at least one score for this customer's factors."""
        return tuple(c for c in self.curves if c.kind in RIVAL_KINDS and c.scored)

    @property
    def threshold(self) -> float:
        return self.scale_max * DIVERGENCE_SHARE


@dataclass(frozen=True)
class Divergence:
    """How a curve differs from one rival: `factors` are (factor id, value difference) where the gap is at
    least the threshold (positive: better for the customer than the rival)."""

    rival: Curve
    distance: float  # mean absolute gap over the factors both scored, as a share of the scale (0–1)
    factors: tuple[tuple[int, float], ...]

    @property
    def diverges(self) -> bool:
        return bool(self.factors)


@dataclass(frozen=True)
class Reading:
    curve: Curve
    carriers: tuple[int, ...]  # factor ids that carry half of the curve's value, strongest first
    factor_count: int
    divergences: tuple[Divergence, ...]
    unique: tuple[tuple[int, float], ...]  # factors where the curve beats every rival: (id, margin)

    @property
    def focused(self) -> bool:
        return bool(self.carriers) and len(self.carriers) <= self.factor_count * FOCUSED_SHARE

    @property
    def diverges_from_all(self) -> bool:
        return bool(self.divergences) and all(d.diverges for d in self.divergences)


def value(score: float | None, high_is_good: bool, scale_max: float) -> float | None:
    """A score as value to the customer: unchanged when high is good, mirrored on the scale otherwise."""
    if score is None:
        return None
    return score if high_is_good else scale_max - score


def values(curve: Curve, canvas: Canvas) -> tuple[float | None, ...]:
    """`value` of each score of the curve (a list made first: cheaper than a generator for a few items)."""
    top = canvas.scale_max
    return tuple(
        [s if s is None or f.high_is_good else top - s for s, f in zip(curve.scores, canvas.factors, strict=True)]
    )


def _unique_labels(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        n = seen.get(label.casefold(), 0)
        seen[label.casefold()] = n + 1
        out.append(label if n == 0 else f"{label} ({n + 1})")
    return out


def to_be_scores(factors: Iterable[Factor], ours: Curve | None, errc: Mapping[int, Row]) -> tuple[float | None, ...]:
    """The to-be score per factor: eliminated → 0; reduced, raised or created → the target (our current
    score while no target is set); a factor without an action keeps our current score."""
    out = []
    for i, f in enumerate(factors):
        now = ours.scores[i] if ours else None
        action = errc.get(f.id)
        if action is None:
            out.append(now)
        elif action["action"] == "eliminate":
            out.append(0.0)
        elif action.get("target_score") is not None:
            out.append(float(action["target_score"]))
        else:
            out.append(now)
    return tuple(out)


def build(data: Snapshot, customer_id: int, to_be_label: str = "To-be") -> Canvas:
    """The canvas of one customer from a workshop snapshot."""
    workshop = (data.get("workshop") or [{}])[0]
    scale_max = float(workshop.get("scale_max") or SCALE_MAX_DEFAULT)
    factors = tuple(
        Factor(f["id"], f["name"], f.get("weight") or 1, bool(f.get("high_is_good", True)))
        for f in data.get("value_factor", [])
        if f["customer_id"] == customer_id
    )
    ids = {f.id for f in factors}
    scores = {
        (s["offering_id"], s["factor_id"]): s["score"] for s in data.get("canvas_score", []) if s["factor_id"] in ids
    }
    offerings = sorted(data.get("offering", []), key=lambda o: (KIND_ORDER.get(o["kind"], 9), o["id"]))
    labels = _unique_labels([o["name"] for o in offerings] + [to_be_label])
    curves = tuple(
        Curve(f"o{o['id']}", label, o["kind"], tuple(_float(scores.get((o["id"], f.id))) for f in factors))
        for o, label in zip(offerings, labels, strict=False)
    )
    errc = {e["factor_id"]: e for e in data.get("errc_action", []) if e["factor_id"] in ids}
    canvas = Canvas(customer_id, factors, curves, None, scale_max)
    if not errc:
        return canvas
    to_be = Curve(TO_BE, labels[-1], TO_BE, to_be_scores(factors, canvas.ours, errc))
    return Canvas(customer_id, factors, curves, to_be, scale_max)


def _float(v: Any) -> float | None:
    return None if v is None else float(v)


def focus(curve: Curve, canvas: Canvas) -> tuple[int, ...]:
    """The fewest factors whose value to the customer makes up half of the curve's total, strongest first;
    factors with the same value as the last one taken are taken too (a tie at the cut names them all)."""
    vals = values(curve, canvas)
    scored = [(v, f) for v, f in zip(vals, canvas.factors, strict=True) if v is not None]
    total = sum(v for v, _ in scored)
    if total <= 0:
        return ()
    scored.sort(key=lambda item: (-item[0], -item[1].weight, item[1].id))
    carriers, running, cut = [], 0.0, None
    for v, f in scored:
        if cut is not None and v < cut:
            break
        carriers.append(f.id)
        running += v
        if cut is None and running >= total * FOCUS_HALF:
            cut = v
    return tuple(carriers)


def divergence(curve: Curve, rival: Curve, canvas: Canvas) -> Divergence:
    """Where `curve` and `rival` differ, in value to the customer."""
    return _divergence(values(curve, canvas), rival, canvas)


def divergences(curve: Curve, canvas: Canvas) -> tuple[Divergence, ...]:
    """How `curve` differs from each rival of the canvas."""
    mine = values(curve, canvas)
    return tuple(_divergence(mine, rival, canvas) for rival in canvas.rivals)


def _divergence(mine: tuple[float | None, ...], rival: Curve, canvas: Canvas) -> Divergence:
    theirs = values(rival, canvas)
    gaps = [
        (f.id, a - b) for f, a, b in zip(canvas.factors, mine, theirs, strict=True) if a is not None and b is not None
    ]
    if not gaps:
        return Divergence(rival, 0.0, ())
    distance = sum([abs(g) for _, g in gaps]) / len(gaps) / canvas.scale_max
    threshold = canvas.threshold
    return Divergence(rival, distance, tuple([(f, g) for f, g in gaps if abs(g) >= threshold]))


def uniqueness(curve: Curve, canvas: Canvas) -> tuple[tuple[int, float], ...]:
    """Factors where `curve` gives the customer more than every rival by the threshold or more, with the
    margin over the best rival; the most important and widest first."""
    rivals = canvas.rivals
    if not rivals:
        return ()
    mine = values(curve, canvas)
    theirs = [values(r, canvas) for r in rivals]
    out = []
    for i, f in enumerate(canvas.factors):
        others = [v[i] for v in theirs if v[i] is not None]
        if mine[i] is None or not others:
            continue
        margin = mine[i] - max(others)
        if margin >= canvas.threshold:
            out.append((f.id, margin, f.weight))
    out.sort(key=lambda item: (-item[1] * item[2], item[0]))
    return tuple((fid, margin) for fid, margin, _ in out)


def read(curve: Curve, canvas: Canvas) -> Reading:
    """Focus, divergence from each rival and uniqueness of one curve."""
    return Reading(
        curve,
        focus(curve, canvas),
        sum(v is not None for v in curve.scores),
        divergences(curve, canvas),
        uniqueness(curve, canvas),
    )


def reading_of(canvas: Canvas) -> Reading | None:
    """The reading of the to-be curve, or of our as-is curve while there is no to-be yet."""
    curve = canvas.to_be or canvas.ours
    return read(curve, canvas) if curve is not None and curve.scored else None


def describe(reading: Reading, canvas: Canvas, lang: str = DEFAULT_LANGUAGE) -> list[tuple[str, dict[str, Any]]]:
    """The reading as catalogue keys and parameters (step4.read.*), for pages and exports; the gaps in
    the lists of factors are written as `lang` writes numbers."""
    names = {f.id: f.name for f in canvas.factors}
    lines: list[tuple[str, dict[str, Any]]] = []
    if reading.carriers and reading.factor_count >= FOCUS_MIN_FACTORS:
        key = "step4.read.focused" if reading.focused else "step4.read.spread"
        lines.append(
            (
                key,
                {
                    "count": len(reading.carriers),
                    "total": reading.factor_count,
                    "factors": ", ".join(names[f] for f in reading.carriers),
                },
            )
        )
    if not reading.divergences:
        lines.append(("step4.read.no_rivals", {}))
    for d in reading.divergences:
        if d.diverges:
            better = ", ".join(f"{names[f]} ({fmt.signed(g, lang)})" for f, g in d.factors if g > 0)
            worse = ", ".join(f"{names[f]} ({fmt.signed(g, lang)})" for f, g in d.factors if g < 0)
            key = "step4.read.diverges" if better and worse else "step4.read.better" if better else "step4.read.worse"
            lines.append((key, {"rival": d.rival.label, "better": better, "worse": worse}))
        else:
            lines.append(("step4.read.same_as", {"rival": d.rival.label}))
    if reading.unique:
        factors = ", ".join(f"{names[f]} ({fmt.signed(m, lang)})" for f, m in reading.unique)
        lines.append(("step4.read.unique", {"factors": factors}))
    elif reading.divergences:
        lines.append(("step4.read.not_unique", {}))
    return lines


def errc_warnings(canvas: Canvas, errc: Iterable[Row]) -> list[tuple[str, dict[str, Any]]]:
    """ERRC rows that contradict our current score (e.g. "reduce" to a higher score), as catalogue keys."""
    ours = canvas.ours
    index = {f.id: i for i, f in enumerate(canvas.factors)}
    out = []
    for row in errc:
        i = index.get(row["factor_id"])
        if i is None:
            continue
        name = canvas.factors[i].name
        now = ours.scores[i] if ours else None
        target = row.get("target_score")
        action = row["action"]
        if action in ("reduce", "raise", "create") and target is None:
            out.append(("step4.warn.no_target", {"factor": name}))
        elif now is not None and target is not None:
            if (action == "reduce" and target >= now) or (action == "raise" and target <= now):
                out.append((f"step4.warn.{action}", {"factor": name, "now": now, "target": target}))
    return out


def completion(data: Snapshot) -> Completion:
    """A to-be curve exists for some customer and diverges from every rival there on at least one factor.
    Items: the to-be curve, then one per rival of the customer whose to-be diverges from the most rivals."""
    customers = {c["id"]: c["name"] for c in data.get("customer", [])}
    scale_max = ((data.get("workshop") or [{}])[0]).get("scale_max")
    offerings = tuple((o["id"], o["name"], o["kind"]) for o in data.get("offering", []))
    best: tuple[int, int, tuple[Divergence, ...]] | None = None
    for customer, rows in _by_customer(data).items():
        found = _to_be_divergences(customer, scale_max, offerings, *_what_build_reads(rows))
        if found is None:
            continue
        diverged = sum(d.diverges for d in found)
        if best is None or diverged > best[0] or (diverged == best[0] and len(found) < len(best[2])):
            best = (diverged, customer, found)
    if best is None:
        return Completion(0, 2, (Missing("step4.missing.no_to_be"),))
    diverged, customer, found = best
    name = customers[customer]
    if not found:
        return Completion(1, 2, (Missing("step4.missing.no_rivals", {"customer": name}),))
    missing = tuple(
        Missing("step4.missing.same_as", {"customer": name, "rival": d.rival.label}) for d in found if not d.diverges
    )
    return Completion(1 + diverged, 1 + len(found), missing)


Key = tuple[tuple[Any, ...], ...]


def _what_build_reads(rows: Snapshot) -> tuple[Key, Key, Key]:
    """A customer's factors, scores and ERRC actions as plain values: only the fields `build` reads, in order."""
    return (
        tuple((f["id"], f["name"], f.get("weight"), f.get("high_is_good", True)) for f in rows["value_factor"]),
        tuple((s["offering_id"], s["factor_id"], s["score"]) for s in rows["canvas_score"]),
        tuple((e["factor_id"], e["action"], e.get("target_score")) for e in rows["errc_action"]),
    )


@lru_cache(maxsize=1024)
def _to_be_divergences(
    customer_id: int, scale_max: Any, offerings: Key, factors: Key, scores: Key, errc: Key
) -> tuple[Divergence, ...] | None:
    """How the customer's to-be curve differs from each rival (None without a to-be curve): kept per
    customer, so that a change of one customer's canvas builds that canvas alone again."""
    rows = {
        "workshop": [{"scale_max": scale_max}],
        "offering": [{"id": i, "name": n, "kind": k} for i, n, k in offerings],
        "value_factor": [
            {"id": i, "name": n, "weight": w, "high_is_good": g, "customer_id": customer_id} for i, n, w, g in factors
        ],
        "canvas_score": [{"offering_id": o, "factor_id": f, "score": v} for o, f, v in scores],
        "errc_action": [{"factor_id": f, "action": a, "target_score": v} for f, a, v in errc],
    }
    canvas = build(rows, customer_id)
    return None if canvas.to_be is None else divergences(canvas.to_be, canvas)


def _by_customer(data: Snapshot) -> dict[int, Snapshot]:
    """Per customer (in the order of the customers), the rows `build` reads for its canvas: each row of
    the factors, scores and ERRC actions is looked at once, not once per customer."""
    shared = {"workshop": data.get("workshop") or [], "offering": data.get("offering", [])}
    out: dict[int, Snapshot] = {
        c["id"]: {**shared, "value_factor": [], "canvas_score": [], "errc_action": []} for c in data.get("customer", [])
    }
    owner = {}
    for f in data.get("value_factor", []):
        if f["customer_id"] in out:
            owner[f["id"]] = f["customer_id"]
            out[f["customer_id"]]["value_factor"].append(f)
    for name in ("canvas_score", "errc_action"):
        for row in data.get(name, []):
            if row["factor_id"] in owner:
                out[owner[row["factor_id"]]][name].append(row)
    return out


# --- the chart -----------------------------------------------------------------------------------------------

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"  # the Vega-Lite of altair 6.3

# How each curve is drawn, here and in files (`spec` and `plot`): the to-be curve is the strongest line on
# the canvas (the darkest colour, the widest stroke, dashed as a plan, drawn last so it lies on top); our
# offer today is a lighter blue of the same family; rivals take quieter colours and the thinnest stroke.
# Colours are fixed here rather than left to a theme, whose palette would hand the to-be a pale colour.
TO_BE_COLOUR = "#0b3c5d"
OURS_COLOURS = ("#5b9bd5", "#7fb8e0", "#3f7fb5")
RIVAL_COLOURS = ("#e15759", "#59a14f", "#d4a72c", "#b07aa1", "#9c755f", "#ff9da7", "#76b7b2", "#8c8c8c")
LINE_WIDTH, OURS_WIDTH, STRONG_WIDTH = 2.0, 3.0, 5.0  # rivals, our offer today, the to-be curve
TO_BE_DASHED = True
IS_TO_BE, IS_OURS = f"datum.kind === '{TO_BE}'", "datum.kind === 'ours'"
LEGEND_COLUMN = 230  # pixels a legend column takes: as many columns as the chart's width holds, at most 4


@dataclass(frozen=True)
class Ink:
    """How one curve is drawn."""

    colour: str
    width: float
    dashed: bool = False


def inks(curves: Iterable[Curve]) -> list[Ink]:
    """The colour, stroke width and dash of each curve, in order."""
    out, ours, rivals = [], 0, 0
    for c in curves:
        if c.kind == TO_BE:
            out.append(Ink(TO_BE_COLOUR, STRONG_WIDTH, TO_BE_DASHED))
        elif c.kind == "ours":
            out.append(Ink(OURS_COLOURS[ours % len(OURS_COLOURS)], OURS_WIDTH))
            ours += 1
        else:
            out.append(Ink(RIVAL_COLOURS[rivals % len(RIVAL_COLOURS)], LINE_WIDTH))
            rivals += 1
    return out


@dataclass(frozen=True)
class ChartLabels:
    """Texts of the chart in the reader's language."""

    factor: str = "Value factor"
    score: str = "Score"
    curve: str = "Offering"
    lower_is_better: str = "↓"  # appended to a factor where a lower score is better for the customer


def _curves(canvas: Canvas) -> list[Curve]:
    """Every curve in drawing order: the offerings as they are, then the to-be curve (on top)."""
    return [*canvas.curves, *([canvas.to_be] if canvas.to_be else [])]


def _points(canvas: Canvas, labels: ChartLabels) -> tuple[list[str], list[dict[str, Any]]]:
    names = [f.name if f.high_is_good else f"{f.name} {labels.lower_is_better}" for f in canvas.factors]
    rows = [
        {"factor": names[i], "curve": c.label, "kind": c.kind, "score": s, "order": i}
        for c in _curves(canvas)
        for i, s in enumerate(c.scores)
        if s is not None
    ]
    return names, rows


def spec(
    canvas: Canvas,
    labels: ChartLabels = ChartLabels(),
    width: int | str = "container",
    height: int = 360,
    title: str = "",
    background: str | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """The canvas as a Vega-Lite spec: one line per offering and the to-be curve, drawn as `inks` says.
    Plain data (built without Altair, so it is quick enough to redraw on every change). For a file give a
    fixed `width` and a `background` (e.g. "white"); with `lang`, scores read as that language writes
    numbers."""
    names, rows = _points(canvas, labels)
    curves = _curves(canvas)
    drawn = inks(curves)
    order = [c.label for c in curves]
    encoding = {
        "x": {
            "field": "factor",
            "type": "nominal",
            "sort": names,
            "title": labels.factor,
            "axis": {"labelAngle": -30, "labelLimit": 180, "labelOverlap": False},
        },
        "y": {
            "field": "score",
            "type": "quantitative",
            "title": labels.score,
            "scale": {"domain": [0, canvas.scale_max]},
        },
        "color": {
            "field": "curve",
            "type": "nominal",
            "sort": order,
            "title": labels.curve,
            "scale": {"domain": order, "range": [i.colour for i in drawn]},
            "legend": {
                "orient": "bottom",
                "columns": {"expr": f"max(1, min(4, floor(width / {LEGEND_COLUMN})))"},
                "labelLimit": LEGEND_COLUMN - 30,
            },
        },
        "tooltip": [
            {"field": "curve", "type": "nominal", "title": labels.curve},
            {"field": "factor", "type": "nominal", "title": labels.factor},
            {"field": "score", "type": "quantitative", "title": labels.score},
        ],
    }
    lines = {
        "mark": {"type": "line"},
        "encoding": {
            **encoding,
            "strokeDash": {"condition": {"test": IS_TO_BE, "value": list(DASH)}, "value": [1, 0]},
            "strokeWidth": {
                "condition": [{"test": IS_TO_BE, "value": STRONG_WIDTH}, {"test": IS_OURS, "value": OURS_WIDTH}],
                "value": LINE_WIDTH,
            },
        },
    }
    points = {"mark": {"type": "point", "filled": True, "size": 60}, "encoding": encoding}
    out: dict[str, Any] = {
        "$schema": SCHEMA,
        "data": {"values": rows},
        "layer": [lines, points],
        "width": width,
        "height": height,
    }
    if title:
        out["title"] = title
    if background:
        out |= {"background": background, "padding": 16}
    if lang:
        out["config"] = {"locale": fmt.vega_locale(lang)}
    return out


def plot(canvas: Canvas, labels: ChartLabels = ChartLabels(), title: str = "") -> Lines:
    """The canvas as plain data for a file's own drawing: the same lines, colours and order as `spec`."""
    names, _ = _points(canvas, labels)
    curves = _curves(canvas)
    series = tuple(
        Series(c.label, c.scores, ink.colour, ink.width, ink.dashed)
        for c, ink in zip(curves, inks(curves), strict=True)
    )
    return Lines(tuple(names), series, canvas.scale_max, labels.factor, labels.score, labels.curve, title)


def chart(canvas: Canvas, labels: ChartLabels = ChartLabels(), **layout: Any) -> Any:
    """The canvas as an Altair chart (the same spec as `spec`, laid out by the same keywords), for whoever
    wants to combine or save it."""
    import altair as alt

    return alt.LayerChart.from_dict(spec(canvas, labels, **layout))


def export_spec(
    canvas: Canvas, labels: ChartLabels = ChartLabels(), title: str = "", lang: str | None = None
) -> dict[str, Any]:
    """The chart sized and coloured for a file (PNG, SVG, PDF)."""
    return spec(canvas, labels, width=900, height=420, title=title, background="white", lang=lang)


def png(chart_or_spec: Any, scale: float = 2.0) -> bytes:
    """Render a Vega-Lite spec or an Altair chart (with a fixed width) to PNG."""
    import vl_convert

    return vl_convert.vegalite_to_png(_as_spec(chart_or_spec), scale=scale)


def svg(chart_or_spec: Any) -> str:
    """Render a Vega-Lite spec or an Altair chart (with a fixed width) to SVG."""
    import vl_convert

    return vl_convert.vegalite_to_svg(_as_spec(chart_or_spec))


def _as_spec(chart_or_spec: Any) -> dict[str, Any]:
    return chart_or_spec if isinstance(chart_or_spec, dict) else chart_or_spec.to_dict()
