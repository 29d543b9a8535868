"""The golden thread: from a customer's pain to a team's bonus, and the gaps where the chain breaks.

Every artefact of the method is linked: a customer has pains (step 2); a value factor answers some of them
(step 3); a promise delivers a factor (step 5); internal promises support the promise and each other, each
supplied by a team (step 6); the team's profit (step 7) pays its bonus pool (step 8). `thread(web, start)`
follows those links from one pain, factor, promise or internal promise up to the customers and down to the
supplier teams, with each team's profit and pool at the end. `Web.gaps` lists, for the whole workshop,
where the chain breaks, ranked by the customer value each gap leaves uncovered (a segment's value is its
customer value × its size, step 1):

| gap          | where                                          | customer value it leaves uncovered           |
|--------------|------------------------------------------------|----------------------------------------------|
| top_pain     | a top pain that no value factor answers        | its share of the dots of the segment's top   |
|              |                                                | pains × the segment's value                  |
| factor       | a value factor that no live promise delivers   | its share of the segment's factor weights ×  |
|              |                                                | the segment's value                          |
| unbacked     | an agreed promise with no internal promise     | its share of the segment's revenue (cvm_core |
|              | under it                                       | .risk) × the segment's value                 |
| no_metric    | an internal promise without a metric           | the same, summed over the customer promises  |
|              |                                                | it supports                                  |
| no_economics | a team without numbers for the period          | the same, over the promises it owns or       |
|              |                                                | supplies                                     |

Node ids are ours, never user text: c (customer), n (pain), f (factor), p (promise), i (internal promise),
d (team), x (a gap drawn where the chain stops).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from cvm_core import economics as econ
from cvm_core import fmt, pains, promises, risk
from cvm_core import graph as g
from cvm_core import health as h
from cvm_core.i18n import t
from cvm_core.rows import Row, Snapshot

CUSTOMER, PAIN, FACTOR, PROMISE, INTERNAL, TEAM, GAP = (
    "customer",
    "pain",
    "factor",
    "promise",
    "internal",
    "team",
    "gap",
)
PREFIX = {CUSTOMER: "c", PAIN: "n", FACTOR: "f", PROMISE: "p", INTERNAL: "i", TEAM: "d", GAP: "x"}
KIND = {v: k for k, v in PREFIX.items()}
STARTS = (PAIN, FACTOR, PROMISE, INTERNAL)  # what a thread can be followed from
TOP_PAIN, NO_FACTOR_PROMISE, UNBACKED, NO_METRIC, NO_ECONOMICS = (
    "top_pain",
    "factor",
    "unbacked",
    "no_metric",
    "no_economics",
)
GAP_KINDS = (TOP_PAIN, NO_FACTOR_PROMISE, UNBACKED, NO_METRIC, NO_ECONOMICS)
COLUMN = {CUSTOMER: 0, PAIN: 1, FACTOR: 2, PROMISE: 3, INTERNAL: 4}  # internal promises: 4 and on, by depth
# Where a gap stops the chain, the kind of artefact missing there (the other gaps mark the node itself).
MISSING = {TOP_PAIN: FACTOR, NO_FACTOR_PROMISE: PROMISE, UNBACKED: INTERNAL}
TESTED = (("pain_id", PAIN), ("factor_id", FACTOR), ("promise_id", PROMISE))  # experiment field -> artefact

PAIN_COLOUR, FACTOR_COLOUR, GAP_COLOUR = "#b07aa1", "#76b7b2", "#f4f5f7"
COLUMN_GAP, ROW_GAP = 165.0, 70.0
TEAM_SHIFT = 60.0  # team boxes sit a little further right: their labels are wider
LABEL = 20  # characters of a label on the graph (the tip has the whole text)


def node_id(kind: str, ref: int) -> str:
    return f"{PREFIX[kind]}{ref}"


def kind_of(nid: str) -> str | None:
    return KIND.get(nid[:1])


def ref_of(nid: str) -> int:
    return int(nid[1:])


@dataclass(frozen=True)
class Gap:
    """A place where the chain breaks: on which artefact, for which customers, worth how much."""

    kind: str
    node: str  # the artefact's node id (n, f, p, i or d)
    label: str  # the artefact's text or name (user text: show it as text)
    customers: tuple[int, ...]
    value: float  # customer value it leaves uncovered


@dataclass(frozen=True)
class End:
    """A team at the end of a thread: its profit for the period and its bonus pool under its chosen variant."""

    department_id: int
    name: str
    profit: float | None  # None: no numbers for the period
    pool: float | None  # None: no plan, or the pool cannot be computed
    variant: int | None
    verdict: str


@dataclass(frozen=True)
class Thread:
    """One artefact's chain: its nodes (customers, pains, factors, promises, internal promises from the top
    down, teams, gap boxes), the links between them, the gaps and the teams on it."""

    start: str
    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    placeholders: dict[str, str]  # gap node id -> the gap kind it shows
    gaps: tuple[Gap, ...]
    teams: tuple[End, ...]
    experiments: tuple[int, ...]  # experiments whose test card names an artefact on the thread
    failing: tuple[str, ...]  # the promises whose failure this thread's money at risk is about

    def has(self, nid: str) -> bool:
        return nid in self.nodes


@dataclass
class Web:
    """Everything a thread needs, indexed once per snapshot: rows by node id, the links both ways, the gaps,
    each team's end figures, and the money-at-risk model."""

    lang: str
    net: g.Network
    model: risk.Model
    rows: dict[str, Row] = field(default_factory=dict)  # node id -> row (customers, artefacts, teams)
    customer: dict[str, int] = field(default_factory=dict)  # artefact -> its customer id
    factors_of: dict[str, list[str]] = field(default_factory=dict)  # pain -> factors answering it
    pains_of: dict[str, list[str]] = field(default_factory=dict)  # factor -> pains it answers
    delivered_by: dict[str, list[str]] = field(default_factory=dict)  # factor -> live promises delivering it
    below: dict[str, list[str]] = field(default_factory=dict)  # promise -> internal promises supporting it
    above: dict[str, list[str]] = field(default_factory=dict)  # internal promise -> what it supports
    top: frozenset[str] = frozenset()  # the top pains
    dots: dict[str, int] = field(default_factory=dict)  # pain -> its dots
    ends: dict[int, End] = field(default_factory=dict)
    tested: dict[str, list[Row]] = field(default_factory=dict)  # artefact -> experiments naming it
    experiments: dict[int, Row] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)  # the whole workshop's, most customer value first
    gaps_at: dict[str, list[Gap]] = field(default_factory=dict)

    def label(self, nid: str) -> str:
        row = self.rows.get(nid) or {}
        return str(row.get("name") or row.get("text") or "")

    def artefacts(self) -> list[str]:
        """Every pain, factor, promise and internal promise a thread can start from, in the method's order."""
        order = {k: n for n, k in enumerate(STARTS)}
        found = [nid for nid in self.rows if kind_of(nid) in order]
        return sorted(found, key=lambda nid: (order[kind_of(nid) or ""], ref_of(nid)))


# --- building the index -----------------------------------------------------------------------------------------


def web(data: Snapshot, lang: str = "en", period: str | None = None, net: g.Network | None = None) -> Web:
    """The index of a workshop snapshot (rows the reader may see) for threads and gaps."""
    net = net or g.network(data, lang)
    w = Web(lang, net, risk.model(data, net, period))
    customers = {c["id"]: c for c in data.get("customer", [])}
    w.rows.update({node_id(CUSTOMER, c): row for c, row in customers.items()})
    w.rows.update({node_id(TEAM, d["id"]): d for d in data.get("department", [])})
    seen = [p for p in data.get("pain", []) if not p.get("hidden") and p["customer_id"] in customers]
    _add(w, PAIN, seen)
    _add(w, FACTOR, [f for f in data.get("value_factor", []) if f["customer_id"] in customers])
    _add(w, PROMISE, [net.rows[p] for p in net.order if p[0] == "p"])
    for pid in net.order:
        if pid[0] == "i":
            w.rows[pid] = net.rows[pid]
    _links(w, data)
    votes = data.get("vote", [])
    w.top = frozenset(node_id(PAIN, r.id) for top in pains.top_pains(seen, votes).values() for r in top)
    w.dots = {node_id(PAIN, n): d for n, d in pains.dots_by_pain(votes).items()}
    _ends(w, data)
    _experiments(w, data)
    w.gaps = _gaps(w, data)
    for gap in w.gaps:
        w.gaps_at.setdefault(gap.node, []).append(gap)
    return w


def _add(w: Web, kind: str, rows: Iterable[Row]) -> None:
    for row in rows:
        nid = node_id(kind, row["id"])
        w.rows[nid] = row
        w.customer[nid] = row["customer_id"]


def _links(w: Web, data: Snapshot) -> None:
    factors, pains_of, factors_of = defaultdict(list), defaultdict(list), defaultdict(list)
    for link in data.get("factor_pain", []):
        f, n = node_id(FACTOR, link["factor_id"]), node_id(PAIN, link["pain_id"])
        if f in w.rows and n in w.rows and w.customer[f] == w.customer[n]:
            pains_of[f].append(n)
            factors_of[n].append(f)
    for pid in w.net.order:
        if pid[0] == "p":
            f = node_id(FACTOR, w.rows[pid]["factor_id"]) if w.rows[pid].get("factor_id") is not None else None
            if f in w.rows and w.customer[f] == w.customer[pid]:
                factors[f].append(pid)
    w.pains_of, w.factors_of, w.delivered_by = dict(pains_of), dict(factors_of), dict(factors)
    above = defaultdict(list)
    for parent, children in w.net.below.items():
        for child in children:
            above[child].append(parent)
    w.below, w.above = w.net.below, dict(above)


def _ends(w: Web, data: Snapshot) -> None:
    m = w.model
    for d in data.get("department", []):
        team, plan = m.teams.get(d["id"]), m.plans.get(d["id"])
        variant = plan.get("variant") if plan else None
        verdict = team.verdict if team else econ.INCOMPLETE
        end = End(d["id"], str(d.get("name") or ""), m.profits.get(d["id"]), m.pools.get(d["id"]), variant, verdict)
        w.ends[d["id"]] = end


def _experiments(w: Web, data: Snapshot) -> None:
    for e in data.get("experiment", []):
        w.experiments[e["id"]] = e
        for field_name, kind in TESTED:
            if e.get(field_name) is not None:
                nid = node_id(kind, e[field_name])
                if nid in w.rows:
                    w.tested.setdefault(nid, []).append(e)


# --- the gaps ---------------------------------------------------------------------------------------------------


def _gaps(w: Web, data: Snapshot) -> list[Gap]:
    b = w.model.basis
    value = b.value
    worth = {pid: value.get(w.customer[pid], 0.0) * b.shares.get(ref_of(pid), 0.0) for pid in w.rows if pid[0] == "p"}
    found = _pain_gaps(w, value) + _factor_gaps(w, value)
    for pid in (p for p in w.net.order if p[0] == "p"):
        row = w.rows[pid]
        if row.get("status") == promises.AGREED and not w.below.get(pid):
            found.append(Gap(UNBACKED, pid, w.label(pid), (row["customer_id"],), worth[pid]))
    for pid in (p for p in w.net.order if p[0] == "i"):
        if not promises.has_metric(w.rows[pid]):
            found.append(_reach(w, NO_METRIC, pid, w.net.closure[w.net.bits[pid]], worth))
    found += _team_gaps(w, data, worth)
    order = {k: n for n, k in enumerate(GAP_KINDS)}
    return sorted(found, key=lambda gap: (-gap.value, order[gap.kind], gap.label.casefold(), gap.node))


def _pain_gaps(w: Web, value: dict[int, float]) -> list[Gap]:
    """Top pains no factor answers, each worth its share of its customer's top pains' dots."""
    by_customer: dict[int, list[str]] = defaultdict(list)
    for nid in sorted(w.top, key=ref_of):
        by_customer[w.customer[nid]].append(nid)
    out = []
    for customer, top in by_customer.items():
        whole = sum(w.dots.get(nid, 0) for nid in top)
        for nid in top:
            if not w.factors_of.get(nid):
                part = w.dots.get(nid, 0) / whole if whole else 1 / len(top)
                out.append(Gap(TOP_PAIN, nid, w.label(nid), (customer,), value.get(customer, 0.0) * part))
    return out


def _factor_gaps(w: Web, value: dict[int, float]) -> list[Gap]:
    weights: dict[int, float] = defaultdict(float)
    for nid, row in w.rows.items():
        if nid[0] == "f":
            weights[w.customer[nid]] += max(float(row.get("weight") or 1), 1.0)
    out = []
    for nid, row in w.rows.items():
        if nid[0] == "f" and not w.delivered_by.get(nid):
            customer = w.customer[nid]
            part = max(float(row.get("weight") or 1), 1.0) / weights[customer]
            out.append(Gap(NO_FACTOR_PROMISE, nid, w.label(nid), (customer,), value.get(customer, 0.0) * part))
    return out


def _reach(w: Web, kind: str, nid: str, mask: int, worth: dict[str, float]) -> Gap:
    """A gap whose value is that of the customer promises in `mask` (what rests on the artefact)."""
    above = g.ids(w.net, mask & w.net.external_mask)
    customers = tuple(sorted({w.customer[p] for p in above if p in w.customer}))
    return Gap(kind, nid, w.label(nid), customers, math.fsum(worth.get(p, 0.0) for p in above))


def _team_gaps(w: Web, data: Snapshot, worth: dict[str, float]) -> list[Gap]:
    """Teams that take part, supply an internal promise or own a customer promise, without numbers for the
    period."""
    period = w.model.basis.period
    numbers = {r["department_id"] for r in data.get("economics", []) if period and r.get("period") == period}
    involved = {d["id"] for d in data.get("department", []) if d.get("takes_part", True)}
    involved |= set(w.model.responsible.values())
    out = []
    for d in sorted(involved - numbers):
        nid = node_id(TEAM, d)
        if nid in w.rows:
            out.append(_reach(w, NO_ECONOMICS, nid, w.net.own_mask.get(nid, 0), worth))
    return out


# --- one thread -------------------------------------------------------------------------------------------------


def factor_of(w: Web, promise: str) -> str | None:
    """The value factor a live promise delivers (of the same customer), if any."""
    fid = w.rows[promise].get("factor_id")
    found = node_id(FACTOR, fid) if fid is not None else None
    return found if found is not None and promise in w.delivered_by.get(found, ()) else None


def _climb(w: Web, start: str) -> tuple[list[str], list[str]]:
    """(internal promises above `start`, the customer promises at the top) along the support links."""
    seen, todo, tops = {start}, [start], []
    ancestors = []
    while todo:
        for parent in w.above.get(todo.pop(), ()):
            if parent in seen:
                continue
            seen.add(parent)
            if parent[0] == "p":
                tops.append(parent)
            else:
                ancestors.append(parent)
                todo.append(parent)
    return ancestors, sorted(tops, key=ref_of)


def _descend(w: Web, roots: Iterable[str]) -> list[str]:
    """The internal promises under `roots`, each once, nearest first."""
    seen: dict[str, None] = {}
    todo = list(roots)
    while todo:
        nxt = []
        for parent in todo:
            for child in w.below.get(parent, ()):
                if child not in seen:
                    seen[child] = None
                    nxt.append(child)
        todo = nxt
    return list(seen)


def thread(w: Web, start: str) -> Thread | None:
    """The chain of one pain, factor, promise or internal promise (None for anything else)."""
    kind = kind_of(start)
    if kind not in STARTS or start not in w.rows:
        return None
    ancestors: list[str] = []
    if kind == PAIN:
        found_pains, factors = [start], list(w.factors_of.get(start, ()))
        tops = list(dict.fromkeys(p for f in factors for p in w.delivered_by.get(f, ())))
    elif kind == FACTOR:
        found_pains, factors, tops = list(w.pains_of.get(start, ())), [start], list(w.delivered_by.get(start, ()))
    else:
        if kind == PROMISE:
            tops = [start]
        else:
            ancestors, tops = _climb(w, start)
        factors = list(dict.fromkeys(f for f in (factor_of(w, p) for p in tops) if f))
        found_pains = list(dict.fromkeys(n for f in factors for n in w.pains_of.get(f, ())))
    internals = list(
        dict.fromkeys(
            [*ancestors, *([start] if kind == INTERNAL else []), *_descend(w, [start] if kind == INTERNAL else tops)]
        )
    )
    return _assemble(w, start, found_pains, factors, tops, internals, kind)


def _assemble(
    w: Web, start: str, found_pains: list[str], factors: list[str], tops: list[str], internals: list[str], kind: str
) -> Thread:
    edges: list[tuple[str, str]] = []
    placeholders: dict[str, str] = {}
    customers = list(dict.fromkeys(node_id(CUSTOMER, w.customer[n]) for n in [*found_pains, *factors, *tops]))
    pain_set, factor_set, inner = set(found_pains), set(factors), set(internals)
    for n in found_pains:
        edges.append((node_id(CUSTOMER, w.customer[n]), n))
    for f in factors:
        linked = [n for n in w.pains_of.get(f, ()) if n in pain_set]
        edges += [(n, f) for n in linked] or [(node_id(CUSTOMER, w.customer[f]), f)]
    for p in tops:
        f = factor_of(w, p)
        edges.append((f, p) if f in factor_set else (node_id(CUSTOMER, w.customer[p]), p))
    for parent in [*tops, *internals]:
        edges += [(parent, child) for child in w.below.get(parent, ()) if child in inner]
    teams = list(dict.fromkeys(node_id(TEAM, w.rows[i]["supplier_department_id"]) for i in internals))
    for i in internals:
        edges.append((i, node_id(TEAM, w.rows[i]["supplier_department_id"])))
    for p in tops:
        owner = w.rows[p].get("owner_department_id")
        if owner is not None and node_id(TEAM, owner) in w.rows:
            edges.append((p, node_id(TEAM, owner)))
            teams.append(node_id(TEAM, owner))
    teams = list(dict.fromkeys(teams))

    def hole(after: str, gap_kind: str) -> None:
        nid = f"x{len(placeholders) + 1}"
        placeholders[nid] = gap_kind
        edges.append((after, nid))

    for n in found_pains:
        if n in w.top and not w.factors_of.get(n):
            hole(n, TOP_PAIN)
    for f in factors:
        if not w.delivered_by.get(f):
            hole(f, NO_FACTOR_PROMISE)
    for p in tops:
        if w.rows[p].get("status") == promises.AGREED and not w.below.get(p):
            hole(p, UNBACKED)
    nodes = (*customers, *found_pains, *factors, *tops, *internals, *teams, *placeholders)
    on = [gap for nid in nodes for gap in w.gaps_at.get(nid, ())]
    experiments = sorted({e["id"] for nid in nodes for e in w.tested.get(nid, ())})
    ends = tuple(w.ends[ref_of(d)] for d in teams if ref_of(d) in w.ends)
    failing = (start,) if kind in (PROMISE, INTERNAL) else tuple(tops)
    return Thread(start, nodes, tuple(edges), placeholders, tuple(on), ends, tuple(experiments), failing)


def columns(w: Web, th: Thread) -> dict[str, int]:
    """Left to right: customers, pains, factors, promises, internal promises by depth, teams."""
    column = {nid: COLUMN[kind_of(nid) or ""] for nid in th.nodes if kind_of(nid) in (CUSTOMER, PAIN, FACTOR, PROMISE)}
    internals = [nid for nid in th.nodes if nid[0] == "i"]
    depth, inner = dict.fromkeys(internals, COLUMN[INTERNAL]), set(internals)
    for _ in range(len(internals)):  # the longest chain from the top: each layer one column further right
        changed = False
        for parent in [*(n for n in th.nodes if n[0] == "p"), *internals]:
            for child in w.below.get(parent, ()):
                if child in inner and depth.get(parent, COLUMN[PROMISE]) + 1 > depth[child]:
                    depth[child] = depth.get(parent, COLUMN[PROMISE]) + 1
                    changed = True
        if not changed:
            break
    column |= depth
    last = max(depth.values(), default=COLUMN[PROMISE]) + 1
    column |= {nid: last for nid in th.nodes if nid[0] == "d"}
    return column | {nid: COLUMN[MISSING[kind]] for nid, kind in th.placeholders.items()}


def _order(edges: Iterable[tuple[str, str]], roots: list[str], column: dict[str, int]):  # noqa: ANN202
    """A sort key: by column, then in the order a walk from the customers meets the nodes, so each node sits
    near the one it hangs from."""
    out: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        out[a].append(b)
    seen: dict[str, int] = {}
    stack = list(reversed(roots))
    while stack:
        nid = stack.pop()
        if nid in seen:
            continue
        seen[nid] = len(seen)
        stack.extend(reversed(out.get(nid, ())))
    rest = len(seen)
    return lambda nid: (column[nid], seen.get(nid, rest), nid)


# --- the drawing ------------------------------------------------------------------------------------------------

LINK_COLOUR, OWNER_COLOUR = "#8a94a6", "#b8bec6"


def drawing(w: Web, th: Thread) -> g.Drawing:
    """The thread left to right (customer → pain → factor → promise → internal promises → teams), promises
    coloured by health, the chosen artefact ringed in black, gaps ringed in red and drawn where the chain
    stops. Labels and tips are plain text."""
    column = columns(w, th)
    customers = [nid for nid in th.nodes if nid[0] == "c"]
    per_column: dict[int, list[str]] = defaultdict(list)
    for nid in sorted(th.nodes, key=_order(th.edges, customers, column)):
        per_column[column[nid]].append(nid)
    where = {
        nid: (col * COLUMN_GAP + (TEAM_SHIFT if nid[0] == "d" else 0.0), (k - (len(members) - 1) / 2) * ROW_GAP)
        for col, members in per_column.items()
        for k, nid in enumerate(members)
    }
    marked = {gap.node for gap in th.gaps}
    nodes = [_node(w, th, nid, where[nid], nid in marked) for members in per_column.values() for nid in members]
    edges = [_edge(w, th, k, a, b) for k, (a, b) in enumerate(th.edges)]
    return g.Drawing(nodes, edges, legend(w.lang))


def legend(lang: str) -> list[tuple[str, str]]:
    kinds = [(PAIN_COLOUR, t("thread.legend.pain", lang)), (FACTOR_COLOUR, t("thread.legend.factor", lang))]
    return [*kinds, *g.legend(lang), (g.HEALTH_COLOURS[h.BROKEN], t("thread.legend.gap", lang))]


def _node(w: Web, th: Thread, nid: str, xy: tuple[float, float], gap: bool) -> g.Node:
    kind = kind_of(nid)
    ring = g.SELECTED_COLOUR if nid == th.start else (g.HEALTH_COLOURS[h.BROKEN] if gap else "")
    if nid in th.placeholders:
        label = t(f"thread.gap.{th.placeholders[nid]}", w.lang)
        tip = t(f"thread.gap_tip.{th.placeholders[nid]}", w.lang)
        return g.Node(
            nid,
            GAP,
            0,
            label,
            tip,
            "box",
            colour=GAP_COLOUR,
            ring=g.HEALTH_COLOURS[h.BROKEN],
            faded=True,
            x=xy[0],
            y=xy[1],
        )
    row = w.rows[nid]
    tip = "\n".join([w.label(nid), *tip_lines(w, nid, th)])
    if kind == CUSTOMER:
        return g.Node(
            nid,
            kind,
            row["id"],
            g.short(w.label(nid), LABEL),
            tip,
            "box",
            colour=g.CUSTOMER_COLOUR,
            ring=ring,
            x=xy[0],
            y=xy[1],
        )
    if kind == TEAM:
        label = "\n".join([g.short(w.label(nid), LABEL), team_figures(w, ref_of(nid))])
        return g.Node(nid, kind, row["id"], label, tip, "box", colour=g.DEPARTMENT_COLOUR, ring=ring, x=xy[0], y=xy[1])
    colour = {PAIN: PAIN_COLOUR, FACTOR: FACTOR_COLOUR}.get(kind or "") or g.HEALTH_COLOURS[h.of(row)]
    label = g.short(w.label(nid), LABEL) + (" 🧪" if w.tested.get(nid) else "")
    size = 16.0 if nid == th.start else 13.0
    return g.Node(nid, kind or "", row["id"], label, tip, size=size, colour=colour, ring=ring, x=xy[0], y=xy[1])


def _edge(w: Web, th: Thread, k: int, a: str, b: str) -> g.Edge:
    eid = f"e{k}"
    if b in th.placeholders:
        return g.Edge(eid, a, b, GAP, colour=g.HEALTH_COLOURS[h.BROKEN], width=1.5, dashed=True)
    if kind_of(b) == TEAM:
        owner = kind_of(a) == PROMISE
        return g.Edge(eid, a, b, TEAM, colour=OWNER_COLOUR if owner else LINK_COLOUR, width=1.5, dashed=owner)
    if kind_of(b) in (PROMISE, INTERNAL):
        health = h.of(w.rows[b])
        return g.Edge(
            eid,
            a,
            b,
            kind_of(b) or "",
            health=health,
            colour=g.HEALTH_COLOURS[health],
            width=2.5,
            dashed=health == h.NO_DATA,
        )
    return g.Edge(eid, a, b, kind_of(b) or "", colour=LINK_COLOUR, width=2.0)


def team_figures(w: Web, department_id: int) -> str:
    """A team's profit and bonus pool in one short line: "profit 12 000 · bonus 2 400"."""
    end = w.ends.get(department_id)
    if end is None or end.profit is None:
        return t("thread.team.no_economics", w.lang)
    pool = risk.money(end.pool, w.lang, w.net.currency) if end.pool is not None else "—"
    return t("thread.team.figures", w.lang, profit=risk.money(end.profit, w.lang, w.net.currency), pool=pool)


def tip_lines(w: Web, nid: str, th: Thread | None = None) -> list[str]:
    """What hovering over an artefact tells (plain text): its figures, its gaps and the experiments on it."""
    kind, row, lang = kind_of(nid), w.rows[nid], w.lang
    lines: list[str] = []
    if kind == CUSTOMER:
        b = w.model.basis
        lines.append(
            t(
                "thread.tip.segment",
                lang,
                value=risk.money(b.value.get(row["id"]), lang, w.net.currency),
                ltv=risk.money(b.ltv.get(row["id"]), lang, w.net.currency),
            )
        )
    elif kind == PAIN:
        key = "thread.tip.top_pain" if nid in w.top else "thread.tip.pain"
        lines.append(t(key, lang, dots=w.dots.get(nid, 0)))
    elif kind == FACTOR:
        lines.append(t("thread.tip.factor", lang, weight=row.get("weight") or 1))
    elif kind in (PROMISE, INTERNAL):
        lines += _promise_lines(w, nid, row)
    elif kind == TEAM:
        lines.append(team_figures(w, row["id"]))
        end = w.ends.get(row["id"])
        if end and end.variant:
            lines.append(t(f"step8.variant_short.{end.variant}", lang))
    lines += [t(f"thread.gap_name.{gap.kind}", lang) for gap in w.gaps_at.get(nid, ())]
    for e in w.tested.get(nid, ()):
        decision = t(f"choices.decision.{e.get('decision') or 'none'}", lang)
        lines.append(t("thread.tip.experiment", lang, title=e.get("title") or "", decision=decision))
    return lines


def _promise_lines(w: Web, nid: str, row: Row) -> list[str]:
    lang = w.lang
    health = h.of(row)
    line = t(f"choices.health.{health}", lang)
    if row.get("metric_name"):
        now, target = fmt.number(row.get("metric_current"), lang), fmt.number(row.get("metric_target"), lang)
        line += f" · {row['metric_name']}: {now} / {target}"
    out = [line]
    if nid[0] == "i":
        names = w.model.names
        out.insert(0, f"{names.get(row['supplier_department_id'], '')} → {names.get(row['client_department_id'], '')}")
        if row.get("price_amount") is not None:
            price = g.price_text(row["price_amount"], row.get("price_unit"), row.get("price_period"), lang)
            out.append(t("network.tip.price", lang, price=price))
    else:
        share = w.model.basis.shares.get(row["id"], 0.0) * risk.PERCENT
        key = "thread.tip.share_set" if row["id"] in w.model.basis.explicit else "thread.tip.share_default"
        out.append(t(key, lang, share=f"{share:.0f}"))
    return out
