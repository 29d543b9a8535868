"""Rounds compared: workshops of one line (each started from the one before), oldest first.

Per round: the health of every promise to a customer, our offer's canvas curve, each team's net profit and
bonus pool, the internal prices between departments, the feedback scores between them, and how many actions
were opened, carried, closed and left open. The Rounds page, the summary ("since the last round") and the
Excel and CSV exports all show these same tables.

Rows of different rounds are different rows (a copy has new ids), so things are matched by what people
call them: a promise by its customer's name and its text, a team and a department by name, a factor by
name (case and spacing do not count). A promise renamed between rounds is a new promise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

import altair as alt

from cvm_core import actions as act
from cvm_core import canvas as cv
from cvm_core import economics as econ
from cvm_core import health as h
from cvm_core import motivation, promises
from cvm_core.i18n import t
from cvm_core.rows import Snapshot
from cvm_core.validation import text_key

ROUNDS = "rounds"  # the key of a snapshot's rounds (rows of `Round.row()`), when they were read
HEALTH_RANK = {h.BROKEN: 0, h.AT_RISK: 1, h.MET: 2}
HEALTH_COLOURS = {h.MET: "#2e7d32", h.AT_RISK: "#ef8f00", h.BROKEN: "#c62828", h.NO_DATA: "#9e9e9e"}
Cell = str | int | float | None


@dataclass(frozen=True)
class Round:
    """One workshop of the line: its id, name and the rows the reader may see of it."""

    workshop_id: int
    name: str
    data: Snapshot
    current: bool = False

    def row(self) -> dict[str, Any]:
        return {"id": self.workshop_id, "name": self.name, "data": self.data, "current": self.current}


def of(data: Snapshot) -> list[Round]:
    """The rounds a snapshot carries (none when they were not read)."""
    return [Round(r["id"], r["name"], r["data"], bool(r.get("current"))) for r in data.get(ROUNDS, [])]


def up_to_current(rounds: Sequence[Round]) -> list[Round]:
    """The rounds up to and including the current one (what a summary of the current round looks back on)."""
    here = next((i for i, r in enumerate(rounds) if r.current), len(rounds) - 1)
    return list(rounds[: here + 1])


def _names(data: Snapshot, entity_name: str, field: str = "name") -> dict[int, str]:
    return {r["id"]: r.get(field) or "" for r in data.get(entity_name, [])}


@dataclass(frozen=True)
class Line:
    """One thing followed across rounds: its label and a value per round (None: not in that round)."""

    label: str
    values: tuple[Cell, ...]


def _lines(rounds: Sequence[Round], per_round: Callable[[Snapshot], dict[str, tuple[str, Cell]]]) -> list[Line]:
    """Lines keyed by `per_round` (key -> (label, value)), in the order they first appear."""
    labels: dict[str, str] = {}
    values: dict[str, list[Cell]] = {}
    for n, rnd in enumerate(rounds):
        for key, (label, value) in per_round(rnd.data).items():
            labels.setdefault(key, label)
            values.setdefault(key, [None] * len(rounds))[n] = value
    return [Line(labels[k], tuple(values[k])) for k in labels]


# --- promise health ---------------------------------------------------------------------------------------------


def _promise_health(data: Snapshot) -> dict[str, tuple[str, Cell]]:
    customers = _names(data, "customer")
    out = {}
    for p in data.get("promise", []):
        if p.get("status") == "rejected":
            continue
        customer = customers.get(p["customer_id"], "")
        out[text_key(f"{customer}\x1f{p['text']}")] = (f"{customer}: {p['text']}", promises.health(p))
    return out


def promise_health(rounds: Sequence[Round]) -> list[Line]:
    """Every promise to a customer (not rejected) with its health per round: met, at_risk, broken, no_data."""
    return _lines(rounds, _promise_health)


@dataclass(frozen=True)
class Moves:
    improved: list[str]
    worsened: list[str]
    new: list[str]
    same: int


def health_moves(lines: Iterable[Line], before: int, after: int) -> Moves:
    """How promises moved between two rounds (by index): better, worse, new; unchanged ones are counted."""
    improved, worsened, new, same = [], [], [], 0
    for line in lines:
        a, b = line.values[before], line.values[after]
        if b is None:
            continue
        if a is None:
            new.append(line.label)
        elif a in HEALTH_RANK and b in HEALTH_RANK and HEALTH_RANK[b] != HEALTH_RANK[a]:
            (improved if HEALTH_RANK[b] > HEALTH_RANK[a] else worsened).append(line.label)
        else:
            same += 1
    return Moves(improved, worsened, new, same)


def health_chart(rounds: Sequence[Round], lines: Sequence[Line], lang: str, width: int | str = "container") -> Any:
    """The health grid: a row per promise, a column per round, coloured by health."""
    cells = [
        {"promise": line.label, "round": rnd.name, "health": t(f"choices.health.{value}", lang), "order": n}
        for line in lines
        for n, (rnd, value) in enumerate(zip(rounds, line.values, strict=True))
        if value is not None
    ]
    domain = [t(f"choices.health.{k}", lang) for k in HEALTH_COLOURS]
    return (
        alt.Chart(alt.Data(values=cells))
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X(
                "round:N", sort=[r.name for r in rounds], title=t("rounds.col.round", lang), axis=alt.Axis(labelAngle=0)
            ),
            y=alt.Y("promise:N", sort=[line.label for line in lines], title=None, axis=alt.Axis(labelLimit=320)),
            color=alt.Color(
                "health:N",
                scale=alt.Scale(domain=domain, range=list(HEALTH_COLOURS.values())),
                title=t("export.health", lang),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[alt.Tooltip("promise:N"), alt.Tooltip("round:N"), alt.Tooltip("health:N")],
        )
        .properties(width=width, height=grid_height(lines))
    )


ROW_HEIGHT = 28


def grid_height(lines: Sequence[Line]) -> int:
    """Pixels of the health grid's plot: a band per promise."""
    return max(2, len(lines)) * ROW_HEIGHT


# --- our offer's canvas curve -----------------------------------------------------------------------------------


def offer_customers(rounds: Sequence[Round]) -> list[str]:
    """Names of the customers whose canvas has a scored curve of our offer in some round."""
    names: dict[str, str] = {}
    for rnd in rounds:
        for c in rnd.data.get("customer", []):
            ours = cv.build(rnd.data, c["id"]).ours
            if ours is not None and ours.scored:
                names.setdefault(text_key(c["name"]), c["name"])
    return list(names.values())


def offer_points(rounds: Sequence[Round], customer: str) -> list[dict[str, Any]]:
    """Our offer's scores on the customer's canvas, one point per factor and round."""
    points = []
    factors: dict[str, int] = {}
    for rnd in rounds:
        found = next((c for c in rnd.data.get("customer", []) if text_key(c["name"]) == text_key(customer)), None)
        if found is None:
            continue
        canvas = cv.build(rnd.data, found["id"])
        if canvas.ours is None:
            continue
        for factor, score in zip(canvas.factors, canvas.ours.scores, strict=True):
            order = factors.setdefault(text_key(factor.name), len(factors))
            if score is not None:
                points.append({"round": rnd.name, "factor": factor.name, "score": score, "order": order})
    return points


def offer_chart(rounds: Sequence[Round], customer: str, lang: str, width: int | str = "container") -> Any:
    """Our offer's curve per round on one chart: a line per round across the customer's value factors."""
    points = offer_points(rounds, customer)
    factors = [p["factor"] for p in sorted(points, key=lambda p: p["order"])]
    top = max((float(r.data.get("workshop", [{}])[0].get("scale_max") or 10) for r in rounds), default=10.0)
    return (
        alt.Chart(alt.Data(values=points))
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=60), strokeWidth=3)
        .encode(
            x=alt.X(
                "factor:N",
                sort=list(dict.fromkeys(factors)),
                title=t("step4.chart.factor", lang),
                axis=alt.Axis(labelAngle=-30),
            ),
            y=alt.Y("score:Q", scale=alt.Scale(domain=[0, top]), title=t("step4.chart.score", lang)),
            color=alt.Color(
                "round:N",
                sort=[r.name for r in rounds],
                title=t("rounds.col.round", lang),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[alt.Tooltip("round:N"), alt.Tooltip("factor:N"), alt.Tooltip("score:Q")],
        )
        .properties(width=width, height=320)
    )


# --- teams: net profit and bonus pool ---------------------------------------------------------------------------


def latest_period(data: Snapshot) -> str | None:
    found = econ.periods(data.get("economics", []))
    return found[0] if found else None


def _team_money(data: Snapshot) -> dict[str, tuple[str, tuple[float | None, float | None]]]:
    period = latest_period(data)
    if period is None:
        return {}
    out = {}
    for tb in motivation.team_bonuses(data, period):
        if tb.team.row is None and tb.plan is None:
            continue
        pool = tb.bonus.pool if tb.bonus and tb.bonus.computed else None
        out[text_key(tb.team.name)] = (tb.team.name, (tb.team.net_profit, pool))
    return out


@dataclass(frozen=True)
class TeamLine:
    team: str
    profit: tuple[float | None, ...]
    pool: tuple[float | None, ...]


def teams(rounds: Sequence[Round]) -> list[TeamLine]:
    """Each team's net profit and bonus pool per round, for the latest period with numbers in that round."""
    lines = _lines(rounds, _team_money)  # type: ignore[arg-type]
    out = []
    for line in lines:
        pairs = [v if isinstance(v, tuple) else (None, None) for v in line.values]
        out.append(TeamLine(line.label, tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)))
    return sorted(out, key=lambda tl: text_key(tl.team))


def pools_chart(rounds: Sequence[Round], lines: Sequence[TeamLine], lang: str, width: int | str = "container") -> Any:
    """Each team's bonus pool per round, bars side by side."""
    bars = [
        {"team": tl.team, "round": rnd.name, "pool": pool}
        for tl in lines
        for rnd, pool in zip(rounds, tl.pool, strict=True)
        if pool is not None
    ]
    order = [r.name for r in rounds]
    return (
        alt.Chart(alt.Data(values=bars))
        .mark_bar()
        .encode(
            x=alt.X("team:N", title=None, axis=alt.Axis(labelAngle=-30)),
            xOffset=alt.XOffset("round:N", sort=order),
            y=alt.Y("pool:Q", title=t("rounds.col.pool", lang)),
            color=alt.Color(
                "round:N", sort=order, title=t("rounds.col.round", lang), legend=alt.Legend(orient="bottom")
            ),
            tooltip=[alt.Tooltip("team:N"), alt.Tooltip("round:N"), alt.Tooltip("pool:Q", format=",.0f")],
        )
        .properties(width=width, height=300)
    )


# --- internal prices and feedback between departments ------------------------------------------------------------


def _prices(data: Snapshot) -> dict[str, tuple[str, Cell]]:
    """Supplier → client: the internal prices per month, in money (hours at the round's rate; without a rate
    the hours are given as such)."""
    names = _names(data, "department")
    rate = econ.hour_rate_of(data)
    money: dict[str, float] = defaultdict(float)
    hours: dict[str, float] = defaultdict(float)
    labels: dict[str, str] = {}
    for p in data.get("internal_promise", []):
        if p.get("price_amount") is None:
            continue
        supplier, client = names.get(p["supplier_department_id"], ""), names.get(p["client_department_id"], "")
        key = text_key(f"{supplier}\x1f{client}")
        labels[key] = f"{supplier} → {client}"
        amount = econ.monthly_price(p)
        if (p.get("price_unit") or "money") == "hours" and rate is None:
            hours[key] += amount
        else:
            money[key] += amount * (rate if (p.get("price_unit") or "money") == "hours" else 1)
    return {k: (labels[k], _price(money.get(k), hours.get(k))) for k in labels}


def _price(money: float | None, hours: float | None) -> Cell:
    if not hours:
        return round(money or 0.0, 2)
    return f"{round(money or 0.0, 2):g} + {round(hours, 1):g} h" if money else f"{round(hours, 1):g} h"


def prices(rounds: Sequence[Round]) -> list[Line]:
    """Every supplier → client pair with the sum of its internal prices per month, per round."""
    return _lines(rounds, _prices)


def _feedback(data: Snapshot) -> dict[str, tuple[str, Cell]]:
    names = _names(data, "department")
    scores: dict[str, list[int]] = defaultdict(list)
    labels: dict[str, str] = {}
    for f in data.get("feedback", []):
        client, supplier = names.get(f["client_department_id"], ""), names.get(f["supplier_department_id"], "")
        key = text_key(f"{client}\x1f{supplier}")
        labels[key] = f"{client} → {supplier}"
        scores[key].append(f["score"])
    return {k: (labels[k], round(fmean(v), 1)) for k, v in scores.items()}


def feedback(rounds: Sequence[Round]) -> list[Line]:
    """Every client → supplier pair with its mean feedback score per round."""
    return _lines(rounds, _feedback)


def action_counts(rounds: Sequence[Round]) -> list[act.Counts]:
    return [act.counts(r.data.get("action", [])) for r in rounds]


# --- the tables every view shows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]


def tables(rounds: Sequence[Round], lang: str) -> list[Table]:
    """The comparison as tables: a column per round (oldest first); only tables that have rows."""
    names = [r.name for r in rounds]
    out = []

    def add(key: str, first: str, rows: list[list[Cell]]) -> None:
        if rows:
            headers = [t(f"rounds.col.{first}", lang), *names] if first else names
            out.append(Table(key, t(f"rounds.table.{key}", lang), headers, rows))

    health = [
        [line.label, *(t(f"choices.health.{v}", lang) if v else None for v in line.values)]
        for line in promise_health(rounds)
    ]
    add("promises", "promise", health)
    money = teams(rounds)
    add("profit", "team", [[tl.team, *tl.profit] for tl in money if any(v is not None for v in tl.profit)])
    add("pool", "team", [[tl.team, *tl.pool] for tl in money if any(v is not None for v in tl.pool)])
    add("prices", "pair", [[line.label, *line.values] for line in prices(rounds)])
    add("feedback", "pair", [[line.label, *line.values] for line in feedback(rounds)])
    counts = action_counts(rounds)
    if any(c.opened or c.carried for c in counts):
        fields = ("opened", "carried", "closed", "still_open")
        rows: list[list[Cell]] = [[t(f"rounds.actions.{f}", lang), *(getattr(c, f) for c in counts)] for f in fields]
        add("actions", "actions", rows)
    return out
