"""The demo workshops (Russian and English) and the large synthetic one: every artefact is there, coherent,
and within the method's rules, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from typing import Any

import pytest
from sqlalchemy import Engine

from cvm_core import completion, rounds
from cvm_core.schema import ENTITIES, LONGTEXT, TEXT
from db import demo, read, workshops
from db.services import Actor

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LETTERS = re.compile(r"[^\W\d_]")
_BUILT: dict[tuple[str, str], int] = {}


@pytest.fixture(params=["en", "ru"])
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def demo_id(engine: Engine, lang: str) -> int:
    """The demo workshop in `lang`, built once per database."""
    key = (engine.url.render_as_string(hide_password=False), lang)
    if key not in _BUILT:
        _BUILT[key] = demo.build_demo(engine, lang)
    return _BUILT[key]


class Rows:
    """Live rows of one workshop, by entity."""

    def __init__(self, engine: Engine, workshop_id: int) -> None:
        self.engine = engine
        self.workshop_id = workshop_id

    def __call__(self, entity_name: str) -> list[dict[str, Any]]:
        return read.rows(self.engine, workshop_id=self.workshop_id, entity_name=entity_name)

    def ids(self, entity_name: str) -> set[int]:
        return {r["id"] for r in self(entity_name)}


@pytest.fixture
def rows(engine: Engine, demo_id: int) -> Rows:
    return Rows(engine, demo_id)


def metric_met(row: dict[str, Any]) -> bool:
    if row["metric_direction"] == "lower":
        return row["metric_current"] <= row["metric_target"]
    return row["metric_current"] >= row["metric_target"]


def assert_promise_tree_acyclic(supports: list[dict[str, Any]]) -> None:
    parents: dict[int, set[int]] = defaultdict(set)
    for s in supports:
        if s["parent_internal_id"] is not None:
            parents[s["internal_promise_id"]].add(s["parent_internal_id"])
    state: dict[int, int] = {}  # 1: on the current path, 2: done

    def visit(node: int) -> None:
        state[node] = 1
        for up in parents[node]:
            assert state.get(up) != 1, f"internal promise {up} supports itself through others"
            if up not in state:
                visit(up)
        state[node] = 2

    for node in list(parents):
        if node not in state:
            visit(node)


def assert_votes_within_budget(engine: Engine, workshop_id: int, votes: list[dict[str, Any]]) -> None:
    budget = workshops.workshop(engine, workshop_id=workshop_id)["dots_per_person"]
    spent = Counter()
    for v in votes:
        spent[v["participant_id"]] += v["dots"]
    assert spent, "nobody voted"
    assert max(spent.values()) <= budget, spent


def assert_every_department_covered(rows: Rows, without_numbers: int = 0) -> None:
    departments = rows.ids("department")
    served = rows("customer_department")
    assert completion.customers(rows("department"), rows("customer"), served).done
    assert {link["department_id"] for link in served} >= departments
    with_numbers = {e["department_id"] for e in rows("economics")}
    assert with_numbers <= departments and len(departments - with_numbers) == without_numbers
    plans = rows("motivation_plan")
    assert {p["department_id"] for p in plans} == departments
    assert len(plans) == len(departments)


# --- the two hand-written demo workshops ---------------------------------------------------------------------


def test_workshop_speaks_its_language(engine: Engine, demo_id: int, lang: str, rows: Rows) -> None:
    w = workshops.workshop(engine, workshop_id=demo_id)
    assert w["language"] == lang
    texts = [w["name"], w["organisation"]]
    texts += [p["display_name"] for p in workshops.participants(engine, workshop_id=demo_id)]
    for spec in ENTITIES.values():
        fields = [f.name for f in spec.fields if f.kind in (TEXT, LONGTEXT)]
        for row in rows(spec.name):
            texts += [row[f] for f in fields if row[f]]
    assert len(texts) > 300
    for text in texts:
        if lang == "en":
            assert not CYRILLIC.search(text), text
        elif len(LETTERS.findall(text)) >= 4:
            assert CYRILLIC.search(text), text


def test_departments_and_participants(engine: Engine, demo_id: int, rows: Rows) -> None:
    departments = rows("department")
    assert len(departments) >= 6
    assert all(d["description"] for d in departments)
    people = [p for p in workshops.participants(engine, workshop_id=demo_id) if p["role"] == "participant"]
    assert 4 <= len(people) <= 6
    assert all(p["department_id"] in rows.ids("department") for p in people)
    facilitators = [p for p in workshops.participants(engine, workshop_id=demo_id) if p["role"] == "facilitator"]
    assert [p["display_name"] for p in facilitators] in ([demo.FACILITATOR["en"]], [demo.FACILITATOR["ru"]])
    authors = {e["actor_name"] for e in read.audit_events(engine, workshop_id=demo_id, limit=2000)}
    assert len(authors) >= 4  # the facilitator and several participants wrote the artefacts


def test_customers_serve_every_department(rows: Rows) -> None:
    customers = rows("customer")
    external = [c for c in customers if c["kind"] == "external"]
    internal = [c for c in customers if c["kind"] == "internal"]
    assert len(customers) >= 4 and len(external) >= 2 and len(internal) >= 2
    for c in external:
        assert c["first_to_notice"] and c["segment_size"] and c["customer_value"] and c["ltv"]
    assert all(c["department_id"] in rows.ids("department") for c in internal)
    assert_every_department_covered(rows)


def test_pains_and_votes(engine: Engine, demo_id: int, rows: Rows) -> None:
    pains = rows("pain")
    assert len(pains) >= 12
    assert all(1 <= p["severity"] <= 5 and 1 <= p["frequency"] <= 5 for p in pains)
    assert len({p["customer_id"] for p in pains}) >= 4
    votes = rows("vote")
    assert len({v["participant_id"] for v in votes}) >= 3
    assert_votes_within_budget(engine, demo_id, votes)


def test_value_factors_address_the_top_pains(rows: Rows) -> None:
    factors = rows("value_factor")
    assert len(factors) >= 8
    assert any(not f["high_is_good"] for f in factors)
    assert all(1 <= f["weight"] <= 10 for f in factors)
    addressed = {link["pain_id"] for link in rows("factor_pain")}
    dots = Counter()
    for v in rows("vote"):
        dots[v["pain_id"]] += v["dots"]
    top = [pain for pain, _ in dots.most_common(3)]
    assert set(top) <= addressed
    best_per_customer: dict[int, tuple[int, int]] = {}
    for p in rows("pain"):
        if dots[p["id"]] and dots[p["id"]] > best_per_customer.get(p["customer_id"], (0, 0))[0]:
            best_per_customer[p["customer_id"]] = (dots[p["id"]], p["id"])
    assert {pain for _, pain in best_per_customer.values()} <= addressed


def test_strategy_canvas_has_a_diverging_to_be_curve(rows: Rows) -> None:
    offerings = rows("offering")
    assert len(offerings) >= 3
    assert {o["kind"] for o in offerings} == {"ours", "competitor", "substitute"}
    main = [c for c in rows("customer") if c["tagline"]]
    assert len(main) == 1
    factors = {f["id"] for f in rows("value_factor") if f["customer_id"] == main[0]["id"]}
    scores = {(s["offering_id"], s["factor_id"]): s["score"] for s in rows("canvas_score")}
    assert all((o["id"], f) in scores for o in offerings for f in factors)
    assert all(0 <= v <= 10 for v in scores.values())
    errc = {e["factor_id"]: e for e in rows("errc_action")}
    assert set(errc) == factors
    ours = next(o for o in offerings if o["kind"] == "ours")
    to_be = {f: errc[f]["target_score"] for f in factors}
    assert to_be != {f: scores[(ours["id"], f)] for f in factors}
    for rival in (o for o in offerings if o["kind"] != "ours"):
        assert any(to_be[f] != scores[(rival["id"], f)] for f in factors), rival["name"]


def test_promises_to_customers(rows: Rows) -> None:
    promises = rows("promise")
    assert len(promises) >= 6
    agreed = [p for p in promises if p["status"] == "agreed"]
    assert len(agreed) > len(promises) / 2
    assert {"agreed", "rejected"} <= {p["status"] for p in promises}
    for p in agreed:
        assert p["metric_name"] and p["metric_target"] is not None and p["metric_current"] is not None
        assert p["authority_granted"] and p["factor_id"] and p["owner_department_id"]
    assert {metric_met(p) for p in agreed} == {True, False}


def test_internal_promises_back_every_agreed_promise(rows: Rows) -> None:
    internal = rows("internal_promise")
    assert len(internal) >= 12
    assert all(ip["supplier_department_id"] != ip["client_department_id"] for ip in internal)
    assert {ip["price_unit"] for ip in internal} == {"money", "hours"}
    pairs = {(ip["supplier_department_id"], ip["client_department_id"]) for ip in internal}
    assert any((b, a) in pairs for a, b in pairs), "no two departments serve each other both ways"
    supports = rows("promise_support")
    assert all((s["parent_promise_id"] is None) != (s["parent_internal_id"] is None) for s in supports)
    assert {s["internal_promise_id"] for s in supports} == {ip["id"] for ip in internal}
    backed = {s["parent_promise_id"] for s in supports}
    assert {p["id"] for p in rows("promise") if p["status"] == "agreed"} <= backed
    # a chain of at least two internal levels: internal -> internal -> customer promise
    internal_parents = {s["internal_promise_id"]: s["parent_internal_id"] for s in supports if s["parent_internal_id"]}
    assert any(
        parent in {s["internal_promise_id"] for s in supports if s["parent_promise_id"]}
        for parent in internal_parents.values()
    )
    assert any(parent in internal_parents for parent in internal_parents.values())  # three levels
    assert_promise_tree_acyclic(supports)


def test_team_members_and_rules(rows: Rows) -> None:
    shares: Counter[int] = Counter()
    for m in rows("team_member"):
        shares[m["department_id"]] += m["bonus_share"]
    assert set(shares) == rows.ids("department")
    assert all(abs(total - 100) < 1e-9 for total in shares.values()), shares
    assert len(rows("communication_rule")) >= 2


def test_economics_and_motivation(rows: Rows) -> None:
    assert_every_department_covered(rows)
    economics = rows("economics")
    assert all(e["period"] and e["success_metric_name"] and e["success_target"] is not None for e in economics)
    assert any(e["revenue_external"] - e["direct_costs"] - e["other_costs"] < 0 for e in economics)
    assert any(e["revenue_external"] - e["direct_costs"] - e["other_costs"] > 0 for e in economics)
    plans = rows("motivation_plan")
    assert {p["variant"] for p in plans} == {1, 2, 3, 4}
    for p in plans:
        assert 0 <= p["share_pct"] <= 100
        if p["variant"] == 2:
            assert p["baseline_profit"] is not None
        if p["variant"] == 3:
            assert p["company_profit"] is not None and p["team_weight"] is not None


def test_experiments_feedback_mistakes_notes(rows: Rows) -> None:
    experiments = rows("experiment")
    assert len(experiments) >= 5
    assert {e["status"] for e in experiments} == {"planned", "running", "closed"}
    for e in experiments:
        assert e["believe"] and e["verify"] and e["measure"] and e["right_if"]
        if e["status"] == "closed":
            assert e["observed"] and e["learned"] and e["decision"] in ("persevere", "pivot", "stop", "keep_testing")
    assert {e["department_id"] for e in experiments} == rows.ids("department")
    assert len(rows("feedback_round")) == 1
    feedback = rows("feedback")
    assert len(feedback) >= 5
    assert all(f["client_department_id"] != f["supplier_department_id"] and 1 <= f["score"] <= 10 for f in feedback)
    assert 1 <= len(rows("mistake")) <= 2
    notes = rows("note")
    assert len(notes) == 2 and {n["kind"] for n in notes} == {"decision", "note"}


def test_value_streams(rows: Rows) -> None:
    streams = rows("value_stream")
    assert len(streams) >= 2
    stages = rows("value_stream_stage")
    staffed = {link["stage_id"] for link in rows("stage_department")}
    for stream in streams:
        mine = sorted((s for s in stages if s["stream_id"] == stream["id"]), key=lambda s: s["position"])
        assert [s["position"] for s in mine] == [0, 1, 2, 3]
        assert all(s["id"] in staffed for s in mine)
        assert stream["leader"]


def test_step_progress(rows: Rows) -> None:
    status = {r["step"]: r["status"] for r in rows("step_progress")}
    assert [status[n] for n in range(1, 10)] == ["done"] * 5 + ["in_progress"] * 2 + ["not_started"] * 2


def test_load_demo_prints_join_codes(engine: Engine) -> None:
    lines = demo.load(engine)
    assert len(lines) == 4  # two rounds in each language
    assert "(ru)" in lines[0] and "(ru)" in lines[1] and "(en)" in lines[2] and "(en)" in lines[3]
    for line in lines:
        assert re.search(r"join code [A-Z2-9]{6,7}, facilitator passcode 'demo-pass'$", line), line
        code = line.split("join code ")[1].split(",")[0]
        name = demo.FACILITATOR["ru" if "(ru)" in line else "en"]
        actor = workshops.sign_in(
            engine, code=code, passcode=demo.DEMO_PASSCODE, display_name=name, throttle_keys=[f"test-{code}"]
        )
        assert actor.participant_id is not None
    with pytest.raises(ValueError):
        demo.load(engine, size="huge")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_second_round_follows_the_first_with_what_changed(engine: Engine, lang: str) -> None:
    first, second = demo.build_rounds(engine, lang)
    assert workshops.workshop(engine, workshop_id=second)["predecessor_id"] == first
    assert workshops.workshop(engine, workshop_id=first)["is_template"]
    line = read.rounds(engine, actor=Actor.system(second))
    assert [r.workshop_id for r in line] == [first, second]
    moves = rounds.health_moves(rounds.promise_health(line), 0, 1)
    assert len(moves.improved) >= 2 and len(moves.worsened) >= 1  # the Rounds page has something to say
    prices = {tuple(line.values) for line in rounds.prices(line)}
    assert any(a != b for a, b in prices)
    pools = [tl.pool for tl in rounds.teams(line)]
    assert any(a != b for a, b in pools)
    carried = read.rows(engine, workshop_id=second, entity_name="action", where={"carried_from": line[0].name})
    assert len(carried) == 4 and {a["status"] for a in carried} >= {"done", "doing", "open"}
    assert rounds.action_counts(line)[1].opened == 2
    first_actions = read.rows(engine, workshop_id=first, entity_name="action")
    assert {a["status"] for a in first_actions} == {"open", "doing", "done"}


# --- the large synthetic workshop ------------------------------------------------------------------------------

LARGE_SIZES = {
    "department": 60,
    "customer": 20,
    "pain": 100,
    "value_factor": 40,
    "offering": 8,
    "canvas_score": 320,
    "errc_action": 40,
    "promise": 60,
    "internal_promise": 400,
    "promise_support": 400,
    "economics": 58,  # two teams without numbers yet: gaps for the thread view
    "motivation_plan": 60,
    "experiment": 200,
    "feedback_round": 1,
    "feedback": 100,
    "value_stream": 10,
    "value_stream_stage": 40,
}


@pytest.mark.slow
def test_build_large(sqlite_engine: Engine) -> None:
    started = time.perf_counter()
    workshop_id = demo.build_large(sqlite_engine)
    assert time.perf_counter() - started < 60
    rows = Rows(sqlite_engine, workshop_id)
    assert {name: len(rows(name)) for name in LARGE_SIZES} == LARGE_SIZES
    assert workshops.workshop(sqlite_engine, workshop_id=workshop_id)["language"] == "en"
    customers = rows("customer")
    assert sum(c["kind"] == "internal" for c in customers) >= 2
    assert all(c["department_id"] for c in customers if c["kind"] == "internal")
    assert Counter(p["customer_id"] for p in rows("pain")) == dict.fromkeys((c["id"] for c in customers), 5)
    assert_votes_within_budget(sqlite_engine, workshop_id, rows("vote"))
    assert_every_department_covered(rows, without_numbers=2)  # gaps for the golden thread
    supports = rows("promise_support")
    assert Counter(s["internal_promise_id"] for s in supports) == dict.fromkeys(rows.ids("internal_promise"), 1)
    unbacked = rows.ids("promise") - {s["parent_promise_id"] for s in supports}
    assert 0 < len(unbacked) <= 10 and all(p["status"] == "agreed" for p in rows("promise") if p["id"] in unbacked)
    assert 0 < sum(not ip["metric_name"] for ip in rows("internal_promise")) < 50
    assert_promise_tree_acyclic(supports)
    assert all(ip["supplier_department_id"] != ip["client_department_id"] for ip in rows("internal_promise"))
    assert len(rows("value_stream_stage")) == 4 * len(rows("value_stream"))

    again = Rows(sqlite_engine, demo.build_large(sqlite_engine))
    for name, fields in {"pain": ("text", "severity"), "vote": ("dots",), "canvas_score": ("score",)}.items():
        assert [tuple(r[f] for f in fields) for r in rows(name)] == [tuple(r[f] for f in fields) for r in again(name)]
