"""Step 4 in pure Python: curves, the to-be curve from the ERRC grid, the reading, completion, the chart."""

import pytest

from cvm_core import canvas as cv

FACTORS = [("Price", False), ("Speed", True), ("Range", True), ("Tracking", True)]


def snapshot(scores: dict[str, list[float | None]], errc: dict[int, tuple] | None = None, scale: int = 10) -> dict:
    """Customer 1 with FACTORS (ids 1–4); offerings named in `scores` ("Ours" is ours, "Sub…" substitutes)."""
    offerings, rows = [], []
    for n, (name, values) in enumerate(scores.items(), start=1):
        kind = "ours" if name == "Ours" else "substitute" if name.startswith("Sub") else "competitor"
        offerings.append({"id": 100 + n, "name": name, "kind": kind})
        rows += [
            {"offering_id": 100 + n, "factor_id": f, "score": s} for f, s in enumerate(values, start=1) if s is not None
        ]
    return {
        "workshop": [{"scale_max": scale}],
        "customer": [{"id": 1, "name": "Shops"}, {"id": 2, "name": "Cafés"}],
        "value_factor": [
            {"id": i, "customer_id": 1, "name": n, "weight": 5, "high_is_good": good}
            for i, (n, good) in enumerate(FACTORS, start=1)
        ],
        "offering": offerings,
        "canvas_score": rows,
        "errc_action": [
            {"factor_id": f, "action": a, "target_score": target} for f, (a, target) in (errc or {}).items()
        ],
    }


def test_curves_follow_the_factors_with_ours_first() -> None:
    canvas = cv.build(snapshot({"Rival": [5, 5, 5, 5], "Ours": [6, None, 7, 1]}), 1)
    assert [c.label for c in canvas.curves] == ["Ours", "Rival"]
    assert canvas.ours.scores == (6.0, None, 7.0, 1.0)
    assert canvas.to_be is None
    assert cv.build(snapshot({"Ours": [1, 1, 1, 1]}), 2).factors == ()


def test_to_be_curve_from_the_errc_grid() -> None:
    errc = {1: ("reduce", 4), 2: ("raise", None), 3: ("eliminate", 7), 4: ("create", 9)}
    canvas = cv.build(snapshot({"Ours": [6, 5, 7, 0]}, errc), 1)
    assert canvas.to_be.scores == (4.0, 5.0, 0.0, 9.0)  # raise without a target keeps today's score
    only_one = cv.build(snapshot({"Ours": [6, 5, 7, 0]}, {4: ("create", 9)}), 1)
    assert only_one.to_be.scores == (6.0, 5.0, 7.0, 9.0)  # factors without an action keep our score


def test_value_to_the_customer_mirrors_price_like_factors() -> None:
    assert cv.value(8, True, 10) == 8
    assert cv.value(8, False, 10) == 2
    assert cv.value(None, False, 10) is None


def test_a_lower_price_counts_as_better_for_the_customer() -> None:
    canvas = cv.build(snapshot({"Ours": [2, 5, 5, 5], "Rival": [8, 5, 5, 5]}), 1)
    reading = cv.read(canvas.ours, canvas)
    (against,) = reading.divergences
    assert against.factors == ((1, 6.0),)  # price: ours 2 vs 8 is +6 of value for the customer
    assert reading.unique == ((1, 6.0),)
    dearer = cv.build(snapshot({"Ours": [8, 5, 5, 5], "Rival": [2, 5, 5, 5]}), 1)
    assert cv.read(dearer.ours, dearer).divergences[0].factors == ((1, -6.0),)
    assert cv.read(dearer.ours, dearer).unique == ()


def test_divergence_needs_a_gap_of_a_fifth_of_the_scale() -> None:
    canvas = cv.build(snapshot({"Ours": [5, 6, 5, 5], "Close": [5, 5, 5, 4], "Far": [5, 5, 5, 3]}), 1)
    reading = cv.read(canvas.ours, canvas)
    close, far = reading.divergences
    assert not close.diverges and far.factors == ((4, 2.0),)
    assert close.distance == pytest.approx((1 + 1) / 4 / 10)
    assert not reading.diverges_from_all
    wider = cv.build(snapshot({"Ours": [50, 60, 50, 50], "Close": [50, 50, 50, 40]}, scale=100), 1)
    assert not cv.read(wider.ours, wider).divergences[0].diverges  # 10 points of 100 is not enough


def test_focus_is_how_few_factors_carry_half_the_value() -> None:
    focused = cv.build(snapshot({"Ours": [10, 10, 1, 0]}), 1)  # price 10 is worth 0 to the customer
    reading = cv.read(focused.ours, focused)
    assert reading.carriers == (2,) and reading.focused
    flat = cv.build(snapshot({"Ours": [5, 5, 5, 5]}), 1)
    flat_reading = cv.read(flat.ours, flat)
    assert len(flat_reading.carriers) == 4 and not flat_reading.focused  # all four tie at the cut
    nothing = cv.build(snapshot({"Ours": [10, 0, 0, 0]}), 1)  # the highest price and nothing else
    assert cv.read(nothing.ours, nothing).carriers == ()


def test_factors_tied_at_the_cut_are_all_named() -> None:
    """Three factors share the top score and two already carry half of the value: all three are named."""
    data = snapshot({"Ours": [9, 9, 9, 1]})
    data["value_factor"] = [
        {"id": i, "customer_id": 1, "name": f"F{i}", "weight": 5, "high_is_good": True} for i in range(1, 11)
    ]
    data["canvas_score"] = [
        {"offering_id": 101, "factor_id": i, "score": 9 if i <= 3 else 1} for i in range(1, 11)
    ]  # total 34: the first two 9s (18) already pass half
    canvas = cv.build(data, 1)
    reading = cv.read(canvas.ours, canvas)
    assert reading.carriers == (1, 2, 3)
    (line,) = [params for key, params in cv.describe(reading, canvas) if key == "step4.read.focused"]
    assert line == {"count": 3, "total": 10, "factors": "F1, F2, F3"}


def test_uniqueness_is_beating_every_rival_by_the_threshold() -> None:
    canvas = cv.build(snapshot({"Ours": [5, 9, 5, 8], "A": [5, 6, 5, 2], "Sub B": [5, 8, 5, 0]}), 1)
    assert cv.read(canvas.ours, canvas).unique == ((4, 6.0),)  # speed beats A by 3 but Sub B only by 1


def test_reading_prefers_the_to_be_curve_and_describe_names_factors() -> None:
    data = snapshot({"Ours": [5, 5, 5, 0], "Rival": [5, 5, 5, 0]}, {4: ("create", 9), 1: ("reduce", 3)})
    canvas = cv.build(data, 1, to_be_label="To-be")
    reading = cv.reading_of(canvas)
    assert reading.curve.kind == cv.TO_BE and reading.diverges_from_all
    lines = dict(cv.describe(reading, canvas))
    assert lines["step4.read.better"] == {"rival": "Rival", "better": "Price (+2), Tracking (+9)", "worse": ""}
    assert lines["step4.read.unique"] == {"factors": "Tracking (+9), Price (+2)"}
    as_is = cv.reading_of(cv.build(snapshot({"Ours": [5, 5, 5, 0], "Rival": [5, 5, 5, 0]}), 1))
    assert as_is.curve.kind == "ours" and "step4.read.same_as" in dict(cv.describe(as_is, canvas))


def test_rivals_without_scores_for_this_customer_are_left_out() -> None:
    canvas = cv.build(snapshot({"Ours": [5, 5, 5, 5], "Elsewhere": [None, None, None, None]}), 1)
    assert canvas.rivals == ()
    assert ("step4.read.no_rivals", {}) in cv.describe(cv.read(canvas.ours, canvas), canvas)


def test_errc_warnings_catch_contradictions() -> None:
    data = snapshot({"Ours": [5, 5, 5, 5]}, {1: ("reduce", 7), 2: ("raise", 3), 3: ("raise", 8), 4: ("create", None)})
    canvas = cv.build(data, 1)
    keys = [key for key, _ in cv.errc_warnings(canvas, data["errc_action"])]
    assert keys == ["step4.warn.reduce", "step4.warn.raise", "step4.warn.no_target"]


def test_completion_needs_a_to_be_curve_that_diverges_from_every_rival() -> None:
    none = cv.completion(snapshot({"Ours": [5, 5, 5, 5], "Rival": [5, 5, 5, 5]}))
    assert [m.key for m in none.missing] == ["step4.missing.no_to_be"] and (none.done_count, none.total) == (0, 2)
    close = cv.completion(snapshot({"Ours": [5, 5, 5, 5], "A": [5, 5, 5, 5], "B": [5, 5, 5, 1]}, {4: ("raise", 6)}))
    assert [(m.key, m.params) for m in close.missing] == [
        ("step4.missing.same_as", {"customer": "Shops", "rival": "A"})
    ]
    assert (close.done_count, close.total) == (2, 3)
    done = cv.completion(snapshot({"Ours": [5, 5, 5, 5], "A": [5, 5, 5, 5]}, {4: ("raise", 8)}))
    assert done.done
    alone = cv.completion(snapshot({"Ours": [5, 5, 5, 5]}, {4: ("raise", 8)}))
    assert [m.key for m in alone.missing] == ["step4.missing.no_rivals"]


def test_chart_spec_has_every_curve_and_marks_price_like_factors() -> None:
    canvas = cv.build(snapshot({"Ours": [5, 5, 5, 5], "A <b>": [4, 4, 4, 4]}, {4: ("raise", 8)}), 1, "To-be")
    spec = cv.spec(canvas, cv.ChartLabels(lower_is_better="(lower is better)"))
    values = spec["data"]["values"]
    assert {row["curve"] for row in values} == {"Ours", "A <b>", "To-be"}
    assert "Price (lower is better)" in {row["factor"] for row in values}
    assert len(values) == 12
    assert spec["layer"][1]["encoding"]["x"]["sort"][0] == "Price (lower is better)"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb": the lower, the stronger the line on a white canvas."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _width(encoding: dict, kind: str) -> float:
    """The stroke width the spec's conditions give a curve of `kind`."""
    for rule in encoding["strokeWidth"]["condition"]:
        if rule["test"] == f"datum.kind === '{kind}'":
            return rule["value"]
    return encoding["strokeWidth"]["value"]


@pytest.mark.parametrize("rivals", [1, 4, 9])  # nine rivals: the palettes wrap around
def test_the_to_be_curve_is_the_strongest_line_on_screen_and_in_files(rivals: int) -> None:
    scores = {"Ours": [5, 5, 5, 5]} | {f"Rival {n}": [n % 10, 4, 3, 2] for n in range(rivals)}
    canvas = cv.build(snapshot(scores, {2: ("raise", 9)}), 1, "To-be")
    spec = cv.spec(canvas)
    lines = spec["layer"][0]["encoding"]
    colours = dict(zip(lines["color"]["scale"]["domain"], lines["color"]["scale"]["range"], strict=True))
    assert list(colours)[-1] == "To-be"  # drawn last: on top of every other line
    assert colours["To-be"] == cv.TO_BE_COLOUR
    assert all(_luminance(cv.TO_BE_COLOUR) < _luminance(c) for label, c in colours.items() if label != "To-be")
    widths = {kind: _width(lines, kind) for kind in ("to_be", "ours", "competitor")}
    assert widths["to_be"] > widths["ours"] > widths["competitor"]
    assert lines["strokeDash"]["condition"]["test"] == "datum.kind === 'to_be'"

    plot = cv.plot(canvas)  # the files' twin draws the same lines
    assert [(s.label, s.colour) for s in plot.series] == list(colours.items())
    strongest = max(plot.series, key=lambda s: s.width)
    assert strongest.label == "To-be" and strongest.dashed and strongest.width == widths["to_be"]
    assert sorted(s.width for s in plot.series)[-2] == widths["ours"]


def test_the_altair_chart_is_a_valid_spec() -> None:
    canvas = cv.build(snapshot({"Ours": [5, 5, 5, 5], "Rival": [4, 4, 4, 4]}, {4: ("raise", 8)}), 1)
    validated = cv.chart(canvas, width=600, title="Shops").to_dict()  # raises when the spec is not valid
    assert validated["title"] == "Shops" and len(validated["layer"]) == 2


def test_png_and_svg_render() -> None:
    canvas = cv.build(snapshot({"Ours": [5, 6, 7, 8], "Конкурент": [4, 4, 4, 4]}), 1)
    spec = cv.export_spec(canvas, title="Канва")
    assert cv.png(spec, scale=1).startswith(b"\x89PNG")
    svg = cv.svg(spec)
    assert svg.lstrip().startswith("<svg") and "Конкурент" in svg


def test_describe_says_better_and_weaker_and_skips_focus_on_few_factors() -> None:
    data = snapshot({"Ours": [2, 9, 1, 5], "Rival": [6, 5, 6, 5]})
    canvas = cv.build(data, 1)
    lines = dict(cv.describe(cv.read(canvas.ours, canvas), canvas))
    assert lines["step4.read.diverges"] == {"rival": "Rival", "better": "Price (+4), Speed (+4)", "worse": "Range (−5)"}
    assert "step4.read.focused" in lines or "step4.read.spread" in lines
    few = cv.build({**data, "value_factor": data["value_factor"][:2]}, 1)
    assert not {"step4.read.focused", "step4.read.spread"} & set(dict(cv.describe(cv.read(few.ours, few), few)))
