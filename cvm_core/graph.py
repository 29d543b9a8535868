"""The department network: who serves whom, how healthy each promise is, and what fails with what.

Departments are nodes; an internal promise is an edge from the supplier to the client; a promise to a
customer is an edge from the department that owns it to the customer (an external customer's own node,
or the department behind an internal customer). Departments may serve each other both ways, so the
network may cycle: cycles are found and shown, never refused.

The impact of a failure follows the promise tree upwards: an internal promise supports promises above it,
up to promises to customers. If a promise fails, every promise it supports, directly or through others,
is at risk; if a department fails, so is everything above the promises it supplies and owns. Each
promise's upward closure is kept as a bit mask, computed once per network, so that impact paths and
node sizes cost one pass whatever the depth of the tree, and end even on a (forbidden) cycle.

Node and edge ids are ours ("d12", "c3", "i7", "p5"), never user text; user text travels only in labels
and tips, which the drawing shows as text.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cvm_core import fmt
from cvm_core import health as h
from cvm_core.graph_layout import bends, layered
from cvm_core.i18n import t
from cvm_core.rows import Row, Snapshot

DEPARTMENT, CUSTOMER = "department", "customer"
INTERNAL, EXTERNAL = "internal", "external"
HEALTH_COLOURS = {h.MET: "#2e9e44", h.AT_RISK: "#e8a600", h.BROKEN: "#d62839", h.NO_DATA: "#9aa0a6"}
HEALTH_ICONS = {h.MET: "🟢", h.AT_RISK: "🟡", h.BROKEN: "🔴", h.NO_DATA: "⚪"}
WORST_FIRST = (h.BROKEN, h.AT_RISK, h.NO_DATA, h.MET)
DEPARTMENT_COLOUR, CUSTOMER_COLOUR, CYCLE_COLOUR = "#4e79a7", "#f28e2b", "#8e44ad"
SELECTED_COLOUR, FADED_COLOUR = "#111111", "#d9dce1"
LABEL_MAX = 28
NODE_SIZE_MIN, NODE_SIZE_STEP, NODE_SIZE_MAX = 12.0, 4.0, 42.0
PRICE_PER_MONTH = {"month": 1.0, "quarter": 1 / 3, "year": 1 / 12}


@dataclass(slots=True)
class Node:
    """A node to draw. `id` is ours; `label` and `tip` may hold user text and are shown as text."""

    id: str
    kind: str
    ref: int
    label: str
    tip: str = ""
    shape: str = "dot"
    size: float = NODE_SIZE_MIN
    colour: str = DEPARTMENT_COLOUR
    ring: str = ""
    faded: bool = False
    x: float = 0.0
    y: float = 0.0


@dataclass(slots=True)
class Edge:
    """An edge to draw, from `source` to `target` (node ids). `bend` curves parallel edges apart."""

    id: str
    source: str
    target: str
    kind: str = INTERNAL
    ref: int = 0
    tip: str = ""
    health: str = h.NO_DATA
    colour: str = HEALTH_COLOURS[h.NO_DATA]
    width: float = 2.0
    dashed: bool = False
    bend: float = 0.0
    arrow: bool = True
    faded: bool = False


@dataclass(frozen=True)
class Drawing:
    """What a page hands to the graph component, or the SVG writer draws."""

    nodes: list[Node]
    edges: list[Edge]
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, text)


@dataclass(frozen=True)
class Impact:
    """What is at risk if the selection fails (for a customer: the promises made to it and what they rest on)."""

    selection: str
    promises: tuple[int, ...]  # customer promises at risk, by id
    internal: tuple[int, ...]  # internal promises on the path, by id
    edges: frozenset[str]
    nodes: frozenset[str]


@dataclass(frozen=True)
class Filter:
    """Which part of the network to show. None means no restriction."""

    departments: frozenset[int] | None = None
    customers: frozenset[int] | None = None
    healths: frozenset[str] | None = None
    focus: str | None = None  # a node id: show it and its direct neighbours only

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.departments, self.customers, self.healths, self.focus))


@dataclass(frozen=True)
class Cycle:
    """Departments that serve each other round (a strongly connected group), and one loop through them."""

    members: tuple[str, ...]
    loop: tuple[str, ...]


@dataclass
class Network:
    """The whole network of one workshop with what every view needs, computed once."""

    nodes: dict[str, Node]
    edges: dict[str, Edge]
    rows: dict[str, Row]  # node or promise id -> its row
    dependents: dict[str, int]  # node id -> how many promises depend on it
    cycles: list[Cycle]  # groups of departments that serve each other round
    tree_cycles: list[list[str]]  # promises that support themselves (bad data: the tree must not cycle)
    bits: dict[str, int] = field(default_factory=dict)  # promise id -> bit
    order: list[str] = field(default_factory=list)  # bit -> promise id
    closure: list[int] = field(default_factory=list)  # bit -> mask of the promises it supports, itself included
    below: dict[str, list[str]] = field(default_factory=dict)  # promise id -> the internal promises under it
    external_mask: int = 0
    own_mask: dict[str, int] = field(default_factory=dict)  # department node -> its promises
    cycle_nodes: frozenset[str] = frozenset()
    customer_node: dict[int, str] = field(default_factory=dict)  # customer id -> the node that stands for it
    customer_names: dict[int, str] = field(default_factory=dict)
    supplies: dict[str, int] = field(default_factory=dict)  # department node -> internal promises it supplies
    receives: dict[str, int] = field(default_factory=dict)
    lang: str = "en"
    currency: str = ""  # the workshop's label for amounts of money
    tips: dict[str, str] = field(default_factory=dict)  # filled by the first view, kept with the network
    layouts: dict[Filter, tuple[dict, dict]] = field(default_factory=dict)  # filter -> positions, bends

    def label(self, node_id: str) -> str:
        row = self.rows.get(node_id)
        return str(row.get("name") or "") if row else node_id


PREFIX = {DEPARTMENT: "d", CUSTOMER: "c", INTERNAL: "i", EXTERNAL: "p"}


def node_id(kind: str, ref: int) -> str:
    return f"{PREFIX[kind]}{ref}"


def short(text: str, limit: int = LABEL_MAX) -> str:
    """A label short enough to draw; the full text stays in the tip."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def per_month(row: Row) -> float | None:
    """An internal price as an amount per month (None without a price)."""
    amount = row.get("price_amount")
    if amount is None:
        return None
    return float(amount) * PRICE_PER_MONTH.get(row.get("price_period") or "month", 1.0)


def live_external(promises: Iterable[Row]) -> list[Row]:
    """Promises to customers that are in force or being negotiated: a rejected promise is no promise."""
    return [p for p in promises if (p.get("status") or "draft") != "rejected"]


# --- building -------------------------------------------------------------------------------------------------


def network(data: Snapshot, lang: str = "en") -> Network:
    """The network of a workshop snapshot (entity name -> live rows)."""
    departments = {r["id"]: r for r in data.get("department", [])}
    customers = {r["id"]: r for r in data.get("customer", [])}
    rows: dict[str, Row] = {}
    nodes: dict[str, Node] = {}
    for dep in departments.values():
        nid = node_id(DEPARTMENT, dep["id"])
        rows[nid] = dep
        nodes[nid] = Node(nid, DEPARTMENT, dep["id"], short(dep["name"]))
    for cust in customers.values():
        if cust.get("kind") == "internal" and cust.get("department_id") in departments:
            continue  # an internal customer is the department behind it
        nid = node_id(CUSTOMER, cust["id"])
        rows[nid] = cust
        nodes[nid] = Node(nid, CUSTOMER, cust["id"], short(cust["name"]), shape="box", colour=CUSTOMER_COLOUR)

    edges: dict[str, Edge] = {}
    internal = [r for r in data.get("internal_promise", []) if _both(r, departments)]
    for row in internal:
        eid = node_id(INTERNAL, row["id"])
        rows[eid] = row
        source, target = (
            node_id(DEPARTMENT, row["supplier_department_id"]),
            node_id(DEPARTMENT, row["client_department_id"]),
        )
        edges[eid] = _edge(eid, source, target, INTERNAL, row)
    external = live_external(r for r in data.get("promise", []) if r.get("customer_id") in customers)
    for row in external:
        eid = node_id(EXTERNAL, row["id"])
        rows[eid] = row
        target = _customer_node(customers[row["customer_id"]], departments)
        owner = row.get("owner_department_id")
        if owner in departments and node_id(DEPARTMENT, owner) != target:
            edges[eid] = _edge(eid, node_id(DEPARTMENT, owner), target, EXTERNAL, row)

    net = Network(nodes, edges, rows, {}, [], [], lang=lang, currency=fmt.currency_of(data))
    net.customer_node = {c: _customer_node(row, departments) for c, row in customers.items()}
    net.customer_names = {c: str(row.get("name") or "") for c, row in customers.items()}
    for e in edges.values():
        if e.kind == INTERNAL:
            net.supplies[e.source] = net.supplies.get(e.source, 0) + 1
            net.receives[e.target] = net.receives.get(e.target, 0) + 1
    _index_tree(net, internal, external, data.get("promise_support", []))
    _find_cycles(net)
    _count_dependents(net)
    return net


def _both(row: Row, departments: Mapping[int, Row]) -> bool:
    return row.get("supplier_department_id") in departments and row.get("client_department_id") in departments


def _customer_node(customer: Row, departments: Mapping[int, Row]) -> str:
    if customer.get("kind") == "internal" and customer.get("department_id") in departments:
        return node_id(DEPARTMENT, customer["department_id"])
    return node_id(CUSTOMER, customer["id"])


def _edge(eid: str, source: str, target: str, kind: str, row: Row) -> Edge:
    health = h.of(row)
    return Edge(
        eid, source, target, kind, row["id"], health=health, colour=HEALTH_COLOURS[health], dashed=health == h.NO_DATA
    )


def _index_tree(net: Network, internal: list[Row], external: list[Row], supports: Iterable[Row]) -> None:
    """Bits for every promise and, for each, the mask of every promise it supports (itself included)."""
    order = [f"p{r['id']}" for r in external] + [f"i{r['id']}" for r in internal]
    bits = {pid: k for k, pid in enumerate(order)}
    up: list[list[int]] = [[] for _ in order]
    below: dict[str, list[str]] = defaultdict(list)
    for link in supports:
        child = bits.get(f"i{link['internal_promise_id']}")
        if link.get("parent_promise_id") is not None:
            parent = bits.get(f"p{link['parent_promise_id']}")
        else:
            parent = bits.get(f"i{link.get('parent_internal_id')}")
        if child is None or parent is None:
            continue
        up[child].append(parent)
        below[order[parent]].append(order[child])
    closure = [0] * len(order)
    tree_cycles = []
    for group in strongly_connected(len(order), up):  # every group comes after the groups it reaches
        mask = 0
        for k in group:
            mask |= 1 << k
        inside = set(group)
        for k in group:
            for parent in up[k]:
                if parent not in inside:
                    mask |= closure[parent]
        for k in group:
            closure[k] = mask
        if len(group) > 1 or group[0] in up[group[0]]:
            tree_cycles.append(sorted((order[k] for k in group), key=_id_key))
    net.bits, net.order, net.closure, net.below = bits, order, closure, dict(below)
    net.external_mask = (1 << len(external)) - 1
    net.tree_cycles = tree_cycles
    own: dict[str, int] = defaultdict(int)
    for row in internal:
        own[node_id(DEPARTMENT, row["supplier_department_id"])] |= closure[bits[node_id(INTERNAL, row["id"])]]
    for row in external:
        if row.get("owner_department_id") is not None:
            own[node_id(DEPARTMENT, row["owner_department_id"])] |= closure[bits[node_id(EXTERNAL, row["id"])]]
    net.own_mask = dict(own)


def _id_key(item: str) -> tuple[str, int]:
    return item[0], int(item[1:])


def _find_cycles(net: Network) -> None:
    """Groups of departments that serve each other round, each shown by one loop through its first member."""
    deps = [nid for nid, n in net.nodes.items() if n.kind == DEPARTMENT]
    index = {nid: k for k, nid in enumerate(deps)}
    adj: list[list[int]] = [[] for _ in deps]
    for e in net.edges.values():
        if e.source in index and e.target in index and e.kind == INTERNAL:
            adj[index[e.source]].append(index[e.target])
    in_cycle: set[str] = set()
    cycles = []
    for group in strongly_connected(len(deps), adj):
        if len(group) < 2:
            continue
        members = {deps[k] for k in group}
        in_cycle |= members
        start = min(members, key=_id_key)
        loop = _loop(start, members, net.edges.values())
        cycles.append(Cycle(tuple(sorted(members, key=_id_key)), tuple(loop)))
    net.cycles = sorted(cycles, key=lambda c: (-len(c.members), _id_key(c.members[0])))
    net.cycle_nodes = frozenset(in_cycle)


def _loop(start: str, members: set[str], edges: Iterable[Edge]) -> list[str]:
    """The shortest loop from `start` back to itself inside one group (breadth first)."""
    out: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e.kind == INTERNAL and e.source in members and e.target in members:
            out[e.source].append(e.target)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(set(out[v]), key=_id_key):
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return path[::-1]
                if w not in came_from:
                    came_from[w] = v
                    nxt.append(w)
        frontier = nxt
    return [start]


def _count_dependents(net: Network) -> None:
    """Node size: for a department, the promises that depend on it; for a customer, the promises it gets."""
    counts: dict[str, int] = {nid: mask.bit_count() for nid, mask in net.own_mask.items()}
    for e in net.edges.values():
        if e.kind == EXTERNAL and net.nodes[e.target].kind == CUSTOMER:
            counts[e.target] = counts.get(e.target, 0) + 1
    net.dependents = counts
    for nid, node in net.nodes.items():
        node.size = node_size(counts.get(nid, 0))


def node_size(dependents: int) -> float:
    return min(NODE_SIZE_MAX, NODE_SIZE_MIN + NODE_SIZE_STEP * math.sqrt(dependents))


def strongly_connected(n: int, adj: list[list[int]]) -> list[list[int]]:
    """Tarjan's strongly connected groups of a graph on 0..n-1, each listed after every group it reaches.
    Iterative, so long chains do not exhaust the stack."""
    index, low = [0] * n, [0] * n  # 0: not visited yet
    on_stack = [False] * n
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root]:
            continue
        counter += 1
        index[root] = low[root] = counter
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(adj[root]))]
        while work:
            v, todo = work[-1]
            for w in todo:
                if not index[w]:
                    counter += 1
                    index[w] = low[w] = counter
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, iter(adj[w])))
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work and low[v] < low[work[-1][0]]:
                    low[work[-1][0]] = low[v]
                if low[v] == index[v]:
                    group = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        group.append(w)
                        if w == v:
                            break
                    out.append(group)
    return out


# --- impact ---------------------------------------------------------------------------------------------------


def ids(net: Network, mask: int) -> list[str]:
    """The node ids of the bits set in `mask`, lowest bit first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(net.order[low.bit_length() - 1])
        mask ^= low
    return out


def impact(net: Network, selection: str) -> Impact | None:
    """What is at risk if `selection` (a department, internal promise or customer promise) fails; for a
    customer, the promises made to it and every internal promise they rest on. None if unknown."""
    if selection in net.bits:
        mask = net.closure[net.bits[selection]]
    elif selection in net.nodes and net.nodes[selection].kind == DEPARTMENT:
        mask = net.own_mask.get(selection, 0)
    elif selection in net.nodes:
        return _supports_of_customer(net, selection)
    else:
        return None
    return _impact(net, selection, ids(net, mask))


def _supports_of_customer(net: Network, selection: str) -> Impact:
    tops = [e.id for e in net.edges.values() if e.kind == EXTERNAL and e.target == selection]
    seen, todo = set(tops), list(tops)
    while todo:
        for child in net.below.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return _impact(net, selection, sorted(seen, key=_id_key))


def _impact(net: Network, selection: str, promise_ids: list[str]) -> Impact:
    edges = frozenset(p for p in promise_ids if p in net.edges)
    nodes = {selection} if selection in net.nodes else set()
    for eid in edges:
        nodes |= {net.edges[eid].source, net.edges[eid].target}
    for pid in promise_ids:  # a customer promise at risk shows its customer even without an owner
        if pid.startswith("p"):
            nodes.add(_target_of(net, pid))
    external = sorted(int(p[1:]) for p in promise_ids if p.startswith("p"))
    internal = sorted(int(p[1:]) for p in promise_ids if p.startswith("i"))
    return Impact(selection, tuple(external), tuple(internal), edges, frozenset(n for n in nodes if n in net.nodes))


def _target_of(net: Network, promise_id: str) -> str:
    if promise_id in net.edges:
        return net.edges[promise_id].target
    return net.customer_node.get(net.rows[promise_id]["customer_id"], "")


def at_risk_count(net: Network, department_node: str) -> int:
    """How many customer promises are at risk if this department fails."""
    return (net.own_mask.get(department_node, 0) & net.external_mask).bit_count()


# --- filters --------------------------------------------------------------------------------------------------


def neighbours(net: Network, nid: str) -> set[str]:
    """Nodes one edge away from `nid`, in either direction."""
    out = set()
    for e in net.edges.values():
        if e.source == nid:
            out.add(e.target)
        elif e.target == nid:
            out.add(e.source)
    return out


def stream_filter(data: Snapshot, stream_id: int) -> Filter:
    """The departments working in one value stream's stages, and its customer."""
    streams = {s["id"]: s for s in data.get("value_stream", [])}
    if stream_id not in streams:
        return Filter()
    stages = {s["id"] for s in data.get("value_stream_stage", []) if s["stream_id"] == stream_id}
    deps = {link["department_id"] for link in data.get("stage_department", []) if link["stage_id"] in stages}
    return Filter(departments=frozenset(deps), customers=frozenset({streams[stream_id]["customer_id"]}))


def apply(net: Network, f: Filter) -> tuple[list[Node], list[Edge]]:
    """The nodes and edges a filter keeps, in the network's order."""
    keep = {nid for nid, n in net.nodes.items() if _kept(n, f)}
    if f.customers is not None:  # an internal customer is drawn as its department
        keep |= {net.customer_node[c] for c in f.customers if c in net.customer_node}
    if f.focus is not None:
        keep &= neighbours(net, f.focus) | {f.focus}
    edges = [
        e
        for e in net.edges.values()
        if e.source in keep and e.target in keep and (f.healths is None or e.health in f.healths)
    ]
    if f.healths is not None:
        touched = {e.source for e in edges} | {e.target for e in edges}
        keep = {nid for nid in keep if nid in touched or nid == f.focus}
    return [n for nid, n in net.nodes.items() if nid in keep], edges


def _kept(node: Node, f: Filter) -> bool:
    chosen = f.departments if node.kind == DEPARTMENT else f.customers
    return chosen is None or node.ref in chosen


# --- a view: filter, lay out, highlight, explain --------------------------------------------------------------


def view(net: Network, f: Filter | None = None, selection: str | None = None) -> tuple[Drawing, Impact | None]:
    """The drawing of the network after a filter, laid out, with the impact of `selection` highlighted."""
    f = f or Filter()
    nodes, edges = apply(net, f)
    found = impact(net, selection) if selection else None
    positions, curve = _layout(net, f, nodes, edges)
    if not net.tips:
        words = _words(net.lang)
        net.tips = {nid: node_tip(net, nid) for nid in net.nodes} | {
            eid: edge_tip(net, eid, words) for eid in net.edges
        }
    drawn_nodes = [_dress_node(net, n, positions[n.id], found) for n in nodes]
    drawn_edges = [_dress_edge(net, e, curve[e.id], found) for e in edges]
    return Drawing(drawn_nodes, drawn_edges, legend(net.lang)), found


LAYOUTS_KEPT = 8


def _layout(net: Network, f: Filter, nodes: list[Node], edges: list[Edge]) -> tuple[dict, dict]:
    """Positions and bends for one filter, computed once per network (the selection does not move nodes)."""
    if f not in net.layouts:
        inner = [n.id for n in nodes if n.kind == DEPARTMENT]
        positions = layered(inner, [n.id for n in nodes if n.kind == CUSTOMER], [(e.source, e.target) for e in edges])
        curve = bends([(e.id, e.source, e.target) for e in edges], positions)
        if len(net.layouts) >= LAYOUTS_KEPT:
            net.layouts.pop(next(iter(net.layouts)))
        net.layouts[f] = (positions, curve)
    return net.layouts[f]


def legend(lang: str) -> list[tuple[str, str]]:
    return [(HEALTH_COLOURS[k], t(f"choices.health.{k}", lang)) for k in (h.MET, h.AT_RISK, h.BROKEN, h.NO_DATA)]


def _dress_node(net: Network, node: Node, xy: tuple[float, float], found: Impact | None) -> Node:
    ring = CYCLE_COLOUR if node.id in net.cycle_nodes else ""
    faded = False
    if found is not None:
        faded = node.id not in found.nodes
        ring = SELECTED_COLOUR if node.id == found.selection else ("" if faded else ring)
    colour = FADED_COLOUR if faded else node.colour
    tip = net.tips[node.id]
    return Node(node.id, node.kind, node.ref, node.label, tip, node.shape, node.size, colour, ring, faded, *xy)


def _dress_edge(net: Network, edge: Edge, bend: float, found: Impact | None) -> Edge:
    on_path = found is not None and edge.id in found.edges
    faded = found is not None and not on_path
    colour = FADED_COLOUR if faded else edge.colour
    width = 4.5 if on_path else (1.0 if faded else 2.0)
    tip = net.tips[edge.id]
    e = edge
    return Edge(e.id, e.source, e.target, e.kind, e.ref, tip, e.health, colour, width, e.dashed, bend, e.arrow, faded)


def node_tip(net: Network, nid: str) -> str:
    """Plain text shown on hover: the full name and what depends on the node."""
    node, lang = net.nodes[nid], net.lang
    lines = [net.label(nid)]
    if node.kind == DEPARTMENT:
        supplies, receives = net.supplies.get(nid, 0), net.receives.get(nid, 0)
        lines.append(t("network.tip.department", lang, supplies=supplies, receives=receives))
        lines.append(t("network.tip.at_risk", lang, count=at_risk_count(net, nid)))
        if nid in net.cycle_nodes:
            lines.append(t("network.tip.in_cycle", lang))
    else:
        lines.append(t("network.tip.customer", lang, count=net.dependents.get(nid, 0)))
    return "\n".join(lines)


def _words(lang: str) -> dict[str, str]:
    """The catalogue words an edge tip uses, looked up once per view."""
    keys = [f"choices.health.{k}" for k in HEALTH_COLOURS]
    keys += [f"network.price.{k}" for k in ("money", "hours")]
    keys += [f"choices.period.{k}" for k in PRICE_PER_MONTH]
    return {k: t(k, lang) for k in [*keys, "network.tip.price"]}


def price_text(amount: float | None, unit: str | None, period: str | None, lang: str, currency: str = "") -> str:
    """An internal price for people: "€1,200 per month", "30 h per quarter" (a dash without a price)."""
    if amount is None:
        return "—"
    words = _words(lang)
    return _price(words, amount, unit, period, lang, currency)


def _price(words: dict[str, str], amount: float, unit: str | None, period: str | None, lang: str, currency: str) -> str:
    template = words.get(f"network.price.{unit or 'money'}", words["network.price.money"])
    shown = fmt.number(amount, lang) if unit == "hours" else fmt.money(amount, lang, currency)
    return template.format(amount=shown, period=words.get(f"choices.period.{period or 'month'}", ""))


def edge_tip(net: Network, eid: str, words: dict[str, str] | None = None) -> str:
    """Plain text shown on hover: who promises what to whom, its health and price."""
    words = words or _words(net.lang)
    edge, row = net.edges[eid], net.rows[eid]
    lines = [f"{net.label(edge.source)} → {net.label(edge.target)}", str(row.get("text") or "")]
    status = words[f"choices.health.{edge.health}"]
    if row.get("metric_name"):
        unit = row.get("metric_unit") or ""
        now, target = fmt.number(row.get("metric_current"), net.lang), fmt.number(row.get("metric_target"), net.lang)
        status += f" · {row['metric_name']}: {now} / {target} {unit}"
    lines.append(status.strip())
    if edge.kind == INTERNAL and row.get("price_amount") is not None:
        unit, period = row.get("price_unit"), row.get("price_period")
        price = _price(words, row["price_amount"], unit, period, net.lang, net.currency)
        lines.append(words["network.tip.price"].format(price=price))
    return "\n".join(lines)


# --- lists the pages show beside the graph ---------------------------------------------------------------------


def choices_label(net: Network, item: str) -> str:
    """A department, customer or promise named as plain text for a select box."""
    if item in net.nodes:
        node = net.nodes[item]
        return net.label(item) if node.kind == DEPARTMENT else f"{net.label(item)} ({t('network.customer', net.lang)})"
    if item in net.edges:
        edge = net.edges[item]
        return f"{net.label(edge.source)} → {net.label(edge.target)}: {short(net.rows[item].get('text') or '', 60)}"
    return item


def promises_of(net: Network, node: str) -> list[str]:
    """The promises one can pick under a node: a department's own (supplied and to customers), or the
    promises made to a customer."""
    key = "target" if node in net.nodes and net.nodes[node].kind == CUSTOMER else "source"
    found = [e.id for e in net.edges.values() if getattr(e, key) == node]
    return sorted(found, key=lambda eid: (eid[0] != "p", int(eid[1:])))


def impact_rows(net: Network, found: Impact) -> list[dict[str, str]]:
    """The customer promises of an impact, for a table: customer, promise, owner, health."""
    out = []
    for pid in found.promises:
        row = net.rows[node_id(EXTERNAL, pid)]
        owner = row.get("owner_department_id")
        out.append(
            {
                "customer": net.customer_names.get(row["customer_id"], ""),
                "promise": str(row.get("text") or ""),
                "owner": net.label(node_id(DEPARTMENT, owner)) if owner is not None else "",
                "health": h.of(row),
            }
        )
    return sorted(out, key=lambda r: (WORST_FIRST.index(r["health"]), r["customer"].casefold()))


def path_rows(net: Network, found: Impact) -> list[dict[str, str]]:
    """The internal promises on an impact path, for a table: supplier, client, promise, health."""
    out = []
    for iid in found.internal:
        edge = net.edges.get(node_id(INTERNAL, iid))
        if edge is not None:
            text = str(net.rows[edge.id].get("text") or "")
            out.append(
                {
                    "supplier": net.label(edge.source),
                    "client": net.label(edge.target),
                    "promise": text,
                    "health": edge.health,
                }
            )
    return out


def cycle_text(net: Network, cycle: Cycle) -> str:
    """A group's loop as plain text: "A → B → C → A"."""
    return " → ".join(net.label(n) for n in [*cycle.loop, cycle.loop[0]])
