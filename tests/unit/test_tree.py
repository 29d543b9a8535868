"""The promise tree: trees under customer promises, backing, health, and cycles never accepted."""

from hypothesis import given
from hypothesis import strategies as st

from cvm_core import tree


def internal(i: int, target: float = 95, current: float | None = 96) -> dict:
    return {
        "id": i,
        "text": f"I{i}",
        "supplier_department_id": 1,
        "client_department_id": 2,
        "metric_direction": "higher",
        "metric_target": target,
        "metric_current": current,
    }


def promise(i: int, status: str = "agreed") -> dict:
    return {"id": i, "text": f"P{i}", "customer_id": 1, "status": status, "metric_target": 1, "metric_current": 1}


def up(child: int, parent_promise: int | None = None, parent_internal: int | None = None) -> dict:
    return {"internal_promise_id": child, "parent_promise_id": parent_promise, "parent_internal_id": parent_internal}


def test_trees_nest_internal_promises_under_customer_promises() -> None:
    trees = tree.forest(
        [promise(1), promise(2), promise(3, "rejected")],
        [internal(10), internal(11, current=50), internal(12)],
        [up(10, parent_promise=1), up(11, parent_internal=10), up(12, parent_promise=1)],
    )
    assert [n.id for n in trees] == [1, 2]  # the rejected promise is no promise
    first = trees[0]
    assert [c.id for c in first.children] == [10, 12]
    assert [c.id for c in first.children[0].children] == [11]
    assert [(d, n.id) for d, n in first.walk()] == [(0, 1), (1, 10), (2, 11), (1, 12)]
    assert first.health == "met" and first.worst == "broken"
    assert [p["id"] for p in tree.unbacked(trees)] == [2]


def test_links_to_deleted_rows_are_ignored_and_unused_internal_promises_are_found() -> None:
    trees = tree.forest([promise(1)], [internal(10)], [up(99, parent_promise=1), up(10, parent_internal=77)])
    assert not trees[0].backed
    assert [r["id"] for r in tree.unused([internal(10), internal(11)], [up(10, parent_promise=1)])] == [11]


def test_completion_counts_backed_customer_promises() -> None:
    data = {"promise": [promise(1), promise(2)], "internal_promise": [internal(10)], "promise_support": [up(10, 1)]}
    result = tree.completion(data)
    assert (result.done_count, result.total) == (1, 2)
    assert result.missing[0].key == "step6.missing.unbacked" and result.missing[0].params == {"promise": "P2"}
    data["promise_support"].append(up(10, 2))
    assert tree.completion(data).done
    empty = tree.completion({})
    assert not empty.done and empty.missing[0].key == "step6.missing.no_promises"


def test_direct_and_indirect_cycles_are_detected() -> None:
    links = [(1, 2), (2, 3)]  # 1 supports 2, 2 supports 3
    assert tree.would_cycle(links, 3, 1)  # 3 supports 1 would close 1 → 2 → 3 → 1
    assert tree.would_cycle(links, 2, 2)
    assert not tree.would_cycle(links, 1, 3)  # a second path up is fine
    assert tree.find_cycle(links) is None
    assert sorted(tree.find_cycle([*links, (3, 1)])) == [1, 2, 3]


def test_a_cycle_in_bad_data_does_not_hang_the_tree() -> None:
    trees = tree.forest(
        [promise(1)], [internal(10), internal(11)], [up(10, 1), up(11, parent_internal=10), up(10, parent_internal=11)]
    )
    lines = tree.tree_lines(trees)
    assert [n.id for _, n in lines] == [1, 10, 11, 10]
    assert lines[-1][1].repeated


pairs = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40)


@given(pairs)
def test_links_accepted_one_by_one_never_form_a_cycle(candidates: list[tuple[int, int]]) -> None:
    accepted: list[tuple[int, int]] = []
    for child, parent in candidates:
        if not tree.would_cycle(accepted, child, parent):
            accepted.append((child, parent))
    assert tree.find_cycle(accepted) is None


@given(pairs, st.integers(0, 12), st.integers(0, 12))
def test_would_cycle_agrees_with_find_cycle(candidates: list[tuple[int, int]], child: int, parent: int) -> None:
    acyclic = []
    for c, p in candidates:
        if not tree.would_cycle(acyclic, c, p):
            acyclic.append((c, p))
    assert tree.would_cycle(acyclic, child, parent) == (tree.find_cycle([*acyclic, (child, parent)]) is not None)
