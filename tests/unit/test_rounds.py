"""Rounds compared in pure Python: things matched by name across rounds, health moves, money, prices,
feedback and actions per round, and the same tables in the summary and the spreadsheets."""

from datetime import date

from cvm_core import rounds
from cvm_core import summary as sm
from cvm_core.exports import sheets


def workshop(id_: int, name: str, current: float, price: float, pool_share: float, score: int, actions: list) -> dict:
    return {
        "workshop": [{"id": id_, "name": name, "language": "en", "scale_max": 10, "hour_rate": None}],
        "department": [
            {"id": id_ * 10 + 1, "name": "Logistics", "takes_part": True},
            {"id": id_ * 10 + 2, "name": "Sales", "takes_part": True},
        ],
        "customer": [{"id": id_ * 10 + 3, "name": "Shops", "kind": "external"}],
        "value_factor": [
            {"id": id_ * 10 + 4, "customer_id": id_ * 10 + 3, "name": "Speed", "weight": 3, "high_is_good": True}
        ],
        "offering": [{"id": id_ * 10 + 5, "name": "Us", "kind": "ours"}],
        "canvas_score": [{"id": id_ * 10 + 6, "offering_id": id_ * 10 + 5, "factor_id": id_ * 10 + 4, "score": score}],
        "promise": [
            {"id": id_ * 10 + 7, "customer_id": id_ * 10 + 3, "text": "On time", "status": "agreed", "metric_name": "%"}
            | {"metric_direction": "higher", "metric_target": 95, "metric_current": current},
        ],
        "internal_promise": [
            {"id": id_ * 10 + 8, "supplier_department_id": id_ * 10 + 1, "client_department_id": id_ * 10 + 2}
            | {"text": "Vans", "price_amount": price, "price_unit": "money", "price_period": "month"},
        ],
        "economics": [
            {"id": id_ * 10 + 9, "department_id": id_ * 10 + 2, "period": "2026-Q3", "revenue_external": 10000}
            | {"direct_costs": 500, "other_costs": 0},
        ],
        "motivation_plan": [{"id": id_, "department_id": id_ * 10 + 2, "variant": 1, "share_pct": pool_share}],
        "feedback": [
            {
                "id": id_,
                "round_id": 1,
                "client_department_id": id_ * 10 + 2,
                "supplier_department_id": id_ * 10 + 1,
                "score": 5 + id_,
            }
        ],
        "action": actions,
    }


def act(id_: int, status: str, carried_from: str = "") -> dict:
    return {"id": id_, "text": f"Action {id_}", "status": status, "carried_from": carried_from, "due": None}


def line() -> list[rounds.Round]:
    one = workshop(1, "Round 1", 70, 1000, 20, 4, [act(1, "done"), act(2, "open")])
    two = workshop(2, "Round 2", 96, 1200, 25, 8, [act(3, "done", "Round 1"), act(4, "open")])
    return [rounds.Round(1, "Round 1", one), rounds.Round(2, "Round 2", two, current=True)]


def test_a_promise_is_followed_by_its_customer_and_text() -> None:
    (health,) = rounds.promise_health(line())
    assert health.label == "Shops: On time" and health.values == ("broken", "met")
    moves = rounds.health_moves([health], 0, 1)
    assert moves.improved == ["Shops: On time"] and moves.worsened == [] and moves.same == 0


def test_a_renamed_or_new_promise_is_a_new_line() -> None:
    rnds = line()
    rnds[1].data["promise"][0]["text"] = "Always on time"
    lines = rounds.promise_health(rnds)
    assert [(x.label, x.values) for x in lines] == [
        ("Shops: On time", ("broken", None)),
        ("Shops: Always on time", (None, "met")),
    ]
    assert rounds.health_moves(lines, 0, 1).new == ["Shops: Always on time"]


def test_money_prices_feedback_and_actions_per_round() -> None:
    rnds = line()
    (sales,) = [tl for tl in rounds.teams(rnds) if tl.team == "Sales"]
    assert sales.pool[1] > sales.pool[0] > 0
    assert [(x.label, x.values) for x in rounds.prices(rnds)] == [("Logistics → Sales", (1000.0, 1200.0))]
    assert [(x.label, x.values) for x in rounds.feedback(rnds)] == [("Sales → Logistics", (6.0, 7.0))]
    counts = rounds.action_counts(rnds)
    assert (counts[0].opened, counts[0].closed, counts[1].carried, counts[1].opened) == (2, 1, 1, 1)


def test_our_offer_per_round_on_one_chart() -> None:
    rnds = line()
    assert rounds.offer_customers(rnds) == ["Shops"]
    points = rounds.offer_points(rnds, "shops")
    assert [(p["round"], p["score"]) for p in points] == [("Round 1", 4), ("Round 2", 8)]
    spec = rounds.offer_chart(rnds, "Shops", "en").to_dict()
    assert spec["encoding"]["color"]["field"] == "round" and spec["mark"]["type"] == "line"


def test_hours_without_a_rate_stay_hours() -> None:
    rnds = line()
    rnds[0].data["internal_promise"][0] |= {"price_unit": "hours", "price_amount": 12}
    assert rounds.prices(rnds)[0].values[0] == "12 h"
    rnds[0].data["workshop"][0]["hour_rate"] = 50
    assert rounds.prices(rnds)[0].values[0] == 600.0


def test_the_summary_looks_back_since_the_last_round() -> None:
    data = {**line()[1].data, rounds.ROUNDS: [r.row() for r in line()]}
    summary = sm.build(data, "en", today=date(2026, 12, 6))
    (since,) = [s for s in summary.sections if s.key == "since"]
    figures = next(b for b in since.blocks if isinstance(b, sm.Figures))
    assert ("Promises better", "1") in figures.items and ("Promises worse", "0") in figures.items
    titles = [b.text for b in since.blocks if isinstance(b, sm.Heading)]
    assert "Promise health per round" in titles and "Internal prices per round" in titles
    assert any(isinstance(b, sm.Chart) for b in since.blocks)


def test_the_first_round_says_so_and_without_rounds_read_the_section_is_absent() -> None:
    first = line()[0]
    data = {**first.data, rounds.ROUNDS: [rounds.Round(1, "Round 1", first.data, current=True).row()]}
    (since,) = [s for s in sm.build(data, "en").sections if s.key == "since"]
    assert since.blocks == [
        sm.Text("This is the first round of its line: there is nothing to compare yet.", muted=True)
    ]
    assert "since" not in [s.key for s in sm.build(first.data, "en").sections]


def test_the_spreadsheets_get_a_sheet_per_comparison() -> None:
    data = {**line()[1].data, rounds.ROUNDS: [r.row() for r in line()]}
    found = {s.key: s for s in sheets.sheets(data, "en") if s.key.startswith("rounds_")}
    assert set(found) == {f"rounds_{k}" for k in ("promises", "profit", "pool", "prices", "feedback", "actions")}
    assert found["rounds_prices"].headers == ["Between", "Round 1", "Round 2"]
    assert found["rounds_prices"].kinds == ["text", "number", "number"]
    assert not [s for s in sheets.sheets(line()[1].data, "en") if s.key.startswith("rounds_")]
