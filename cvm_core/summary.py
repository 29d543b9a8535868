"""The workshop summary for a manager who was not in the room, assembled from a snapshot.

The summary is a list of sections, each a list of plain blocks (headings, texts, key figures, tables,
charts, images) already in the reader's language. The summary page, the Markdown export and the PDF
export all render these same blocks, so the three always say the same thing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cvm_core import actions as act
from cvm_core import canvas as cv
from cvm_core import dates, experiments, fmt, graph_svg, motivation, pains, progress, risk, tree
from cvm_core import economics as econ
from cvm_core import health as h
from cvm_core import rounds as rnd
from cvm_core import streams as vs
from cvm_core import thread as th
from cvm_core.exports.sheets import Labels, choice_label, field_label
from cvm_core.i18n import t
from cvm_core.plot import Plot
from cvm_core.rows import Row, Snapshot
from cvm_core.schema import ENTITIES
from cvm_core.settings import DEFAULT_LANGUAGE, STEP_COUNT

Cell = str | int | float | None
CHART_WIDTH = 800  # pixels of a chart in a file
SCREEN_FRAME = 150  # pixels a page fits the axes and legend into, on top of a chart's plot
TABLE_ROWS_MAX = 40


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Text:
    text: str
    muted: bool = False


@dataclass(frozen=True)
class Figures:
    """Key figures shown side by side: (label, value)."""

    items: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    """Rows under headers; `more` rows were left out to keep the summary readable. Numbers stay numbers
    (a page can sort them); `text` shows a cell as the reader's language writes it."""

    headers: list[str]
    rows: list[list[Cell]]
    more: int = 0
    lang: str = DEFAULT_LANGUAGE

    def text(self, value: Cell) -> str:
        return cell_text(value, self.lang)


def table(headers: list[str], rows: list[list[Cell]], lang: str, limit: int = TABLE_ROWS_MAX) -> Table:
    """A table of at most `limit` rows (the rest are counted in `more`; the Excel export has them all)."""
    return Table(headers, rows[:limit], max(0, len(rows) - limit), lang)


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Chart:
    """An Altair chart or a Vega-Lite dict: `spec` sized for a file, `screen` (if given) for the page;
    `plot` (if given) the same chart as plain data, which a document draws itself instead of `spec`."""

    spec: Any
    alt: str
    screen: Any = None
    plot: Plot | None = None


@dataclass(frozen=True)
class Svg:
    svg: str
    alt: str


Block = Heading | Text | Figures | Table | Bullets | Chart | Svg


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Summary:
    title: str
    organisation: str
    lang: str
    sections: list[Section]


def cell_text(value: Any, lang: str) -> str:
    """A table cell for reading: numbers as `lang` writes them (grouped, at most two decimals), a dash for
    nothing, texts as they are."""
    return value if isinstance(value, str) else fmt.number(value, lang)


class _Ctx:
    """What every section needs: the snapshot, labels of rows, the language, the day it is read."""

    def __init__(self, data: Snapshot, lang: str, screen: bool = True, today: date | None = None) -> None:
        self.data = data
        self.lang = lang
        self.screen = screen
        self.label = Labels(data)
        self.today = today or date.today()

    def rows(self, name: str) -> list[dict[str, Any]]:
        return self.data.get(name, [])

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def table(self, headers: list[str], rows: list[list[Cell]]) -> Table:
        return table(headers, rows, self.lang)

    def count(self, n: int) -> str:
        return fmt.integer(n, self.lang)

    def section(self, key: str, blocks: list[Block]) -> Section:
        """The section `key` under its title."""
        return Section(key, self.t(f"summary.section.{key}"), blocks)

    def empty(self) -> Text:
        """What a section with nothing in it says."""
        return Text(self.t("summary.empty"), muted=True)

    @property
    def currency(self) -> str:
        return fmt.currency_of(self.data)

    def money_header(self, label: str) -> str:
        return fmt.money_label(label, self.currency)

    def field(self, entity_name: str, name: str) -> str:
        return field_label(entity_name, name, self.lang)

    def choice(self, entity_name: str, name: str, value: str) -> str:
        return choice_label(ENTITIES[entity_name].field(name), value, self.lang)

    def health(self, value: str) -> str:
        return self.t(f"choices.health.{value}")


# --- progress -----------------------------------------------------------------------------------------------------


def _progress(c: _Ctx) -> Section:
    lines = []
    states = progress.overview(c.data)
    for state in states:
        result = state.result
        criterion = fmt.ratio(result.done_count, result.total, c.lang) if result else "—"
        first = c.t(result.missing[0].key, **result.missing[0].params) if result and result.missing else ""
        if result and len(result.missing) > 1:
            first += " " + c.t("summary.and_more", count=len(result.missing) - 1)
        lines.append([c.t(f"steps.{state.step}"), c.t(f"status.{state.status}"), criterion, first])
    promises = c.rows("promise")
    agreed = sum(p.get("status") == "agreed" for p in promises)
    done = sum(s.status == "done" for s in states)
    figures = Figures(
        [
            (c.t("summary.fig.steps_done"), fmt.ratio(done, STEP_COUNT, c.lang)),
            (c.t("summary.fig.customers"), c.count(len(c.rows("customer")))),
            (c.t("summary.fig.pains"), c.count(len(c.rows("pain")))),
            (c.t("summary.fig.promises_agreed"), fmt.ratio(agreed, len(promises), c.lang)),
            (c.t("summary.fig.internal_promises"), c.count(len(c.rows("internal_promise")))),
            (c.t("summary.fig.experiments_open"), c.count(len(experiments.open_experiments(c.rows("experiment"))))),
        ]
    )
    headers = [c.t("summary.col.step"), c.t("summary.col.status"), c.t("summary.col.criterion")]
    headers.append(c.t("summary.col.missing"))
    return c.section("progress", [figures, c.table(headers, lines)])


# --- customers and pains ------------------------------------------------------------------------------------------


def _customers(c: _Ctx) -> Section:
    ranked = pains.ranked_by_customer(c.rows("pain"), c.rows("vote"))
    rows = []
    for customer in c.rows("customer"):
        top = ranked.get(customer["id"], [])[: pains.TOP_PAINS]
        listed = "; ".join(f"{r.rank}. {r.pain['text']} ({c.t('summary.dots', count=r.dots)})" for r in top)
        rows.append(
            [
                customer["name"],
                c.choice("customer", "kind", customer["kind"]),
                customer.get("segment_size"),
                customer.get("customer_value"),
                customer.get("ltv"),
                listed or "—",
            ]
        )
    if not rows:
        return c.section("customers", [c.empty()])
    headers = [c.field("customer", f) for f in ("name", "kind", "segment_size")]
    headers += [c.money_header(c.field("customer", f)) for f in ("customer_value", "ltv")]
    headers.append(c.t("summary.col.top_pains"))
    return c.section("customers", [c.table(headers, rows)])


# --- strategy canvas ----------------------------------------------------------------------------------------------


def _canvas(c: _Ctx) -> Section:
    blocks: list[Block] = []
    errc = {e["factor_id"]: e for e in c.rows("errc_action")}
    labels = cv.ChartLabels(
        factor=c.t("step4.chart.factor"),
        score=c.t("step4.chart.score"),
        curve=c.t("step4.chart.curve"),
        lower_is_better=c.t("step4.chart.lower"),
    )
    for customer in c.rows("customer"):
        canvas = cv.build(c.data, customer["id"], c.t("summary.to_be"))
        if not any(curve.scored for curve in canvas.curves) and canvas.to_be is None:
            continue
        blocks.append(Heading(customer["name"]))
        if customer.get("tagline"):
            blocks.append(Text(c.t("summary.tagline", tagline=customer["tagline"])))
        alt = c.t("summary.canvas_alt", customer=customer["name"])
        shown = cv.spec(canvas, labels, lang=c.lang)
        blocks.append(Chart(cv.export_spec(canvas, labels, lang=c.lang), alt, shown, cv.plot(canvas, labels)))
        reading = cv.reading_of(canvas)
        if reading is not None:
            blocks.append(Bullets([c.t(key, **params) for key, params in cv.describe(reading, canvas, c.lang)]))
        blocks.append(_canvas_table(c, canvas, errc))
    if not blocks:
        blocks.append(c.empty())
    return c.section("canvas", blocks)


def _canvas_table(c: _Ctx, canvas: cv.Canvas, errc: Mapping[int, Row]) -> Table:
    headers = [c.field("value_factor", "name"), *(curve.label for curve in canvas.curves)]
    headers += [c.t("summary.col.to_be"), c.field("errc_action", "action")]
    rows: list[list[Cell]] = []
    for i, factor in enumerate(canvas.factors):
        action = errc.get(factor.id)
        rows.append(
            [
                factor.name,
                *(curve.scores[i] for curve in canvas.curves),
                canvas.to_be.scores[i] if canvas.to_be else None,
                c.choice("errc_action", "action", action["action"]) if action else "",
            ]
        )
    return c.table(headers, rows)


# --- promises -----------------------------------------------------------------------------------------------------


def _metric(row: Row) -> str:
    name = row.get("metric_name") or ""
    unit = f", {row['metric_unit']}" if row.get("metric_unit") else ""
    return f"{name}{unit}" if name else "—"


def _promises(c: _Ctx) -> Section:
    promises = c.rows("promise")
    if not promises:
        return c.section("promises", [c.empty()])
    backing = {node.id: node for node in tree.forest_of(c.data)}
    healths = Counter(h.of(p) for p in promises)
    figures = Figures([(c.health(k), c.count(healths.get(k, 0))) for k in h.HEALTHS])
    rows: list[list[Cell]] = []
    for p in promises:
        node = backing.get(p["id"])
        rows.append(
            [
                p["text"],
                c.label("customer", p["customer_id"]),
                c.label("department", p.get("owner_department_id")) or "—",
                c.choice("promise", "status", p["status"]),
                _metric(p),
                p.get("metric_target"),
                p.get("metric_current"),
                c.health(h.of(p)),
                len(node.children) if node else None,
            ]
        )
    headers = [c.field("promise", f) for f in ("text", "customer_id", "owner_department_id", "status")]
    headers += [c.field("promise", f) for f in ("metric_name", "metric_target", "metric_current")]
    headers += [c.t("export.health"), c.t("summary.col.backed_by")]
    return c.section("promises", [figures, c.table(headers, rows)])


# --- department network and value streams -------------------------------------------------------------------------


def _network(c: _Ctx) -> Section:
    blocks: list[Block] = []
    if c.rows("department"):
        blocks.append(Svg(graph_svg.network_svg(c.data, c.lang), c.t("summary.network_alt")))
    internals = c.rows("internal_promise")
    healths = Counter(h.of(p) for p in internals)
    blocks.append(
        Figures(
            [(c.t("summary.fig.departments"), c.count(len(c.rows("department"))))]
            + [(c.health(k), c.count(healths.get(k, 0))) for k in h.HEALTHS]
        )
    )
    gives: Counter[int] = Counter(p["supplier_department_id"] for p in internals)
    gets: Counter[int] = Counter(p["client_department_id"] for p in internals)
    trouble: Counter[int] = Counter(p["supplier_department_id"] for p in internals if h.of(p) in (h.BROKEN, h.AT_RISK))
    rows: list[list[Cell]] = [
        [d["name"], gives[d["id"]], gets[d["id"]], trouble[d["id"]]]
        for d in c.rows("department")
        if gives[d["id"]] or gets[d["id"]]
    ]
    if rows:
        rows.sort(key=lambda r: (-(r[1] or 0) - (r[2] or 0), str(r[0])))
        headers = [c.field("department", "name"), c.t("summary.col.gives"), c.t("summary.col.gets")]
        headers.append(c.t("summary.col.in_trouble"))
        blocks.append(c.table(headers, rows))
    return c.section("network", blocks)


def _streams(c: _Ctx) -> Section:
    blocks: list[Block] = []
    stages: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for stage in c.rows("value_stream_stage"):
        stages[stage["stream_id"]].append(stage)
    members: dict[int, list[str]] = defaultdict(list)
    for link in c.rows("stage_department"):
        members[link["stage_id"]].append(c.label("department", link["department_id"]) or "?")
    rows: list[list[Cell]] = []
    for stream in c.rows("value_stream"):
        ordered = sorted(stages[stream["id"]], key=lambda s: (s.get("position") or 0, s["id"]))
        chain = " → ".join(f"{s['name']} ({', '.join(members[s['id']]) or '—'})" for s in ordered)
        rows.append([stream["name"], c.label("customer", stream["customer_id"]), stream.get("leader") or "—", chain])
        drawn = vs.stream_svg(c.data, stream["id"], c.lang)
        if drawn:
            blocks.append(Svg(drawn, c.t("summary.stream_alt", stream=stream["name"])))
    if not rows:
        return c.section("streams", [c.empty()])
    headers = [c.field("value_stream", f) for f in ("name", "customer_id", "leader")] + [c.t("summary.col.stages")]
    return c.section("streams", [c.table(headers, rows), *blocks])


# --- economics and bonus pools ------------------------------------------------------------------------------------


def _economics(c: _Ctx) -> Section:
    found = econ.periods(c.rows("economics"))
    if not found:
        return c.section("economics", [c.empty()])
    period = found[0]
    teams = econ.team_economics(c.data, period)
    with_numbers = [tm for tm in teams if tm.row is not None]
    blocks: list[Block] = [Text(c.t("summary.period", period=period))]
    pnl_plot = econ.pnl_plot(with_numbers, c.lang, c.currency)
    blocks.append(_econ_chart(c, econ.pnl_chart, pnl_plot, with_numbers, "pnl"))
    if any(tm.get("growth_actual_pct") is not None for tm in with_numbers):
        growth_plot = econ.growth_plot(with_numbers, c.lang, c.currency)
        blocks.append(_econ_chart(c, econ.growth_chart, growth_plot, with_numbers, "growth"))
    headers = [c.field("economics", "department_id"), c.money_header(c.field("economics", "revenue_external"))]
    money = ("internal_sales", "internal_purchases", "costs", "net_profit")
    headers += [c.money_header(c.t(f"summary.col.{k}")) for k in money]
    headers.append(c.t("summary.col.verdict"))
    rows: list[list[Cell]] = [
        [
            tm.name,
            tm.revenue_external,
            tm.internal_sales,
            tm.internal_purchases,
            tm.direct_costs + tm.other_costs,
            tm.net_profit,
            c.t(f"summary.verdict.{tm.verdict}"),
        ]
        for tm in with_numbers
    ]
    blocks.append(c.table(headers, rows))
    blocks += _bonuses(c, period)
    return c.section("economics", blocks)


def _econ_chart(c: _Ctx, chart: Any, plot: Plot, teams: list[econ.TeamEconomics], name: str) -> Chart:
    """An economics chart: its plain data for files, and the Altair chart only when a page shows it."""
    if not c.screen:
        return Chart(None, c.t(f"summary.{name}_alt"), None, plot)
    drawn = chart(teams, c.lang, c.currency)
    return Chart(drawn.properties(width=CHART_WIDTH), c.t(f"summary.{name}_alt"), drawn, plot)


def _bonuses(c: _Ctx, period: str) -> list[Block]:
    chosen = [tb for tb in motivation.team_bonuses(c.data, period) if tb.plan is not None]
    if not chosen:
        return []
    headers = [c.field("motivation_plan", f) for f in ("department_id", "variant", "share_pct")]
    headers += [c.money_header(c.t("summary.col.net_profit")), c.money_header(c.t("summary.col.pool"))]
    rows: list[list[Cell]] = [
        [
            tb.team.name,
            c.t(f"summary.variant.{tb.plan['variant']}") if tb.plan else "—",
            tb.plan.get("share_pct") if tb.plan else None,
            tb.team.net_profit,
            tb.bonus.pool if tb.bonus and tb.bonus.computed else None,
        ]
        for tb in chosen
    ]
    total = sum(tb.bonus.pool for tb in chosen if tb.bonus and tb.bonus.computed)
    figures = Figures([(c.t("summary.fig.pools_total"), fmt.money(total, c.lang, c.currency))])
    return [Heading(c.t("summary.bonuses")), figures, c.table(headers, rows)]


# --- the golden thread: money at risk now and the gaps -------------------------------------------------------------


def _thread(c: _Ctx) -> Section:
    web = th.web(c.data, c.lang)
    now = risk.now(web.model)
    period = web.model.basis.period or "—"
    figures = Figures(
        [
            (c.t("thread.money.revenue", period=period), fmt.money(round(now.revenue), c.lang, c.currency)),
            (c.t("thread.money.ltv"), fmt.money(round(now.ltv), c.lang, c.currency)),
            (c.t("console.failing"), fmt.integer(len(now.failing), c.lang)),
            (c.t("summary.thread.gaps"), fmt.integer(len(web.gaps), c.lang)),
        ]
    )
    blocks: list[Block] = [figures, Text(c.t("summary.thread.basis", period=period), muted=True)]
    if now.segments:
        headers = [c.t("thread.money.segment"), c.t("thread.money.share")]
        headers += [c.money_header(c.t(f"thread.money.{k}")) for k in ("revenue_col", "ltv_col")]
        rows: list[list[Cell]] = [
            [s.name, round(s.share * risk.PERCENT, 1), round(s.revenue), round(s.ltv)] for s in now.segments
        ]
        blocks += [Heading(c.t("summary.thread.segments")), c.table(headers, rows)]
    if now.teams:
        keys = ("external_lost", "sales_lost", "purchases_saved", "profit_before", "profit_after")
        money = (*keys, "pool_before", "pool_after")
        headers = [c.t("thread.ends.team"), *(c.money_header(c.t(f"thread.money.{k}")) for k in money)]
        rows = [[t_.name, *(_whole(getattr(t_, k)) for k in (*keys, "pool_before", "pool_after"))] for t_ in now.teams]
        blocks += [Heading(c.t("summary.thread.teams")), c.table(headers, rows)]
    blocks.append(Heading(c.t("thread.agenda.title")))
    if not web.gaps:
        blocks.append(Text(c.t("thread.agenda.none"), muted=True))
        return c.section("thread", blocks)
    headers = [c.t(f"thread.agenda.{k}") for k in ("kind", "artefact", "customers", "value", "fix")]
    rows = [
        [
            c.t(f"thread.gap.{gap.kind}"),
            gap.label,
            ", ".join(web.model.customers.get(customer, "") for customer in gap.customers),
            round(gap.value),
            c.t(f"thread.fix.{gap.kind}"),
        ]
        for gap in web.gaps
    ]
    blocks.append(c.table(headers, rows))
    return c.section("thread", blocks)


def _whole(amount: float | None) -> int | None:
    return None if amount is None else round(amount)


# --- experiments --------------------------------------------------------------------------------------------------


def _experiments(c: _Ctx) -> Section:
    cards = c.rows("experiment")
    if not cards:
        return c.section("experiments", [c.empty()])
    still = experiments.open_experiments(cards)
    closed = [e for e in cards if e.get("status") == "closed"]
    decisions = experiments.decision_counts(cards)
    figures = [
        (c.t("summary.fig.experiments_open"), c.count(len(still))),
        (c.t("summary.fig.closed"), c.count(len(closed))),
    ]
    figures += [(c.choice("experiment", "decision", k), c.count(v)) for k, v in sorted(decisions.items()) if k]
    blocks: list[Block] = [Figures(figures)]
    if still:
        fields = ("department_id", "title", "status", "right_if")
        blocks.append(Heading(c.t("summary.open_experiments")))
        blocks.append(c.table([c.field("experiment", f) for f in fields], [_experiment(c, e, fields) for e in still]))
    if closed:
        fields = ("department_id", "title", "decision", "learned")
        blocks.append(Heading(c.t("summary.closed_experiments")))
        blocks.append(c.table([c.field("experiment", f) for f in fields], [_experiment(c, e, fields) for e in closed]))
    return c.section("experiments", blocks)


def _experiment(c: _Ctx, e: Row, fields: tuple[str, ...]) -> list[Cell]:
    out: list[Cell] = []
    for f in fields:
        if f == "department_id":
            out.append(c.label("department", e[f]))
        elif f in ("status", "decision"):
            out.append(c.choice("experiment", f, e.get(f) or ""))
        else:
            out.append(e.get(f))
    return out


# --- decisions and notes ------------------------------------------------------------------------------------------


def _notes(c: _Ctx) -> Section:
    blocks: list[Block] = []
    for kind in ("decision", "note"):
        notes = [n for n in c.rows("note") if n["kind"] == kind]
        if not notes:
            continue
        blocks.append(Heading(c.t(f"summary.notes.{kind}")))
        items = []
        for n in sorted(notes, key=lambda n: (n.get("step") or 0, n["id"])):
            where = c.t(f"steps.{n['step']}") if n.get("step") else c.t("summary.notes.general")
            items.append(f"{where}: {n['text']}")
        blocks.append(Bullets(items))
    if not blocks:
        blocks.append(c.empty())
    return c.section("notes", blocks)


# --- decisions and actions ----------------------------------------------------------------------------------------


def _actions(c: _Ctx) -> Section:
    rows = c.rows("action")
    if not rows:
        return c.section("actions", [c.empty()])
    counts = act.by_status(rows)
    late, soon = act.attention(rows, c.today)
    figures = [(c.t(f"choices.action_status.{s}"), c.count(counts.get(s, 0))) for s in act.STILL_OPEN + act.CLOSED]
    figures += [(c.t("summary.fig.overdue"), c.count(len(late))), (c.t("summary.fig.due_soon"), c.count(len(soon)))]
    fields = ("text", "owner_participant_id", "owner_department_id", "due", "status", "source", "carried_from")
    table_rows: list[list[Cell]] = []
    for a in act.register(rows, act.Filter(), c.today, {}):
        due = dates.show(a.get("due"), c.lang) if a.get("due") else ""
        table_rows.append(
            [
                a["text"],
                c.label("participant", a.get("owner_participant_id")) or "",
                c.label("department", a.get("owner_department_id")) or "",
                f"⚠ {due}" if act.overdue(a, c.today) else due,
                c.choice("action", "status", a["status"]),
                c.choice("action", "source", a.get("source") or ""),
                a.get("carried_from") or "",
            ]
        )
    headers = [c.field("action", f) for f in fields]
    return c.section("actions", [Figures(figures), c.table(headers, table_rows)])


# --- since the last round -----------------------------------------------------------------------------------------


def _since(c: _Ctx) -> Section | None:
    """How this round compares with the ones before it (None when the rounds were not read)."""
    if rnd.ROUNDS not in c.data:
        return None
    line = rnd.up_to_current(rnd.of(c.data))
    title = c.t("rounds.since.title")
    if len(line) < 2:
        return Section("since", title, [Text(c.t("rounds.since.first"), muted=True)])
    before, now = len(line) - 2, len(line) - 1
    health = rnd.promise_health(line)
    moves = rnd.health_moves(health, before, now)
    money = rnd.teams(line)
    counts = rnd.action_counts(line)[now]
    figures = [
        (c.t("rounds.since.improved"), c.count(len(moves.improved))),
        (c.t("rounds.since.worsened"), c.count(len(moves.worsened))),
        (c.t("rounds.since.new"), c.count(len(moves.new))),
        (c.t("rounds.since.profit"), _change(c, money, "profit", before, now)),
        (c.t("rounds.since.pool"), _change(c, money, "pool", before, now)),
        (
            c.t("rounds.since.actions"),
            " / ".join(c.count(n) for n in (counts.carried, counts.closed, counts.still_open)),
        ),
    ]
    blocks: list[Block] = [Text(c.t("rounds.since.against", name=line[before].name)), Figures(figures)]
    items = [c.t("rounds.since.moved_up", items="; ".join(moves.improved))] if moves.improved else []
    items += [c.t("rounds.since.moved_down", items="; ".join(moves.worsened))] if moves.worsened else []
    if items:
        blocks.append(Bullets(items))
    if health:
        alt_text = c.t("rounds.since.health_alt")
        grid = rnd.health_chart(line, health, c.lang, CHART_WIDTH)
        screen = rnd.health_chart(line, health, c.lang).properties(height=rnd.grid_height(health) + SCREEN_FRAME)
        blocks.append(Chart(grid, alt_text, screen))
    for customer in rnd.offer_customers(line):
        alt_text = c.t("rounds.since.offer_alt", customer=customer)
        curve = rnd.offer_chart(line, customer, c.lang, CHART_WIDTH)
        screen = rnd.offer_chart(line, customer, c.lang).properties(height=320 + SCREEN_FRAME)
        blocks += [Heading(customer), Chart(curve, alt_text, screen)]
    for found in rnd.tables(line, c.lang):
        blocks += [Heading(found.title), c.table(found.headers, found.rows)]
    return Section("since", title, blocks)


def _change(c: _Ctx, money: list[rnd.TeamLine], field_name: str, before: int, now: int) -> str:
    """The sum over teams in two rounds: "a → b"."""
    sums = []
    for n in (before, now):
        values = [getattr(tl, field_name)[n] for tl in money if getattr(tl, field_name)[n] is not None]
        sums.append(fmt.money(sum(values), c.lang, c.currency) if values else "—")
    return " → ".join(sums)


SECTIONS = (
    _progress,
    _customers,
    _canvas,
    _promises,
    _network,
    _streams,
    _economics,
    _thread,
    _experiments,
    _actions,
    _since,
    _notes,
)


def build(data: Snapshot, lang: str, *, screen: bool = True, today: date | None = None) -> Summary:
    """The whole summary of a workshop snapshot in `lang` (overdue actions as of `today`, by default today).
    A file (screen=False) gets its charts as plain data only, without building (or importing) the Altair
    charts a page shows."""
    c = _Ctx(data, lang, screen, today)
    workshop = (data.get("workshop") or [{}])[0]
    sections = [found for section in SECTIONS if (found := section(c)) is not None]
    return Summary(workshop.get("name", ""), workshop.get("organisation") or "", lang, sections)
