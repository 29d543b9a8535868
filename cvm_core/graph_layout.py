"""Where to draw each node: suppliers on the left, their clients to the right, customers last.

A layered layout: the few edges that close a loop are set aside (Eades–Lin–Smyth ordering), every other
edge points right, and departments are taken in the order of their longest chain of suppliers and dealt
into about √n columns of even height, so that a long chain does not become a thin line across the
screen. The order inside a column follows the neighbours (barycentre sweeps) so that edges cross less.
The interactive graph and the static SVG use the same positions, so both look alike.
"""

from __future__ import annotations

import heapq
import math
from collections import deque

COLUMN_GAP, ROW_GAP, SUB_COLUMN_GAP = 230.0, 115.0, 70.0
COLUMN_MAX = 16  # more nodes than this in a column: spread over sub-columns
COLUMNS_PER_ROOT_N = 0.9  # about 0.9·√n columns of departments keep the drawing wider than tall
SWEEPS = 3


def layered(inner: list[str], last: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """x, y of every node: `inner` nodes in columns by the edges, `last` nodes in a final column."""
    rank = _ordering(inner, edges)
    depth = _levels(inner, rank, edges)
    count = max(1, math.ceil(COLUMNS_PER_ROOT_N * math.sqrt(len(inner))))
    chain = sorted(inner, key=lambda n: (depth[n], rank[n]))
    level = {n: k * count // len(chain) for k, n in enumerate(chain)}
    final = (max(level.values()) + 1) if level else 0
    level.update(dict.fromkeys(last, final))
    columns: dict[int, list[str]] = {}
    for n in [*sorted(inner, key=rank.__getitem__), *last]:
        columns.setdefault(level[n], []).append(n)
    _sweep(columns, level, edges)
    return _coordinates(columns)


def _ordering(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """A left-to-right order with few edges pointing back (greedy Eades–Lin–Smyth): sinks go to the
    right end, sources to the left, and when neither is left the node with most more edges out than in."""
    known = set(nodes)
    outs: dict[str, set[str]] = {n: set() for n in nodes}
    ins: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        if a in known and b in known and a != b:
            outs[a].add(b)
            ins[b].add(a)
    first = {n: k for k, n in enumerate(nodes)}
    left: list[str] = []
    right: list[str] = []
    remaining = set(nodes)
    sinks = deque(n for n in nodes if not outs[n])
    sources = deque(n for n in nodes if not ins[n] and outs[n])
    heap = [(len(ins[n]) - len(outs[n]), first[n], n) for n in nodes]
    heapq.heapify(heap)

    def remove(n: str) -> None:
        remaining.discard(n)
        for u in ins[n]:
            outs[u].discard(n)
            if not outs[u]:
                sinks.append(u)
            heapq.heappush(heap, (len(ins[u]) - len(outs[u]), first[u], u))
        for w in outs[n]:
            ins[w].discard(n)
            if not ins[w]:
                sources.append(w)
            heapq.heappush(heap, (len(ins[w]) - len(outs[w]), first[w], w))

    while remaining:
        if sinks:
            n = sinks.popleft()
            if n in remaining:
                remove(n)
                right.append(n)
        elif sources:
            n = sources.popleft()
            if n in remaining:
                remove(n)
                left.append(n)
        else:
            score, _, n = heapq.heappop(heap)
            if n in remaining and score == len(ins[n]) - len(outs[n]):  # else a stale entry
                remove(n)
                left.append(n)
    return {n: k for k, n in enumerate([*left, *reversed(right)])}


def _levels(nodes: list[str], rank: dict[str, int], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Each node one column right of its furthest predecessor along the forward edges."""
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        if a in rank and b in rank and rank[a] < rank[b]:
            preds[b].append(a)
    level: dict[str, int] = {}
    for n in sorted(nodes, key=rank.__getitem__):
        level[n] = max((level[p] + 1 for p in preds[n]), default=0)
    return level


def _sweep(columns: dict[int, list[str]], level: dict[str, int], edges: list[tuple[str, str]]) -> None:
    """Reorder each column by the mean place of its neighbours in the columns before (then after) it."""
    near: dict[str, list[str]] = {n: [] for n in level}
    for a, b in edges:
        if a in level and b in level and level[a] != level[b]:
            near[a].append(b)
            near[b].append(a)
    place = {n: k - (len(col) - 1) / 2 for col in columns.values() for k, n in enumerate(col)}
    order = sorted(columns)
    for _ in range(SWEEPS):
        for backwards in (False, True):
            for lv in reversed(order) if backwards else order:
                col = columns[lv]

                def key(n: str, lv: int = lv, backwards: bool = backwards) -> float:
                    side = [place[m] for m in near[n] if (level[m] > lv if backwards else level[m] < lv)]
                    return sum(side) / len(side) if side else place[n]

                col.sort(key=key)
                for k, n in enumerate(col):
                    place[n] = k - (len(col) - 1) / 2


def _coordinates(columns: dict[int, list[str]]) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    x = 0.0
    for lv in sorted(columns):
        col = columns[lv]
        subs = max(1, math.ceil(len(col) / COLUMN_MAX))
        rows = math.ceil(len(col) / subs)
        for k, n in enumerate(col):
            sub, row = k % subs, k // subs
            y = (row - (rows - 1) / 2) * ROW_GAP + (sub - (subs - 1) / 2) * ROW_GAP / subs / 2
            out[n] = (x + sub * SUB_COLUMN_GAP, y)
        x += COLUMN_GAP + (subs - 1) * SUB_COLUMN_GAP
    return out


def bends(edges: list[tuple[str, str, str]], positions: dict[str, tuple[float, float]]) -> dict[str, float]:
    """How much each edge curves: parallel edges fan out, opposite edges bend apart, and edges inside
    one column bow out so they do not run through the nodes between their ends."""
    seen: dict[tuple[str, str], int] = {}
    out = {}
    for eid, a, b in edges:
        k = seen.get((a, b), 0)
        seen[(a, b)] = k + 1
        (xa, ya), (xb, yb) = positions[a], positions[b]
        base = 0.45 if abs(xa - xb) < SUB_COLUMN_GAP and abs(ya - yb) > ROW_GAP * 1.5 else 0.12
        out[eid] = round(base + 0.13 * k, 3)
    return out
