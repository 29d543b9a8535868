"""Step 6: the promise tree. Every customer promise stands on the internal promises that support it, and
those on the internal promises that support them in turn.

A support link goes from an internal promise (the child) up to the promise it helps keep (the parent):
a customer promise or another internal promise. The tree may never cycle: a promise never supports
itself, directly or through others. Departments may serve each other both ways; that is a property of
the department network, not of the promise tree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cvm_core import health as h
from cvm_core.completion import Completion, Missing, Snapshot
from cvm_core.rows import Row

PROMISE, INTERNAL = "promise", "internal"
# From worst to best: the health a subtree shows is the worst found in it.
SEVERITY = {h.BROKEN: 0, h.AT_RISK: 1, h.NO_DATA: 2, h.MET: 3}
HEALTH_ICON = {h.MET: "🟢", h.AT_RISK: "🟡", h.BROKEN: "🔴", h.NO_DATA: "⚪"}
LIVE_STATUSES = ("draft", "proposed", "negotiating", "agreed")  # a rejected promise is no promise


@dataclass
class Node:
    """One promise in a tree, with the internal promises that support it."""

    kind: str  # PROMISE (a customer promise) or INTERNAL
    row: Row
    health: str
    children: list[Node] = field(default_factory=list)
    repeated: bool = False  # already shown higher on this path (only possible with a cycle in bad data)

    @property
    def id(self) -> int:
        return self.row["id"]

    @property
    def worst(self) -> str:
        """The worst health in this subtree (broken < at risk < no data < met)."""
        found = [self.health, *(c.worst for c in self.children)]
        return min(found, key=SEVERITY.__getitem__)

    @property
    def backed(self) -> bool:
        return bool(self.children)

    def walk(self, depth: int = 0) -> Iterable[tuple[int, Node]]:
        """This node and everything under it, depth first, with the depth of each."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


def live_promises(promises: Iterable[Row]) -> list[Row]:
    """Customer promises that are still in force or being negotiated (not rejected)."""
    return [p for p in promises if (p.get("status") or "draft") in LIVE_STATUSES]


def supports_by_parent(supports: Iterable[Row], internal_ids: set[int]) -> tuple[dict, dict]:
    """(customer promise id → [internal ids], internal id → [internal ids]) for links between live rows."""
    under_promise: dict[int, list[int]] = defaultdict(list)
    under_internal: dict[int, list[int]] = defaultdict(list)
    for link in supports:
        child = link["internal_promise_id"]
        if child not in internal_ids:
            continue
        if link.get("parent_promise_id") is not None:
            under_promise[link["parent_promise_id"]].append(child)
        elif link.get("parent_internal_id") in internal_ids:
            under_internal[link["parent_internal_id"]].append(child)
    return under_promise, under_internal


def forest(promises: Iterable[Row], internals: Iterable[Row], supports: Iterable[Row]) -> list[Node]:
    """One tree per live customer promise, in the order given; children in id order."""
    by_id = {r["id"]: r for r in internals}
    under_promise, under_internal = supports_by_parent(supports, set(by_id))

    def grow(internal_id: int, path: frozenset[int]) -> Node:
        row = by_id[internal_id]
        if internal_id in path:
            return Node(INTERNAL, row, h.of(row), repeated=True)
        below = sorted(set(under_internal.get(internal_id, ())))
        return Node(INTERNAL, row, h.of(row), [grow(c, path | {internal_id}) for c in below])

    return [
        Node(PROMISE, p, h.of(p), [grow(c, frozenset()) for c in sorted(set(under_promise.get(p["id"], ())))])
        for p in live_promises(promises)
    ]


def forest_of(data: Snapshot) -> list[Node]:
    """The promise trees of a workshop snapshot."""
    return forest(data.get("promise", []), data.get("internal_promise", []), data.get("promise_support", []))


def unbacked(trees: Iterable[Node]) -> list[Row]:
    """Customer promises with no internal promise under them."""
    return [n.row for n in trees if not n.backed]


def unused(internals: Iterable[Row], supports: Iterable[Row]) -> list[Row]:
    """Internal promises that support nothing (no live parent)."""
    rows = list(internals)
    ids = {r["id"] for r in rows}
    used = {
        s["internal_promise_id"]
        for s in supports
        if s.get("parent_promise_id") is not None or s.get("parent_internal_id") in ids
    }
    return [r for r in rows if r["id"] not in used]


def parents_map(links: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    """child → the internal promises it supports, from (child, parent) pairs."""
    out: dict[int, set[int]] = defaultdict(set)
    for child, parent in links:
        out[child].add(parent)
    return out


def reaches(parents: Mapping[int, Iterable[int]], start: int, target: int) -> bool:
    """Whether walking up the support links from `start` arrives at `target` (or start is target)."""
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        if node == target:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(parents.get(node, ()))
    return False


def would_cycle(links: Iterable[tuple[int, int]], child: int, parent: int) -> bool:
    """Whether adding "child supports parent" to the (child, parent) links of internal promises closes a
    cycle: it does when the child can already be reached by walking up from the parent."""
    return reaches(parents_map(links), parent, child)


def find_cycle(links: Iterable[tuple[int, int]]) -> list[int] | None:
    """A cycle among (child, parent) links as the list of its promise ids, or None when there is none."""
    parents = parents_map(links)
    state: dict[int, int] = {}  # 1 = on the current path, 2 = finished
    for root in list(parents):
        if state.get(root):
            continue
        path, stack = [], [(root, iter(sorted(parents.get(root, ()))))]
        state[root] = 1
        path.append(root)
        while stack:
            node, pending = stack[-1]
            nxt = next(pending, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt) :]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(sorted(parents.get(nxt, ())))))
    return None


def tree_lines(trees: Iterable[Node]) -> list[tuple[int, Node]]:
    """Every node of every tree with its depth, in display order."""
    return [pair for tree in trees for pair in tree.walk()]


def completion(data: Snapshot, trees: list[Node] | None = None) -> Completion:
    """Step 6: every customer promise (not rejected) is backed by at least one internal promise (`trees`:
    the snapshot's forest, when already grown)."""
    trees = forest_of(data) if trees is None else trees
    if not trees:
        return Completion(0, 1, (Missing("step6.missing.no_promises"),))
    missing = tuple(Missing("step6.missing.unbacked", {"promise": row["text"]}) for row in unbacked(trees))
    return Completion(len(trees) - len(missing), len(trees), missing)
