"""Step 3 in pure Python: which top pains the value factors answer, and completion."""

from cvm_core import value


def data(links: list[tuple[int, int]], factors: list[tuple[int, int]] | None = None) -> dict:
    """Customer 1 has pains 1–4 (1, 2, 3 voted), customer 2 has pain 5 (voted)."""
    pains = [
        {"id": i, "customer_id": 1 if i < 5 else 2, "text": f"pain {i}", "severity": 3, "frequency": 3, "hidden": False}
        for i in range(1, 6)
    ]
    votes = [{"pain_id": p, "participant_id": 9, "dots": d} for p, d in ((1, 3), (2, 2), (3, 1), (5, 1))]
    factors = factors if factors is not None else [(10, 1), (11, 1), (20, 2)]
    return {
        "customer": [{"id": 1, "name": "Shops"}, {"id": 2, "name": "Cafés"}],
        "pain": pains,
        "vote": votes,
        "value_factor": [{"id": f, "customer_id": c, "name": f"f{f}"} for f, c in factors],
        "factor_pain": [{"factor_id": f, "pain_id": p} for f, p in links],
    }


def test_unanswered_top_pains_per_customer() -> None:
    left = value.unanswered_top_pains(data([(10, 1)]))
    assert {c: [r.id for r in rows] for c, rows in left.items()} == {1: [2, 3], 2: [5]}
    assert value.unanswered_top_pains(data([(10, 1), (11, 2), (10, 3), (20, 5)])) == {}


def test_a_factor_of_another_customer_or_a_deleted_factor_does_not_answer() -> None:
    assert 5 in {r.id for r in value.unanswered_top_pains(data([(10, 5)]))[2]}
    gone = data([(10, 1)], factors=[(11, 1), (20, 2)])
    assert 1 in {r.id for r in value.unanswered_top_pains(gone)[1]}


def test_factor_pains_lists_what_each_factor_answers() -> None:
    d = data([(10, 2), (10, 1), (11, 3)])
    answered = value.factor_pains(d["value_factor"], d["factor_pain"], d["pain"])
    assert {f: [p["id"] for p in rows] for f, rows in answered.items()} == {10: [1, 2], 11: [3], 20: []}


def test_completion_counts_answered_top_pains() -> None:
    partial = value.completion(data([(10, 1), (11, 2)]))
    assert (partial.done_count, partial.total) == (2, 4)
    assert [m.params for m in partial.missing] == [
        {"customer": "Shops", "pain": "pain 3"},
        {"customer": "Cafés", "pain": "pain 5"},
    ]
    assert value.completion(data([(10, 1), (11, 2), (10, 3), (20, 5)])).done
    nothing_voted = value.completion({**data([]), "vote": []})
    assert not nothing_voted.done and nothing_voted.missing[0].key == "step3.missing.no_top_pains"
