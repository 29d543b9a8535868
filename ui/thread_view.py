"""The golden thread on screen: the pick (kept in the URL as `?of=p5`), the graph, the teams at the end, the
money at risk, the experiments and the gaps. The page script (pages/thread.py) puts these together."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

from cvm_core import graph as g
from cvm_core import risk
from cvm_core import thread as th
from ui import graph as drawn
from ui import registry, state
from ui.frame import Frame
from ui.state import t
from ui.widgets import md

QUERY = "of"  # the URL's query parameter naming the artefact: ?of=p5
PICK, PENDING, NONCE = "thread_pick", "thread_pending", "thread_nonce"
AGENDA_SHOWN, LABEL_MAX = 50, 70
MONEY = {"format": "localized"}


def load(page: Frame) -> th.Web:
    """The index of the workshop for threads, rebuilt only when its rows (or the language) change."""
    return page.once("thread", lambda: th.web(page.data, state.lang()))


def label(web: th.Web, nid: str) -> str:
    """An artefact named for a select box: its kind and its text."""
    return t(f"thread.option.{th.kind_of(nid)}", text=g.short(web.label(nid), LABEL_MAX))


def _remember() -> None:
    """A pick in the select box goes into the URL, so the link can be shared and a reload keeps it."""
    st.query_params[QUERY] = st.session_state[PICK]
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1


def pick(web: th.Web) -> str:
    """The artefact the thread starts from: a click on the graph, a link (`?of=`), or the select box."""
    artefacts = web.artefacts()
    wanted = st.query_params.get(QUERY)
    if PENDING in st.session_state:
        st.session_state[PICK] = st.session_state.pop(PENDING)
        st.query_params[QUERY] = st.session_state[PICK]
    elif wanted in artefacts and wanted != st.session_state.get(PICK):
        st.session_state[PICK] = wanted
    if st.session_state.get(PICK) not in artefacts:
        st.session_state[PICK] = next((a for a in artefacts if a[0] == "p"), artefacts[0])
    labels = {nid: label(web, nid) for nid in artefacts}
    return st.selectbox(
        t("thread.pick"),
        artefacts,
        format_func=labels.get,
        key=PICK,
        help=t("thread.pick_help"),
        on_change=_remember,
    )


def thread_of(web: th.Web, start: str) -> th.Thread:
    found = th.thread(web, start)
    assert found is not None  # `pick` offers artefacts only
    return found


def picture(page: Frame, web: th.Web, found: th.Thread) -> None:
    """The thread as a graph, left to right; a click on an artefact follows the thread from there."""
    drawing = th.drawing(web, found)
    size = len(drawing.nodes)
    height = graph_height(drawing)
    if size > 60:
        st.caption(t("thread.large", count=size))
    memo = (page.view.marker, state.lang(), found.start)
    key = f"thread_graph_{st.session_state.get(NONCE, 0)}"
    clicked = drawn.show(drawing, key=key, height=height, memo=memo)
    if clicked and th.kind_of(clicked) in th.STARTS and clicked != found.start:
        st.session_state[PENDING] = clicked
        st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
        st.rerun()
    st.markdown(" · ".join(f"{_dot(colour)} {md(text)}" for colour, text in drawing.legend))
    st.caption(t("thread.legend.edges", period=web.model.basis.period or "—"))


GRAPH_WIDTH = 950  # about the pixels the page gives the graph in the wide layout


def graph_height(drawing: g.Drawing) -> int:
    """A height that shows the thread at the scale its width allows (the graph is fitted into its frame)."""
    xs, ys = [n.x for n in drawing.nodes], [n.y for n in drawing.nodes]
    width, tall = max(xs) - min(xs) + 220, max(ys) - min(ys) + 110
    scale = min(GRAPH_WIDTH / width, 1.4)
    return int(min(900, max(280, tall * scale + 60)))


DOTS = {
    g.HEALTH_COLOURS["met"]: ":green[●]",
    g.HEALTH_COLOURS["at_risk"]: ":orange[●]",
    g.HEALTH_COLOURS["broken"]: ":red[●]",
    g.HEALTH_COLOURS["no_data"]: ":gray[○]",
    th.PAIN_COLOUR: ":violet[●]",
    th.FACTOR_COLOUR: ":blue[●]",
}


def _dot(colour: str) -> str:
    return DOTS.get(colour, ":gray[●]")


def ends(web: th.Web, found: th.Thread) -> None:
    """Each team on the thread with its profit for the period and its bonus pool under its chosen variant."""
    st.subheader(t("thread.ends.title"), anchor=False)
    if not found.teams:
        st.caption(t("thread.ends.none"))
        return
    period = web.model.basis.period or "—"
    names = {k: t(f"thread.ends.{k}", period=period) for k in ("team", "profit", "pool", "variant")}
    rows = [
        {
            names["team"]: e.name,
            names["profit"]: _whole(e.profit),
            names["pool"]: _whole(e.pool),
            names["variant"]: t(f"step8.variant_short.{e.variant}") if e.variant else t("thread.ends.no_plan"),
        }
        for e in found.teams
    ]
    config = {names[k]: st.column_config.NumberColumn(names[k], **MONEY) for k in ("profit", "pool")}
    st.dataframe(pa.Table.from_pylist(rows), hide_index=True, column_config=config, placeholder="—")


def gaps_here(found: th.Thread) -> None:
    """Where this thread breaks, and what to do about it."""
    if not found.gaps:
        return
    lines = [
        f"- {t(f'thread.gap_name.{g_.kind}')}: **{md(g_.label)}** — {t(f'thread.fix.{g_.kind}')}" for g_ in found.gaps
    ]
    st.warning("\n".join(lines), icon="🧩")


def experiments(web: th.Web, found: th.Thread) -> None:
    """The test cards that name an artefact on this thread, with their learning card's decision."""
    st.subheader(t("thread.experiments.title"), anchor=False)
    if not found.experiments:
        st.caption(t("thread.experiments.none"))
        return
    lines = []
    for eid in found.experiments:
        e = web.experiments[eid]
        tested = [th.node_id(kind, e[f]) for f, kind in th.TESTED if e.get(f) is not None]
        artefact = ", ".join(web.label(nid) for nid in tested if nid in web.rows)
        decision = t(f"choices.decision.{e.get('decision') or 'none'}")
        line = t(
            "thread.experiments.line",
            title=e.get("title") or "",
            artefact=artefact,
            status=t(f"choices.status.{e.get('status') or 'planned'}"),
            decision=decision,
        )
        lines.append(f"- {md(line)}")
    st.markdown("\n".join(lines))


def money(web: th.Web, found: th.Thread) -> None:
    """What is at risk if the promise (or the promises on the thread) fail."""
    single = th.kind_of(found.start) in (th.PROMISE, th.INTERNAL)
    st.subheader(t("thread.money.title_promise" if single else "thread.money.title_thread"), anchor=False)
    show_risk(web.model, risk.at_risk(web.model, found.failing))


def show_risk(model: risk.Model, found: risk.Risk) -> None:
    """Money at risk as figures, segments and teams (shared by the thread, the network and the console)."""
    if found.empty or not found.promises:
        st.caption(t("thread.money.none"))
        if found.empty:
            return
    lang, period = state.lang(), model.basis.period or "—"
    one, two, three = st.columns(3, border=True)
    one.metric(t("thread.money.revenue", period=period), risk.money(found.revenue, lang, model.net.currency))
    two.metric(t("thread.money.ltv"), risk.money(found.ltv, lang, model.net.currency))
    three.metric(
        t("thread.money.internal"),
        risk.money(found.internal_lost, lang, model.net.currency),
        help=t("thread.money.internal_help"),
    )
    if not model.basis.period:
        st.caption(t("thread.money.no_period"))
    if found.segments:
        st.markdown(f"**{t('thread.money.segments')}** · {t('thread.money.promises')}: {len(found.promises)}")
        names = {k: t(f"thread.money.{k}") for k in ("segment", "share", "revenue_col", "ltv_col")}
        rows = [
            {
                names["segment"]: s.name,
                names["share"]: round(s.share * risk.PERCENT, 1),
                names["revenue_col"]: round(s.revenue),
                names["ltv_col"]: round(s.ltv),
            }
            for s in found.segments
        ]
        config = {names[k]: st.column_config.NumberColumn(names[k], **MONEY) for k in ("revenue_col", "ltv_col")}
        st.dataframe(pa.Table.from_pylist(rows), hide_index=True, column_config=config, placeholder="—")
    if found.teams:
        st.markdown(f"**{t('thread.money.teams')}**")
        table, config = _teams(found)
        st.dataframe(table, hide_index=True, column_config=config, placeholder="—")
    balance = t("thread.money.zero_sum") if all(abs(x) < 0.005 for x in found.balance) else str(found.balance)
    st.caption(t("thread.money.assumptions", period=period, balance=balance))


def _whole(amount: float | None) -> int | None:
    """Money in tables: whole units (the exports keep the exact figures)."""
    return None if amount is None else round(amount)


TEAM_COLUMNS = (
    "external_lost",
    "sales_lost",
    "purchases_saved",
    "profit_before",
    "profit_after",
    "pool_before",
    "pool_after",
)


def _teams(found: risk.Risk) -> tuple[pa.Table, dict]:
    names = {k: t(f"thread.money.{k}") for k in TEAM_COLUMNS}
    team = t("thread.ends.team")
    rows = [{team: c.name, **{names[k]: _whole(getattr(c, k)) for k in TEAM_COLUMNS}} for c in found.teams]
    config = {n: st.column_config.NumberColumn(n, **MONEY) for n in names.values()}
    return pa.Table.from_pylist(rows), config


def agenda(web: th.Web) -> None:
    """Every gap of the workshop, most customer value left uncovered first: the facilitator's agenda."""
    st.subheader(t("thread.agenda.title"), anchor=False)
    st.caption(t("thread.agenda.help"))
    if not web.gaps:
        st.success(t("thread.agenda.none"), icon="✅")
        return
    customers = web.model.customers
    cols = {k: t(f"thread.agenda.{k}") for k in ("rank", "kind", "artefact", "customers", "value", "fix")}
    rows = [
        {
            cols["rank"]: n,
            cols["kind"]: t(f"thread.gap.{gap.kind}"),
            cols["artefact"]: gap.label,
            cols["customers"]: ", ".join(customers.get(c, "") for c in gap.customers),
            cols["value"]: round(gap.value),
            cols["fix"]: t(f"thread.fix.{gap.kind}"),
        }
        for n, gap in enumerate(web.gaps[:AGENDA_SHOWN], start=1)
    ]
    config = {cols["value"]: st.column_config.NumberColumn(cols["value"], **MONEY)}
    st.dataframe(pa.Table.from_pylist(rows), hide_index=True, column_config=config, placeholder="—")
    if len(web.gaps) > AGENDA_SHOWN:
        st.caption(t("thread.agenda.more", count=len(web.gaps) - AGENDA_SHOWN))
    starts = [gap.node for gap in web.gaps[:AGENDA_SHOWN] if th.kind_of(gap.node) in th.STARTS]
    if not starts:
        return
    where, go = st.columns([4, 1], vertical_alignment="bottom")
    labels = {nid: label(web, nid) for nid in starts}
    chosen = where.selectbox(t("thread.agenda.open"), starts, format_func=labels.get, key="thread_agenda_pick")
    if go.button(t("thread.agenda.open_button"), key="thread_agenda_go", icon="🧵"):
        st.session_state[PENDING] = chosen
        st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
        st.rerun()


def tested(experiments: list[dict]) -> str:
    """The test cards that name an artefact, for a table cell: "🧪 Evening slots: Persevere"."""
    cells = []
    for e in experiments:
        state_key = f"choices.decision.{e['decision']}" if e.get("decision") else f"choices.status.{e.get('status')}"
        cells.append(f"🧪 {e.get('title') or ''}: {t(state_key)}")
    return "; ".join(cells)


def follow(web_labels: dict[str, str], key: str) -> None:
    """A pick of the artefacts a step page shows and a link opening the golden thread on it (steps 2, 3, 5, 6)."""
    if not web_labels:
        return
    box = st.container(horizontal=True, vertical_alignment="bottom")
    chosen = box.selectbox(t("thread.follow.label"), list(web_labels), format_func=web_labels.get, key=key)
    box.page_link(
        registry.page("thread").path,
        label=t("thread.follow.link"),
        icon="🧵",
        query_params={QUERY: chosen},
        help=t("thread.follow.help"),
    )


def money_now(page: Frame) -> None:
    """The console's "money at risk now": what the promises broken or at risk today put at risk."""
    model = page.once("risk_model", lambda: risk.model(page.data))
    found = page.once("risk_now", lambda: risk.now(model))
    lang, period = state.lang(), model.basis.period or "—"
    st.subheader(t("console.money_now"), anchor=False)
    one, two, three, four = st.columns(4)
    one.metric(t("thread.money.revenue", period=period), risk.money(found.revenue, lang, model.net.currency))
    two.metric(t("thread.money.ltv"), risk.money(found.ltv, lang, model.net.currency))
    three.metric(t("console.failing"), len(found.failing))
    four.metric(t("console.at_stake"), len(found.promises))
    words = t("console.money_now_help")
    st.page_link(registry.page("thread").path, label=t("console.to_thread"), icon="🧵", help=words)
