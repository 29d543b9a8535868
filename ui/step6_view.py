"""The sections of the step 6 page: promise trees, internal promises with their links, the team."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cvm_core import fmt, i18n, motivation, negotiate, risk, tree
from cvm_core import health as h
from cvm_core.schema import DIRECTIONS, PERIODS, PRICE_UNITS
from db import internal_promises as ip
from ui import state, thread_view
from ui.forms import add, choose, choose_many, or_none, submit
from ui.frame import Frame, Here, flash
from ui.state import t
from ui.table import Col, edit_rows, editable_table
from ui.widgets import attempt, md, update
from ui.widgets import completion as show_completion

TREE_LIMIT = 12  # unbacked promises listed by name
# Health as a coloured dot (Markdown colour directives: no emoji font needed on the projector's machine).
MARK = {h.MET: ":green[●]", h.AT_RISK: ":orange[●]", h.BROKEN: ":red[●]", h.NO_DATA: ":gray[○]"}


def _tree_block(node: tree.Node, names: dict[int, str], customers: dict[int, str], labels: dict[str, str]) -> str:
    """One customer promise and everything under it as nested Markdown (user text escaped)."""
    lines = []
    for depth, n in node.walk():
        icon = MARK[n.health]
        if n.kind == tree.PROMISE:
            flag = f" · :red-badge[{labels['not_backed']}]" if not n.backed else ""
            worst = f" · {labels['weakest']}: {MARK[n.worst]}" if n.backed and n.worst != n.health else ""
            lines.append(f"{icon} **{md(n.row['text'])}** — {md(customers.get(n.row['customer_id'], ''))}{flag}{worst}")
            continue
        who = f"{names.get(n.row['supplier_department_id'], '')} → {names.get(n.row['client_department_id'], '')}"
        lines.append(f"{'    ' * (depth - 1)}- {icon} {md(n.row['text'])} · _{md(who)}_{' ↺' if n.repeated else ''}")
    return "\n".join(lines)


TREES = ("promise", "internal_promise", "promise_support")  # what the promise trees grow from
LABELS = ("customer", "promise", "internal_promise")  # what names the promises (with the teams' names)


def _trees(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    trees = tree.forest_of(data)
    return {
        "trees": trees,
        "completion": tree.completion(data, trees),
        "unbacked": [p["text"] for p in tree.unbacked(trees)],
        "unused": len(tree.unused(data["internal_promise"], data["promise_support"])),
    }


def _labels(data: dict[str, list[dict[str, Any]]], names: dict[int, str]) -> dict[str, Any]:
    """The names of customers and promises in the lists and pickers (with the golden thread's options)."""
    customers = {c["id"]: c["name"] for c in data["customer"]}
    promises = {p["id"]: p for p in tree.live_promises(data["promise"])}
    promise_label = {p: f"{customers.get(r['customer_id'], '')}: {r['text']}" for p, r in promises.items()}
    internal_label = {
        r["id"]: f"{r['text']} ({names.get(r['supplier_department_id'], '')})" for r in data["internal_promise"]
    }
    lang = state.lang()  # once: hundreds of labels
    follow = {f"p{p}": i18n.t("thread.option.promise", lang, text=text) for p, text in promise_label.items()}
    follow |= {f"i{i}": i18n.t("thread.option.internal", lang, text=text) for i, text in internal_label.items()}
    return {
        "customers": customers,
        "promise_label": promise_label,
        "internal_label": internal_label,
        "follow": follow,
        "legend": " · ".join(f"{MARK[k]} {t(f'choices.health.{k}')}" for k in h.HEALTHS),
    }


def _internals(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The internal promises with their health, and what each one supports (promises, internal promises)."""
    health_label = {k: f"{tree.HEALTH_ICON[k]} {t(f'choices.health.{k}')}" for k in h.HEALTHS}
    parents: dict[int, tuple[list[int], list[int]]] = {r["id"]: ([], []) for r in data["internal_promise"]}
    for link in data["promise_support"]:
        if link["internal_promise_id"] in parents:
            kind = 0 if link["parent_promise_id"] is not None else 1
            parents[link["internal_promise_id"]][kind].append(link["parent_promise_id"] or link["parent_internal_id"])
    return {
        "internals": [{**r, "health": health_label[h.of(r)]} for r in data["internal_promise"]],
        "parents": parents,
    }


def _blocks(trees: list[tree.Node], names: dict[int, str], customers: dict[int, str]) -> list[tuple[str, set[int]]]:
    """Each tree as Markdown, with the teams it involves."""
    words = {"not_backed": t("step6.not_backed"), "weakest": t("step6.weakest")}
    return [
        (
            _tree_block(tr, names, customers, words),
            {
                d
                for _, n in tr.walk()
                if n.kind == tree.INTERNAL
                for d in (n.row["supplier_department_id"], n.row["client_department_id"])
            },
        )
        for tr in trees
    ]


def load(page: Frame) -> dict[str, Any]:
    """Everything the page shows, each part recomputed only when the rows it derives from changed; shows
    the completion."""
    data = page.data
    names = page.once("names", lambda: {d["id"]: d["name"] for d in data["department"]}, uses=("department",))
    grown = page.once("trees", lambda: _trees(data), uses=TREES)
    labels = page.once("labels", lambda: _labels(data, names), uses=LABELS, also=names)
    v = {
        "names": names,
        **grown,
        **labels,
        **page.once("internals", lambda: _internals(data), uses=("internal_promise", "promise_support")),
        "blocks": page.once(
            "blocks",
            lambda: _blocks(grown["trees"], names, labels["customers"]),
            uses=(*TREES, "customer"),
            also=names,
        ),
        "members": data["team_member"],
        "rules": data["communication_rule"],
        "shares": page.once("shares", lambda: motivation.share_totals(data["team_member"]), uses=("team_member",)),
    }
    show_completion(6, v["completion"])
    return v


def team_filter(here: Here, v: dict[str, Any]) -> int:
    """The team whose promises and people are shown (0: every team); starts on the person's own team."""
    labels = {0: t("step6.all_teams"), **v["names"]}
    mine = here.person.get("department_id")
    options = list(labels)
    return st.selectbox(
        t("step6.team_filter"),
        options,
        index=options.index(mine) if mine in labels else 0,
        format_func=labels.get,
        key="step6_team",
    )


def tabs() -> list[Any]:
    """Trees first (what the room looks at), then editing internal promises, then the team; only the
    open tab runs."""
    names = [t("step6.tab.tree"), t("step6.tab.promises"), t("step6.tab.negotiate"), t("step6.tab.team")]
    return st.tabs(names, key="step6_tab", on_change="rerun")


def promise_trees(v: dict[str, Any], team: int) -> None:
    st.subheader(t("step6.tree"))
    st.caption(t("step6.tree_help"))
    unbacked = v["unbacked"]
    if unbacked:
        listed = "  \n".join(f"⚠️ {md(text)}" for text in unbacked[:TREE_LIMIT])
        more = f"  \n{t('common.and_more', count=len(unbacked) - TREE_LIMIT)}" if len(unbacked) > TREE_LIMIT else ""
        st.warning(f"**{t('step6.unbacked', count=len(unbacked))}**  \n{listed}{more}", icon="🚩")
    if v["unused"]:
        st.info(t("step6.unused", count=v["unused"]), icon="🧩")
    blocks = [text for text, teams in v["blocks"] if not team or team in teams]
    if not blocks:
        st.caption(t("step6.no_trees"))
        return
    st.markdown("\n\n".join(blocks))
    st.caption(v["legend"])
    follow_thread(v)


def follow_thread(v: dict[str, Any]) -> None:
    """A link from any promise or internal promise of the trees to its golden thread."""
    thread_view.follow(v["follow"], key="s6_follow")


def _options() -> dict[str, dict[str, str]]:
    return {
        "direction": {d: t(f"choices.direction.{d}") for d in DIRECTIONS},
        "unit": {u: t(f"choices.price_unit.{u}") for u in PRICE_UNITS},
        "period": {p: t(f"choices.period.{p}") for p in PERIODS},
    }


def internal_promises(here: Here, v: dict[str, Any], team: int, read_only: bool) -> None:
    names = v["names"]
    shown = [r for r in v["internals"] if not team or team in (r["supplier_department_id"], r["client_department_id"])]
    options = _options()
    st.subheader(t("step6.internal"))
    cols = [
        Col("supplier_department_id", "select", options=names, required=True),
        Col("client_department_id", "select", options=names, required=True),
        Col("text", required=True, width="large"),
        Col("health", editable=False, label=t("step6.col.health")),
        Col("metric_name"),
        Col("metric_unit"),
        Col("metric_direction", "select", options=options["direction"]),
        Col("metric_target", "number"),
        Col("metric_current", "number"),
        Col("price_amount", "number"),
        Col("price_unit", "select", options=options["unit"]),
        Col("price_period", "select", options=options["period"]),
        Col("service_description"),
    ]
    edit_rows(
        here,
        "internal_promises",
        "internal_promise",
        shown,
        cols,
        read_only=read_only,
        label_field="text",
        empty=t("step6.no_internal"),
        bin_key="internal_bin",
        defaults={"supplier_department_id": team} if team else None,
    )
    if read_only:
        return
    _add_internal(here, v, team, options, expanded=not shown)
    if shown:
        _supports(here, v, [r["id"] for r in shown])


def _add_internal(here: Here, v: dict[str, Any], team: int, options: dict, expanded: bool) -> None:
    names = v["names"]
    teams = or_none(names)
    with st.expander(t("step6.add_internal"), expanded=expanded, icon="➕"), st.form("add_internal"):
        supplier_col, client_col = st.columns(2)
        supplier = choose(t("fields.internal_promise.supplier_department_id"), teams, where=supplier_col, first=team)
        client = choose(t("fields.internal_promise.client_department_id"), teams, where=client_col)
        text = st.text_input(t("fields.internal_promise.text"), key="new_internal_text")
        service = st.text_area(t("fields.internal_promise.service_description"), height=80, key="new_internal_service")
        m1, m2, m3, m4, m5 = st.columns([3, 1, 2, 1, 1])
        metric_name = m1.text_input(t("fields.common.metric_name"), key="new_internal_metric")
        metric_unit = m2.text_input(t("fields.common.metric_unit"), key="new_internal_unit")
        direction = m3.selectbox(t("fields.common.metric_direction"), DIRECTIONS, format_func=options["direction"].get)
        target = m4.number_input(t("fields.common.metric_target"), value=None, key="new_internal_target")
        current = m5.number_input(t("fields.common.metric_current"), value=None, key="new_internal_current")
        p1, p2, p3 = st.columns(3)
        price = p1.number_input(t("fields.internal_promise.price_amount"), value=None, key="new_internal_price")
        unit = p2.radio(
            t("fields.internal_promise.price_unit"), PRICE_UNITS, format_func=options["unit"].get, horizontal=True
        )
        per = p3.radio(
            t("fields.internal_promise.price_period"), PERIODS, format_func=options["period"].get, horizontal=True
        )
        promise_label, internal_label = v["promise_label"], v["internal_label"]
        up_promises = _parents("promise", promise_label, key="new_internal_up_promises")
        up_internal = _parents("internal", internal_label, key="new_internal_up_internal")
        data = {
            "supplier_department_id": supplier,
            "client_department_id": client,
            "text": text,
            "service_description": service,
            "metric_name": metric_name,
            "metric_unit": metric_unit,
            "metric_direction": direction,
            "metric_target": target,
            "metric_current": current,
            "price_amount": price,
            "price_unit": unit,
            "price_period": per,
        }
        submit(
            t("step6.add_internal"),
            lambda: ip.add(
                state.engine(), actor=here.actor, data=data, promise_ids=up_promises, internal_ids=up_internal
            ),
            done=lambda created: t("step6.added", name=created["text"]),
            forget=("new_internal_text",),
        )


def _parents(kind: str, labels: dict[int, str], **options: Any) -> list[int]:
    """The promises (`kind` "promise") or internal promises ("internal") above an internal promise."""
    return choose_many(t(f"fields.promise_support.parent_{kind}_id"), labels, placeholder=t("step6.choose"), **options)


def _supports(here: Here, v: dict[str, Any], shown_ids: list[int]) -> None:
    """Choose the promises above that one internal promise supports."""
    st.subheader(t("step6.supports"))
    st.caption(t("step6.supports_help"))
    promise_label, internal_label = v["promise_label"], v["internal_label"]
    chosen = st.selectbox(
        t("fields.promise_support.internal_promise_id"),
        shown_ids,
        format_func=internal_label.get,
        key="step6_support_of",
    )
    now_promises, now_internal = v["parents"].get(chosen, ([], []))
    with st.form(f"supports_{chosen}"):
        wanted_promises = _parents(
            "promise",
            promise_label,
            default=[p for p in now_promises if p in promise_label],
            key=f"supports_promises_{chosen}",
        )
        wanted_internal = _parents(
            "internal",
            {i: label for i, label in internal_label.items() if i != chosen},
            default=[i for i in now_internal if i in internal_label],
            key=f"supports_internal_{chosen}",
        )
        submit(
            t("step6.save_supports"),
            lambda: ip.set_supports(
                state.engine(),
                actor=here.actor,
                internal_id=chosen,
                promise_ids=wanted_promises,
                internal_ids=wanted_internal,
            ),
            done=lambda _: t("step6.supports_saved"),
            primary=False,
        )


def team_and_rules(here: Here, v: dict[str, Any], team: int, read_only: bool) -> None:
    names = v["names"]
    st.subheader(t("step6.members"))
    for department, total in sorted(v["shares"].items(), key=lambda kv: names.get(kv[0], "")):
        if (not team or department == team) and abs(total - 100) > motivation.SHARE_TOLERANCE:
            st.warning(
                t(
                    "step6.shares_off",
                    team=md(names.get(department, "")),
                    total=fmt.percent_points(total, state.lang()),
                ),
                icon="➗",
            )
    members = [m for m in v["members"] if not team or m["department_id"] == team]
    editable_table(
        key="team_members",
        entity_name="team_member",
        rows=members,
        cols=[
            Col("department_id", "select", options=names, required=True),
            Col("name", required=True),
            Col("role"),
            Col("bonus_share", "number"),
        ],
        actor=here.actor,
        defaults={"department_id": team} if team else None,
        label_field="name",
        read_only=read_only,
    )
    if not read_only:
        _add_member(here, names, team, expanded=not members)
    st.subheader(t("step6.rules"))
    st.caption(t("step6.rules_help"))
    rules = [r for r in v["rules"] if not team or r["department_id"] in (None, team)]
    editable_table(
        key="communication_rules",
        entity_name="communication_rule",
        rows=rules,
        cols=[
            Col("department_id", "select", options=names, label=t("step6.col.rule_team")),
            Col("what", required=True),
            Col("cadence"),
            Col("channel"),
            Col("decision_rule", width="large"),
        ],
        actor=here.actor,
        label_field="what",
        read_only=read_only,
    )
    if not read_only:
        _add_rule(here, names, team, expanded=not rules)


def _add_member(here: Here, names: dict[int, str], team: int, expanded: bool) -> None:
    with st.expander(t("step6.add_member"), expanded=expanded, icon="➕"), st.form("add_member"):
        c1, c2, c3, c4 = st.columns([2, 2, 2, 1])
        department = choose(t("fields.team_member.department_id"), or_none(names), where=c1, first=team)
        name = c2.text_input(t("fields.team_member.name"), key="new_member_name")
        role = c3.text_input(t("fields.team_member.role"), key="new_member_role")
        share = c4.number_input(t("fields.team_member.bonus_share"), value=None, key="new_member_share")
        data = {"department_id": department, "name": name, "role": role, "bonus_share": share}
        typed = ("new_member_name", "new_member_role", "new_member_share")
        add(t("step6.add_member"), here.actor, "team_member", data, forget=typed)


def _add_rule(here: Here, names: dict[int, str], team: int, expanded: bool) -> None:
    with st.expander(t("step6.add_rule"), expanded=expanded, icon="➕"), st.form("add_rule"):
        department = choose(t("step6.col.rule_team"), or_none(names, t("step6.whole_workshop")), first=team)
        what = st.text_input(t("fields.communication_rule.what"), key="new_rule_what")
        r1, r2 = st.columns(2)
        cadence = r1.text_input(t("fields.communication_rule.cadence"), key="new_rule_cadence")
        channel = r2.text_input(t("fields.communication_rule.channel"), key="new_rule_channel")
        decision = st.text_input(t("fields.communication_rule.decision_rule"), key="new_rule_decision")
        data = {
            "department_id": department,
            "what": what,
            "cadence": cadence,
            "channel": channel,
            "decision_rule": decision,
        }
        typed = ("new_rule_what", "new_rule_cadence", "new_rule_channel", "new_rule_decision")
        add(t("step6.add_rule"), here.actor, "communication_rule", data, forget=typed)


def negotiation(page: Frame, v: dict[str, Any], team: int, read_only: bool) -> None:
    """Haggling over an internal price with the numbers: a slider shows at once both teams' P&L and their bonus
    under every variant, and that the internal economy still adds up to zero; "apply" stores the price."""
    st.subheader(t("step6.negotiate.title"))
    st.caption(t("step6.negotiate.help"))
    rows = {r["id"]: r for r in page.data["internal_promise"]}
    shown = [i for i, r in rows.items() if not team or team in (r["supplier_department_id"], r["client_department_id"])]
    if not shown:
        st.caption(t("step6.no_internal"))
        return
    chosen = st.selectbox(
        t("fields.promise_support.internal_promise_id"), shown, format_func=v["internal_label"].get, key="step6_haggle"
    )
    row = rows[chosen]
    now = float(row.get("price_amount") or 0.0)
    unit = t(f"choices.price_unit.{row.get('price_unit') or 'money'}")
    period = t(f"choices.period.{row.get('price_period') or 'month'}")
    top = max(now * 3, 1000.0)
    step = max(round(top / 200), 1)
    price = st.slider(
        t("step6.negotiate.price", unit=unit, period=period),
        0.0,
        float(top),
        value=now,
        step=float(step),
        key=f"step6_price_{chosen}",
    )
    found = negotiate.what_if(page.data, chosen, price)
    if found is None:
        return
    _sides(found, fmt.currency_of(page.data))
    if (row.get("price_unit") or "money") == "hours" and page.workshop.get("hour_rate") is None:
        st.info(t("step6.negotiate.hours"), icon="⏱️")
    if found.zero_sum:
        st.success(t("step6.negotiate.zero_sum"), icon="⚖️")
    else:
        st.error(
            t("step6.negotiate.not_zero", money=risk.money(found.balance[0], state.lang(), fmt.currency_of(page.data))),
            icon="⚠️",
        )
    apply = st.button(
        t("step6.negotiate.apply", price=risk.money(price, state.lang(), fmt.currency_of(page.data))),
        type="primary",
        disabled=read_only or price == now,
        key="step6_apply_price",
    )
    if apply and attempt(lambda: update(page.here.actor, "internal_promise", row, {"price_amount": price})):
        flash(t("step6.negotiate.applied", price=risk.money(price, state.lang(), fmt.currency_of(page.data))))
        st.rerun()


def _sides(found: negotiate.PriceWhatIf, currency: str) -> None:
    """Both teams' profit now and at this price, and what every variant would pay each of them."""
    lang = state.lang()
    columns = st.columns(len(found.sides))
    for column, side in zip(columns, found.sides, strict=True):
        label = t(f"step6.negotiate.{side.role}", team=side.name, period=found.period or "—")
        if side.profit_after is None:
            column.metric(label, "—", help=t("step6.negotiate.no_economics"))
            continue
        change = side.profit_change or 0.0
        column.metric(
            label,
            risk.money(side.profit_after, lang, currency),
            delta=risk.money(change, lang, currency) if change else None,
        )
    variant_column = t("step6.negotiate.variant")
    table = []
    for variant in motivation.VARIANTS:
        chosen = [side.name for side in found.sides if side.chosen == variant]
        name = t(f"step8.variant_short.{variant}") + (f" ✓ {', '.join(chosen)}" if chosen else "")
        line: dict[str, Any] = {variant_column: name}
        for side in found.sides:
            line[t("step6.negotiate.now", team=side.name)] = _pool(side.before.get(variant))
            line[t("step6.negotiate.after", team=side.name)] = _pool(side.after.get(variant))
        table.append(line)
    config = {k: st.column_config.NumberColumn(k, format="localized") for k in table[0] if k != variant_column}
    st.dataframe(table, hide_index=True, column_config=config, placeholder="—")
    st.caption(t("step6.negotiate.chosen"))


def _pool(bonus: motivation.Bonus | None) -> int | None:
    return round(bonus.pool) if bonus is not None and bonus.computed else None
