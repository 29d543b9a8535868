"""Merging pains in pure Python: the plan, and (with hypothesis) that no budget is exceeded, no dot is lost but
the documented overlap, links are united and undo restores exactly."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cvm_core import merge
from cvm_core.errors import BudgetExceeded, ValidationError


def pain(id_: int, customer: int = 1, **more) -> dict:
    return {"id": id_, "customer_id": customer, "text": f"pain {id_}", "severity": 3, "frequency": 3} | {
        "hidden": False,
        "author_id": None,
        **more,
    }


def vote(pain_id: int, who: int, dots: int) -> dict:
    return {"id": pain_id * 100 + who, "pain_id": pain_id, "participant_id": who, "dots": dots}


def board(pains: list[dict], votes: list[dict], links: list[tuple[int, int]]) -> merge.Board:
    return merge.Board(
        {p["id"]: p for p in pains},
        {(v["pain_id"], v["participant_id"]): v["dots"] for v in votes},
        frozenset(links),
    )


def test_a_person_on_both_pains_keeps_the_larger_share() -> None:
    pains = [pain(1, severity=2, author_id=7), pain(2, frequency=5, author_id=8)]
    votes = [vote(1, 10, 2), vote(2, 10, 3), vote(2, 11, 1)]
    links = [{"factor_id": 40, "pain_id": 1}, {"factor_id": 41, "pain_id": 2}, {"factor_id": 40, "pain_id": 2}]
    plan = merge.plan(pains, votes, links, ids=[1, 2], text="PAIN 2")
    assert plan.votes == {10: 3, 11: 1} and plan.lost == {10: 2}
    assert plan.factors == (40, 41)
    assert (plan.severity, plan.frequency, plan.author_id) == (3, 5, 8)  # highest of each; the kept text's author
    assert merge.plan(pains, votes, [], ids=[1, 2], text="Something new").author_id == 7


@pytest.mark.parametrize(
    ("pains", "ids", "key"),
    [
        ([pain(1), pain(2)], [1], "merge.err.count"),
        ([pain(1), pain(2)], [1, 1], "merge.err.count"),
        ([pain(1)], [1, 2], "merge.err.gone"),
        ([pain(1), pain(2, customer=2)], [1, 2], "merge.err.customers"),
        ([pain(1), pain(2, hidden=True)], [1, 2], "merge.err.hidden"),
        ([pain(i) for i in range(1, 13)], list(range(1, 13)), "merge.err.count"),
    ],
)
def test_what_cannot_be_merged_is_refused(pains, ids, key) -> None:
    with pytest.raises(ValidationError) as caught:
        merge.plan(pains, [], [], ids=ids, text="x")
    assert caught.value.errors[0].key == key


@st.composite
def boards(draw):
    """A customer's pains (and another customer's), people each within the budget, factor links, and a
    choice of two or more of the first customer's pains to merge."""
    budget = draw(st.integers(1, 8))
    count = draw(st.integers(2, 6))
    pains = [pain(i) for i in range(1, count + 1)] + [pain(50, customer=2)]
    votes = []
    for who in range(100, 100 + draw(st.integers(0, 5))):
        left = budget
        for p in pains:
            dots = draw(st.integers(0, left))
            if dots:
                votes.append(vote(p["id"], who, dots))
                left -= dots
    links = draw(st.sets(st.tuples(st.integers(1, 4), st.sampled_from([p["id"] for p in pains]))))
    ids = draw(st.lists(st.integers(1, count), min_size=2, max_size=count, unique=True))
    return budget, pains, votes, sorted(links), ids


@given(boards())
def test_merging_never_exceeds_a_budget_and_loses_only_the_overlap(case) -> None:
    budget, pains, votes, links, ids = case
    before = board(pains, votes, links)
    plan = merge.plan(pains, votes, [{"factor_id": f, "pain_id": p} for f, p in links], ids=ids, text="merged")
    after = merge.apply(before, ids, plan, new_id=999)
    people = {v["participant_id"] for v in votes}
    for who in people:
        assert after.spent(who) <= budget
        assert after.spent(who) == before.spent(who) - plan.lost.get(who, 0)
        on_merged = [v["dots"] for v in votes if v["participant_id"] == who and v["pain_id"] in ids]
        assert after.votes.get((999, who), 0) == max(on_merged, default=0)
    assert sum(after.votes.values()) == sum(before.votes.values()) - sum(plan.lost.values())
    assert {f for f, p in after.links if p == 999} == {f for f, p in links if p in ids}
    assert set(after.pains) == (set(before.pains) - set(ids)) | {999}


@given(boards())
def test_undo_restores_exactly(case) -> None:
    budget, pains, votes, links, ids = case
    before = board(pains, votes, links)
    plan = merge.plan(pains, votes, [{"factor_id": f, "pain_id": p} for f, p in links], ids=ids, text="merged")
    restored = merge.undo(merge.apply(before, ids, plan, new_id=999), ids, 999, budget)
    assert restored.live() == before.live()


def test_undo_is_refused_when_freed_dots_were_spent_meanwhile() -> None:
    pains = [pain(1), pain(2), pain(3)]
    before = board(pains, [vote(1, 10, 2), vote(2, 10, 2)], [])
    plan = merge.plan(pains, [vote(1, 10, 2), vote(2, 10, 2)], [], ids=[1, 2], text="merged")
    after = merge.apply(before, [1, 2], plan, new_id=9)
    spent = merge.Board(after.pains, {**after.votes, (3, 10): 3}, after.links, after.binned)  # 2 + 3 of 5
    with pytest.raises(BudgetExceeded) as caught:
        merge.undo(spent, [1, 2], 9, budget=5)
    assert caught.value.key == "merge.err.undo_budget" and caught.value.params["total"] == 7


def test_similar_texts_are_offered_for_merging() -> None:
    pains = [
        pain(1, text="Deliveries arrive late"),
        pain(2, text="deliveries  arrive late!"),
        pain(3, text="Prices change without notice"),
        pain(4, customer=2, text="Deliveries arrive late"),
    ]
    assert merge.similar(pains) == [(1, 2)]
