"""Step 2 in pure Python: ranking, top pains, what a person sees, voting budgets and completion."""

import pytest

from cvm_core import pains
from cvm_core.errors import BudgetExceeded


def pain(id_: int, customer: int = 1, severity: int = 3, frequency: int = 3, **more) -> dict:
    return {"id": id_, "customer_id": customer, "text": f"p{id_}", "severity": severity, "frequency": frequency} | {
        "hidden": False,
        "author_id": None,
        **more,
    }


def vote(pain_id: int, participant: int, dots: int, id_: int | None = None) -> dict:
    return {"id": id_ or pain_id * 100 + participant, "pain_id": pain_id, "participant_id": participant, "dots": dots}


def test_ranking_is_by_dots_then_severity_times_frequency_then_age() -> None:
    rows = [pain(1, severity=5, frequency=5), pain(2, severity=1, frequency=2), pain(3, severity=2, frequency=1)]
    votes = [vote(2, 7, 2), vote(3, 8, 2), vote(1, 9, 1)]
    ranked = pains.ranking(rows, votes)
    assert [r.id for r in ranked] == [2, 3, 1]  # 2 and 3 tie on dots (2) and on weight (2): older first
    assert [r.rank for r in ranked] == [1, 2, 3]
    assert (ranked[2].dots, ranked[2].weight) == (1, 25)
    assert [r.id for r in pains.ranking(rows, [])] == [1, 2, 3]


def test_hidden_pains_are_out_of_the_ranking() -> None:
    rows = [pain(1), pain(2, hidden=True, author_id=5)]
    assert [r.id for r in pains.ranking(rows, [])] == [1]
    assert pains.hidden_count(rows) == 1


def test_top_pains_are_the_first_three_voted_per_customer() -> None:
    rows = [pain(i, customer=1 if i <= 5 else 2) for i in range(1, 8)]
    votes = [vote(1, 1, 1), vote(2, 1, 3), vote(3, 2, 2), vote(4, 2, 1), vote(5, 3, 5)]
    top = pains.top_pains(rows, votes)
    assert [r.id for r in top[1]] == [5, 2, 3]
    assert 2 not in top  # customer 2 got no dots: no top pains


def test_spent_leaves_out_the_vote_being_changed() -> None:
    votes = [vote(1, 7, 2, id_=10), vote(2, 7, 3, id_=11), vote(3, 8, 4, id_=12)]
    assert pains.spent(votes, 7) == 5
    assert pains.spent(votes, 7, except_vote=11) == 2
    assert pains.spent(votes, 9) == 0


@pytest.mark.parametrize(("already", "dots", "ok"), [(0, 5, True), (4, 1, True), (4, 2, False), (5, 1, False)])
def test_the_budget_is_never_exceeded(already: int, dots: int, ok: bool) -> None:
    if ok:
        pains.check_budget(already, dots, 5)
        return
    with pytest.raises(BudgetExceeded) as caught:
        pains.check_budget(already, dots, 5)
    assert caught.value.key == "errors.vote_budget"
    assert caught.value.params == {"budget": 5, "left": max(5 - already, 0)}


def test_board_shows_voters_only_for_named_voting() -> None:
    rows = [pain(1), pain(2)]
    votes = [vote(1, 7, 2), vote(1, 8, 1), vote(2, 7, 1)]
    ranked = pains.ranking(rows, votes)
    named = pains.board(ranked, votes, me=7, names={7: "Ann", 8: "Bob"}, anonymous=False)
    assert [(r["id"], r["dots"], r["mine"], r["voters"]) for r in named] == [
        (1, 3, 2, "Ann (2), Bob (1)"),
        (2, 1, 1, "Ann (1)"),
    ]
    anonymous = pains.board(ranked, votes, me=8, names={7: "Ann", 8: "Bob"}, anonymous=True)
    assert [(r["mine"], r["voters"]) for r in anonymous] == [(1, ""), (0, "")]


def snapshot(**rows) -> dict:
    base = {"workshop": [{"voting_open": False}], "customer": [{"id": 1, "name": "Shops"}, {"id": 2, "name": "Cafés"}]}
    return base | rows


def test_completion_needs_voted_pains_for_each_customer_and_closed_voting() -> None:
    empty = pains.completion({"customer": []})
    assert not empty.done and empty.missing[0].key == "step2.missing.no_customers"
    result = pains.completion(snapshot(pain=[pain(1, customer=1)], vote=[]))
    assert [(m.key, m.params) for m in result.missing] == [
        ("step2.missing.no_votes", {"customer": "Shops"}),
        ("step2.missing.no_pains", {"customer": "Cafés"}),
    ]
    assert (result.done_count, result.total) == (1, 3)  # only "voting closed" is done
    both = [pain(1, customer=1), pain(2, customer=2)]
    votes = [vote(1, 7, 1), vote(2, 7, 1)]
    assert pains.completion(snapshot(pain=both, vote=votes)).done
    still_open = pains.completion(snapshot(pain=both, vote=votes, workshop=[{"voting_open": True}]))
    assert [m.key for m in still_open.missing] == ["step2.missing.voting_open"]
    assert (still_open.done_count, still_open.total) == (2, 3)


def test_completion_waits_for_hidden_pains_to_be_revealed() -> None:
    rows = [pain(1, customer=1), pain(2, customer=2), pain(3, customer=2, hidden=True, author_id=7)]
    result = pains.completion(snapshot(pain=rows, vote=[vote(1, 7, 1), vote(2, 7, 1)]))
    assert [(m.key, m.params) for m in result.missing] == [("step2.missing.hidden", {"count": 1})]
