"""The hypothesis repository, feedback matrix and trend, and step 9 completion."""

from cvm_core import experiments as ex

DEPARTMENTS = [{"id": 1, "name": "Sales"}, {"id": 2, "name": "IT"}, {"id": 3, "name": "Logistics"}]
EXPERIMENTS = [
    {
        "id": 1,
        "department_id": 1,
        "title": "Late cut-off",
        "believe": "Restaurants order MORE",
        "status": "closed",
        "decision": "persevere",
        "learned": "baskets grow",
    },
    {
        "id": 2,
        "department_id": 2,
        "title": "Stock alerts",
        "believe": "Shops pay for alerts",
        "status": "planned",
        "decision": "",
    },
    {"id": 3, "department_id": 1, "title": "Pilot  orders", "believe": "x", "status": "running", "decision": ""},
]


def test_search_and_group_by_what_a_card_tests() -> None:
    cards = [{**EXPERIMENTS[0], "pain_id": 4}, {**EXPERIMENTS[1], "promise_id": 9}, {**EXPERIMENTS[2], "pain_id": 4}]
    assert [e["id"] for e in ex.search(cards, tests=[("pain_id", 4)])] == [1, 3]
    assert [e["id"] for e in ex.search(cards, tests=[("promise_id", 9), ("factor_id", 4)])] == [2]
    assert ex.search(cards, tests=[("promise_id", 4)]) == []
    assert {k: [e["id"] for e in v] for k, v in ex.testing(cards, "pain_id").items()} == {4: [3, 1]}


def test_search_by_team_status_decision_and_words() -> None:
    ids = lambda rows: [r["id"] for r in rows]  # noqa: E731
    assert ids(ex.search(EXPERIMENTS)) == [1, 2, 3]
    assert ids(ex.search(EXPERIMENTS, departments=[1])) == [1, 3]
    assert ids(ex.search(EXPERIMENTS, statuses=["planned", "running"])) == [2, 3]
    assert ids(ex.search(EXPERIMENTS, decisions=["persevere"])) == [1]
    assert ids(ex.search(EXPERIMENTS, text="restaurants  more")) == [1]  # every word, any case
    assert ids(ex.search(EXPERIMENTS, text="BASKETS")) == [1]  # learning card fields too
    assert ids(ex.search(EXPERIMENTS, text="pilot orders")) == [3]
    assert ex.search(EXPERIMENTS, departments=[2], text="restaurants") == []
    assert ids(ex.open_experiments(EXPERIMENTS)) == [2, 3]
    assert ex.decision_counts(EXPERIMENTS) == {"persevere": 1}


FEEDBACK = [
    {"round_id": 10, "client_department_id": 1, "supplier_department_id": 2, "score": 6, "comment": "slow"},
    {"round_id": 10, "client_department_id": 3, "supplier_department_id": 2, "score": 8, "comment": ""},
    {"round_id": 11, "client_department_id": 1, "supplier_department_id": 2, "score": 9, "comment": "better"},
    {"round_id": 11, "client_department_id": 1, "supplier_department_id": 3, "score": 4, "comment": ""},
]
ROUNDS = [{"id": 11, "name": "Round 2"}, {"id": 10, "name": "Round 1"}, {"id": 12, "name": "Round 3"}]


def test_matrix_of_one_round() -> None:
    cells = ex.matrix(FEEDBACK, DEPARTMENTS, 10)
    assert [(c.client, c.supplier, c.score) for c in cells] == [("Logistics", "IT", 8), ("Sales", "IT", 6)]
    spec = ex.matrix_chart(cells, "ru").to_dict()
    assert spec["title"] == "Оценки: клиенты по строкам, поставщики по столбцам"
    assert len((spec.get("data") or spec["layer"][0]["data"])["values"]) == 2


def test_trend_per_supplier_round_by_round() -> None:
    trends = {tr.name: tr for tr in ex.trends(FEEDBACK, ROUNDS, DEPARTMENTS)}
    assert set(trends) == {"IT", "Logistics"}
    assert trends["IT"].averages == (7.0, 9.0, None) and trends["IT"].change == 2.0 and trends["IT"].last == 9.0
    assert trends["Logistics"].averages == (None, 4.0, None) and trends["Logistics"].change is None
    spec = ex.trend_chart(list(trends.values()), ROUNDS, "en").to_dict()
    assert {v["round"] for v in spec["data"]["values"]} == {"Round 1", "Round 2"}


def test_completion_needs_an_experiment_per_team_and_a_round_held() -> None:
    data = {
        "department": [{**d, "takes_part": True} for d in DEPARTMENTS],
        "experiment": EXPERIMENTS,
        "feedback_round": ROUNDS,
        "feedback": [],
    }
    result = ex.completion(data)
    assert [m.key for m in result.missing] == ["step9.missing.no_experiment", "step9.missing.no_feedback_round"]
    assert (result.done_count, result.total) == (2, 4)
    data["feedback"] = FEEDBACK
    data["experiment"] = [*EXPERIMENTS, {"id": 4, "department_id": 3, "status": "planned"}]
    assert ex.completion(data).done
    empty = ex.completion({})
    assert not empty.done and empty.missing[0].key == "step9.missing.no_teams"
