"""The sections of the step 9 page: test and learning cards, the hypothesis repository, feedback between
departments and the mistakes log."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cvm_core import experiments as ex
from cvm_core.schema import DECISIONS, EXPERIMENT_STATUSES
from cvm_core.settings import FEEDBACK_SCORE_MAX
from db import feedback as fb
from ui import state
from ui.forms import add, choose, choose_many, or_none, submit
from ui.frame import Frame, Here
from ui.state import t
from ui.table import Col, edit_rows, editable_table
from ui.widgets import arrow, chart, md, update
from ui.widgets import completion as show_completion

MATRIX_FRAME = 190  # pixels for the title, the slanted supplier names and the legend
CARD_FIELDS = ("believe", "verify", "measure", "right_if")


def _feedback(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The matrix of each round and the trend, with their charts (built only when the tab is open)."""
    lang = state.lang()
    rounds = sorted(data["feedback_round"], key=lambda r: r["id"])
    cells = {r["id"]: ex.matrix(data["feedback"], data["department"], r["id"]) for r in rounds}
    trends = ex.trends(data["feedback"], rounds, data["department"])
    col = {k: t(f"step9.chart.{k}") for k in ("client", "supplier", "score", "comment")}
    change = t("step9.change")
    return {
        "held": [r for r in rounds if cells[r["id"]]],
        "charts": {rid: ex.matrix_chart(c, lang).to_dict(validate=False) for rid, c in cells.items() if c},
        "comments": {
            rid: arrow(
                [
                    {
                        col["client"]: c.client,
                        col["supplier"]: c.supplier,
                        col["score"]: c.score,
                        col["comment"]: c.comment,
                    }
                    for c in found
                    if c.comment
                ]
            )
            for rid, found in cells.items()
            if any(c.comment for c in found)
        },
        "trend_table": arrow(
            [
                {
                    col["supplier"]: tr.name,
                    **{r["name"]: a for r, a in zip(rounds, tr.averages, strict=True)},
                    change: tr.change,
                }
                for tr in trends
            ]
        )
        if trends
        else None,
        "trend_chart": ex.trend_chart(trends, rounds, lang).to_dict(validate=False)
        if len(rounds) > 1 and trends
        else None,
        "change_column": {change: st.column_config.NumberColumn(change, format="%+.1f")},
    }


def _build(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    names = {d["id"]: d["name"] for d in data["department"]}
    rounds = sorted(data["feedback_round"], key=lambda r: r["id"])
    suppliers: dict[int, set[int]] = {}
    for p in data["internal_promise"]:
        suppliers.setdefault(p["client_department_id"], set()).add(p["supplier_department_id"])
    decisions = {d: t(f"choices.decision.{d or 'none'}") for d in DECISIONS}
    return {
        "names": names,
        "tested": _artefacts(data),
        "statuses": {s: t(f"choices.status.{s}") for s in EXPERIMENT_STATUSES},
        "decisions": decisions,
        "experiments": data["experiment"],
        "open": {
            e["id"]: (e["department_id"], f"{names.get(e['department_id'], '')} · {e['title']}", e)
            for e in sorted(ex.open_experiments(data["experiment"]), key=lambda e: names.get(e["department_id"], ""))
        },
        "decided": " · ".join(
            f"{decisions[d]}: {n}" for d, n in sorted(ex.decision_counts(data["experiment"]).items())
        ),
        "rounds": rounds,
        "feedback": data["feedback"],
        "suppliers": {c: sorted(s, key=lambda d: names.get(d, "")) for c, s in suppliers.items()},
        "mistakes": data["mistake"],
        "completion": ex.completion(data),
    }


def _artefacts(data: dict[str, list[dict[str, Any]]]) -> dict[str, dict[int, str]]:
    """What a test card may test, by field: the pains (revealed), value factors and live promises, each
    named with its customer."""
    customers = {c["id"]: c["name"] for c in data["customer"]}

    def named(key: str, row: dict[str, Any], text: str) -> str:
        return t(f"thread.option.{key}", text=f"{text} ({customers.get(row['customer_id'], '')})")

    return {
        "pain_id": {p["id"]: named("pain", p, p["text"]) for p in data["pain"] if not p.get("hidden")},
        "factor_id": {f["id"]: named("factor", f, f["name"]) for f in data["value_factor"]},
        "promise_id": {p["id"]: named("promise", p, p["text"]) for p in data["promise"] if p["status"] != "rejected"},
    }


def _tests_choice(v: dict[str, Any]) -> dict[tuple[str, int] | None, str]:
    """One list of everything a card may test: (field, id) -> its name."""
    return {None: t("common.none")} | {(f, ref): text for f, rows in v["tested"].items() for ref, text in rows.items()}


def load(page: Frame) -> dict[str, Any]:
    v = page.once("page", lambda: _build(page.data))
    show_completion(9, v["completion"])
    return v


def tabs() -> list[Any]:
    names = [t(f"step9.tab.{k}") for k in ("test", "learning", "repository", "feedback", "mistakes")]
    return st.tabs(names, key="step9_tab", on_change="rerun")


def _team(here: Here, names: dict[int, str], label: str, key: str, allow_none: bool = False) -> int | None:
    labels = or_none(names) if allow_none else dict(names)
    return choose(label, labels, first=here.person.get("department_id"), key=key)


def test_card(here: Here, v: dict[str, Any], read_only: bool) -> None:
    """A new experiment: what we believe, how we test it, what we measure, when we are right."""
    if read_only:
        st.caption(t("step9.cards_read_only"))
        return
    st.subheader(t("step9.test_card"))
    _test_card(here, v)


def learning_card(here: Here, v: dict[str, Any], read_only: bool) -> None:
    """Closing an experiment with what was observed, what was learned and the decision."""
    if read_only:
        st.caption(t("step9.cards_read_only"))
        return
    st.subheader(t("step9.learning_card"))
    if not v["open"]:
        st.caption(t("step9.nothing_open"))
        return
    mine = here.person.get("department_id")
    ordered = sorted(v["open"], key=lambda i: v["open"][i][0] != mine)
    chosen = st.selectbox(
        t("step9.which_experiment"), ordered, format_func=lambda i: v["open"][i][1], key="step9_close_which"
    )
    _learning_card(here, v["open"][chosen][2], v["decisions"], v["tested"])


def _test_card(here: Here, v: dict[str, Any]) -> None:
    names, choice = v["names"], _tests_choice(v)
    with st.form("add_experiment"):
        a, b = st.columns([1, 2])
        with a:
            department = _team(here, names, t("fields.experiment.department_id"), "new_experiment_team")
        title = b.text_input(t("fields.experiment.title"), key="new_experiment_title")
        tests = choose(t("step9.tests"), choice, key="new_experiment_tests", help=t("step9.tests_help"))
        left, right = st.columns(2)
        texts = {
            field: (left if n % 2 == 0 else right).text_area(
                t(f"fields.experiment.{field}"), key=f"new_experiment_{field}", height=90
            )
            for n, field in enumerate(CARD_FIELDS)
        }
        c, d = st.columns(2)
        cost = c.number_input(t("fields.experiment.cost"), value=None, key="new_experiment_cost")
        days = d.number_input(t("fields.experiment.duration_days"), value=None, step=1, key="new_experiment_days")
        data = {"department_id": department, "title": title, **texts, "cost": cost, "duration_days": days}
        if tests is not None:
            data[tests[0]] = tests[1]
        typed = [f"new_experiment_{field}" for field in ("title", *CARD_FIELDS, "cost", "days", "tests")]
        add(
            t("step9.add_experiment"),
            here.actor,
            "experiment",
            data,
            done=lambda _: t("step9.added", title=title),
            forget=typed,
        )


def _learning_card(here: Here, e: dict[str, Any], decisions: dict[str, str], tested: dict[str, dict[int, str]]) -> None:
    with st.container(border=True):
        for field in CARD_FIELDS:
            st.markdown(f"**{t(f'fields.experiment.{field}')}** {md(e[field])}")
        for field in ex.TESTS:
            if e.get(field) in tested[field]:
                st.markdown(f"**{t(f'fields.experiment.{field}')}** {md(tested[field][e[field]])}")
    with st.form(f"close_{e['id']}"):
        observed = st.text_area(
            t("fields.experiment.observed"), value=e.get("observed") or "", height=90, key=f"close_{e['id']}_observed"
        )
        learned = st.text_area(
            t("fields.experiment.learned"), value=e.get("learned") or "", height=90, key=f"close_{e['id']}_learned"
        )
        decision = st.radio(
            t("fields.experiment.decision"),
            [d for d in DECISIONS if d],
            format_func=decisions.get,
            horizontal=True,
            index=None,
        )
        changes = {"status": "closed", "observed": observed, "learned": learned, "decision": decision}
        submit(
            t("step9.close"),
            lambda: update(here.actor, "experiment", e, changes),
            done=lambda _: t("step9.closed", title=e["title"]),
        )


def repository(here: Here, v: dict[str, Any], read_only: bool) -> None:
    """Every experiment of the workshop, found by team, status, decision and words, editable in place."""
    names, statuses, decisions = v["names"], v["statuses"], v["decisions"]
    st.subheader(t("step9.repository"))
    f1, f2, f3 = st.columns(3)
    teams = _filter("team", names, f1, "repo_teams")
    chosen_statuses = _filter("status", statuses, f2, "repo_statuses")
    chosen_decisions = _filter("decision", {d: label for d, label in decisions.items() if d}, f3, "repo_decisions")
    choice = _tests_choice(v)
    words_column, tests_column = st.columns(2)
    words = words_column.text_input(t("step9.filter.text"), key="repo_text", placeholder=t("step9.filter.text_hint"))
    tested = _filter("tests", {k: label for k, label in choice.items() if k is not None}, tests_column, "repo_tests")
    found = ex.search(
        v["experiments"],
        departments=teams,
        statuses=chosen_statuses,
        decisions=chosen_decisions,
        text=words,
        tests=tested,
    )
    summary = f" · {v['decided']}" if v["decided"] else ""
    st.caption(t("step9.found", found=len(found), count=len(v["experiments"])) + summary)
    cols = [
        Col("department_id", "select", options=names, required=True),
        Col("title", required=True),
        Col("status", "select", options=statuses),
        Col("decision", "select", options=decisions),
        Col("believe", width="medium"),
        Col("verify", width="medium"),
        Col("measure"),
        Col("right_if"),
        Col("cost", "number"),
        Col("duration_days", "int"),
        Col("observed", width="medium"),
        Col("learned", width="medium"),
        *(Col(field, "select", options=v["tested"][field]) for field in ex.TESTS),
    ]
    edit_rows(
        here,
        "experiments",
        "experiment",
        found,
        cols,
        read_only=read_only,
        label_field="title",
        bin_key="experiments_bin",
        defaults={"status": "planned"},
    )


def _filter(name: str, labels: dict[Any, str], where: Any, key: str) -> list[Any]:
    """One of the repository's filters: any of the chosen (none chosen: any)."""
    return choose_many(t(f"step9.filter.{name}"), labels, where=where, key=key, placeholder=t("step9.filter.any"))


def feedback(page: Frame, v: dict[str, Any]) -> None:
    """Rounds (opened by the facilitator), rating one's suppliers, the matrix of a round and the trend."""
    here, read_only = page.here, page.read_only
    st.subheader(t("step9.rounds"))
    rounds = v["rounds"]
    if here.is_facilitator and not read_only:
        _rounds(here, rounds)
    elif rounds:
        opened = {True: t("step9.round_open"), False: t("step9.round_closed")}
        st.caption(" · ".join(f"{r['name']} ({opened[bool(r['is_open'])]})" for r in rounds))
    if not rounds:
        st.caption(t("step9.no_rounds"))
    if not read_only and v["names"] and any(r["is_open"] for r in rounds):
        _rate(here, v)
    found = page.once("feedback", lambda: _feedback(page.data))
    if found["held"]:
        _matrix(found)


def _rounds(here: Here, rounds: list[dict[str, Any]]) -> None:
    editable_table(
        key="feedback_rounds",
        entity_name="feedback_round",
        rows=rounds,
        cols=[Col("name", required=True), Col("is_open", "bool")],
        actor=here.actor,
        defaults={"is_open": True},
        label_field="name",
    )
    with st.form("add_round", clear_on_submit=True):
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        name = a.text_input(t("fields.feedback_round.name"), key="new_round_name")
        add(t("step9.add_round"), here.actor, "feedback_round", {"name": name, "is_open": True}, where=b)


def _rate(here: Here, v: dict[str, Any]) -> None:
    names = v["names"]
    st.subheader(t("step9.rate"))
    st.caption(t("step9.rate_help"))
    a, b = st.columns(2)
    open_rounds = {r["id"]: r["name"] for r in v["rounds"] if r["is_open"]}
    round_id = choose(t("fields.feedback.round_id"), open_rounds, where=a, key="rate_round")
    with b:
        client = _team(here, names, t("step9.rating_team"), "rate_client")
    earlier = {
        f["supplier_department_id"]: f
        for f in v["feedback"]
        if f["round_id"] == round_id and f["client_department_id"] == client
    }
    suppliers = [s for s in v["suppliers"].get(client, []) if s != client]
    extra = st.multiselect(
        t("step9.rate_others"),
        [d for d in names if d != client and d not in suppliers],
        default=[d for d in earlier if d not in suppliers],
        format_func=names.get,
        key=f"rate_extra_{round_id}_{client}",
        placeholder=t("step9.choose"),
    )
    rated = suppliers + list(extra)
    if not rated:
        st.caption(t("step9.no_suppliers"))
        return
    with st.form(f"rate_{round_id}_{client}"):
        answers = []
        for supplier in rated:
            before = earlier.get(supplier, {})
            s1, s2 = st.columns([1, 3])
            score = s1.number_input(
                md(names.get(supplier, "")),
                min_value=1,
                max_value=FEEDBACK_SCORE_MAX,
                value=before.get("score"),
                step=1,
                key=f"score_{round_id}_{client}_{supplier}",
            )
            comment = s2.text_input(
                t("fields.feedback.comment"),
                value=before.get("comment") or "",
                key=f"comment_{round_id}_{client}_{supplier}",
            )
            answers.append((supplier, score, comment))
        seen = {s: f["version"] for s, f in earlier.items()}
        submit(
            t("step9.save_ratings"),
            lambda: fb.rate(
                state.engine(), actor=here.actor, round_id=round_id, client_id=client, ratings=answers, seen=seen
            ),
            done=lambda stored: t("step9.ratings_saved", count=stored),
        )


def _matrix(v: dict[str, Any]) -> None:
    st.subheader(t("step9.matrix"))
    held = {r["id"]: r["name"] for r in reversed(v["held"])}
    shown = st.selectbox(t("fields.feedback.round_id"), list(held), format_func=held.get, key="matrix_round")
    chart(v["charts"][shown], MATRIX_FRAME)
    if shown in v["comments"]:
        st.dataframe(v["comments"][shown], hide_index=True, placeholder="—")
    st.subheader(t("step9.trend"))
    if v["trend_table"] is not None:
        st.dataframe(v["trend_table"], hide_index=True, placeholder="—", column_config=v["change_column"])
    if v["trend_chart"]:
        chart(v["trend_chart"])


def mistakes(here: Here, v: dict[str, Any], read_only: bool) -> None:
    """The blameless log: what happened, why the system allowed it, what changes."""
    st.subheader(t("step9.mistakes"))
    st.caption(t("step9.mistakes_help"))
    if not read_only:
        with st.form("add_mistake"):
            department = _team(here, v["names"], t("fields.mistake.department_id"), "new_mistake_team", allow_none=True)
            what = st.text_area(t("fields.mistake.what_happened"), key="new_mistake_what", height=80)
            a, b = st.columns(2)
            why = a.text_area(t("fields.mistake.why"), key="new_mistake_why", height=80)
            change = b.text_area(t("fields.mistake.what_changes"), key="new_mistake_changes", height=80)
            data = {"department_id": department, "what_happened": what, "why": why, "what_changes": change}
            typed = [f"new_mistake_{field}" for field in ("what", "why", "changes")]
            add(t("step9.add_mistake"), here.actor, "mistake", data, forget=typed)
    editable_table(
        key="mistakes",
        entity_name="mistake",
        rows=v["mistakes"],
        cols=[
            Col("department_id", "select", options=v["names"]),
            Col("what_happened", required=True, width="large"),
            Col("why", width="medium"),
            Col("what_changes", width="medium"),
        ],
        actor=here.actor,
        label_field="what_happened",
        read_only=read_only,
    )
