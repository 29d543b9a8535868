"""Value streams: for one customer segment, the chain of stages that creates its value (research →
design → proposition → development by default), the departments working in each stage, the segment
leader, and what the segment is worth (customer value, the most it could bring, and current LTV).

Drawn left to right: the leader, the stages in order, the customer at the end; each stage's departments
hang under it. Node ids are ours ("l3", "s12", "m12x5", "c4"), never user text.
"""

from __future__ import annotations

from dataclasses import dataclass

from cvm_core import fmt
from cvm_core.graph import CUSTOMER_COLOUR, DEPARTMENT_COLOUR, Drawing, Edge, Node, short
from cvm_core.i18n import t
from cvm_core.rows import Snapshot

DEFAULT_STAGES = ("research", "design", "proposition", "development")
STAGE_COLOUR, LEADER_COLOUR, LINK_COLOUR, FLOW_COLOUR = "#1f5f99", "#8e44ad", "#b8bec6", "#4a5568"
STAGE_GAP, MEMBER_TOP, MEMBER_GAP, LABEL_CHAR = 70.0, 90.0, 62.0, 8.5


@dataclass(frozen=True)
class Stage:
    id: int
    name: str
    position: int
    version: int
    departments: tuple[tuple[int, str], ...]  # (department id, name), by name


@dataclass(frozen=True)
class Stream:
    id: int
    name: str
    leader: str
    version: int
    customer_id: int
    customer: str
    customer_value: float | None
    ltv: float | None
    stages: tuple[Stage, ...]
    currency: str = ""  # the workshop's label for amounts of money

    @property
    def department_ids(self) -> set[int]:
        return {d for s in self.stages for d, _ in s.departments}

    @property
    def gap(self) -> float | None:
        """How much more the segment could bring than it brings now (customer value − LTV)."""
        if self.customer_value is None or self.ltv is None:
            return None
        return self.customer_value - self.ltv


def default_stage_names(lang: str) -> list[str]:
    return [t(f"streams.stage.{key}", lang) for key in DEFAULT_STAGES]


def streams(data: Snapshot) -> list[Stream]:
    """Every value stream of a snapshot, by name, with its stages in order (position, then id)."""
    customers = {c["id"]: c for c in data.get("customer", [])}
    departments = {d["id"]: str(d.get("name") or "") for d in data.get("department", [])}
    members: dict[int, list[tuple[int, str]]] = {}
    for link in data.get("stage_department", []):
        if link["department_id"] in departments:
            members.setdefault(link["stage_id"], []).append((link["department_id"], departments[link["department_id"]]))
    stages: dict[int, list[Stage]] = {}
    for row in sorted(data.get("value_stream_stage", []), key=lambda r: (r.get("position") or 0, r["id"])):
        found = tuple(sorted(members.get(row["id"], []), key=lambda d: (d[1].casefold(), d[0])))
        stage = Stage(row["id"], str(row.get("name") or ""), row.get("position") or 0, row.get("version") or 1, found)
        stages.setdefault(row["stream_id"], []).append(stage)
    out = []
    currency = fmt.currency_of(data)
    for row in data.get("value_stream", []):
        customer = customers.get(row["customer_id"], {})
        out.append(
            Stream(
                row["id"],
                str(row.get("name") or ""),
                str(row.get("leader") or ""),
                row.get("version") or 1,
                row["customer_id"],
                str(customer.get("name") or ""),
                customer.get("customer_value"),
                customer.get("ltv"),
                tuple(stages.get(row["id"], [])),
                currency,
            )
        )
    return sorted(out, key=lambda s: (s.name.casefold(), s.id))


def moved(stage_ids: list[int], stage_id: int, offset: int) -> list[int]:
    """The stage order after moving one stage `offset` places (clamped at both ends)."""
    order = list(stage_ids)
    if stage_id not in order:
        return order
    k = order.index(stage_id)
    order.insert(max(0, min(len(order) - 1, k + offset)), order.pop(k))
    return order


def member_id(stage_id: int, department_id: int) -> str:
    return f"m{stage_id}x{department_id}"


def department_of(node: str) -> int | None:
    """The department behind a member node id ("m12x5" -> 5), else None."""
    if not node.startswith("m") or "x" not in node:
        return None
    tail = node.rsplit("x", 1)[1]
    return int(tail) if tail.isdigit() else None


def drawing(stream: Stream, lang: str) -> Drawing:
    """The stream left to right: leader → stages in order → customer; departments under their stage."""
    leader = (
        t("streams.graph.leader", lang, name=short(stream.leader)) if stream.leader else t("streams.no_leader", lang)
    )
    chain = [Node(f"l{stream.id}", "leader", stream.id, leader, tip=stream.leader, shape="box", colour=LEADER_COLOUR)]
    members: list[Node] = []
    links: list[Edge] = []
    for stage in stream.stages:
        sid = f"s{stage.id}"
        tip = "\n".join([stage.name, *(name for _, name in stage.departments)])
        chain.append(Node(sid, "stage", stage.id, short(stage.name, 24), tip=tip, shape="box", colour=STAGE_COLOUR))
        for k, (dep_id, name) in enumerate(stage.departments):
            mid = member_id(stage.id, dep_id)
            y = MEMBER_TOP + k * MEMBER_GAP
            members.append(
                Node(mid, "member", dep_id, short(name, 22), tip=name, size=13, colour=DEPARTMENT_COLOUR, y=y)
            )
            links.append(Edge(f"e{sid}{mid}", sid, mid, "link", colour=LINK_COLOUR, width=1.5, arrow=False))
    tip = "\n".join([stream.customer, worth(stream, lang)])
    chain.append(
        Node(
            f"c{stream.customer_id}",
            "customer",
            stream.customer_id,
            short(stream.customer),
            tip=tip,
            shape="box",
            colour=CUSTOMER_COLOUR,
        )
    )
    x = 0.0
    for k, node in enumerate(chain):  # boxes side by side, each gap wide enough for both labels
        if k:
            x += _half(chain[k - 1]) + STAGE_GAP + _half(node)
        node.x = x
    where = {n.id: n.x for n in chain}
    for member, link in zip(members, links, strict=True):
        member.x = where[link.source]
    flows = [_flow(a.id, b.id) for a, b in zip(chain, chain[1:], strict=False)]
    legend = [
        (STAGE_COLOUR, t("streams.legend.stage", lang)),
        (DEPARTMENT_COLOUR, t("streams.legend.department", lang)),
    ]
    return Drawing([*chain, *members], [*flows, *links], legend)


def _half(node: Node) -> float:
    """About half the drawn width of a box's label."""
    return len(node.label) * LABEL_CHAR / 2 + 12


def _flow(a: str, b: str) -> Edge:
    return Edge(f"e{a}{b}", a, b, "flow", colour=FLOW_COLOUR, width=3.0)


def worth(stream: Stream, lang: str) -> str:
    """What the segment is worth, e.g. "Customer value €60,000 · LTV €18,000", in `lang`."""
    value, ltv = (fmt.money(v, lang, stream.currency) for v in (stream.customer_value, stream.ltv))
    return t("streams.graph.worth", lang, value=value, ltv=ltv)


def stream_svg(data: Snapshot, stream_id: int, lang: str) -> str:
    """One value stream as a standalone SVG document (every text escaped), for exports and printing;
    an empty string when there is no such stream."""
    from cvm_core.graph_svg import svg

    found = next((s for s in streams(data) if s.id == stream_id), None)
    if found is None:
        return ""
    return svg(drawing(found, lang), title=found.name, subtitle=f"{found.customer} · {worth(found, lang)}")
