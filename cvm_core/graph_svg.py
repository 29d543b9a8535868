"""A drawing as a standalone SVG document: for exports, printing and people who cannot run the app.

Pure Python, no system dependency. Every text (names, promises, tips, the title) is XML-escaped and
written only as text content or quoted attribute values, so nothing a user typed can become markup.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from cvm_core.graph import Drawing, Edge, Filter, Node, network, view
from cvm_core.i18n import t
from cvm_core.rows import Snapshot

PAD, HEADER, FONT = 70.0, 78.0, "DejaVu Sans, Liberation Sans, Arial, sans-serif"
BOX_HEIGHT, CHAR_WIDTH = 28.0, 7.4
LABEL_CHAR = 6.9  # px: the average width of a character of a 12.5 px label
ARROW_OVER, ARROW_BACK, ARROW_HALF = 0.7, 6.3, 3.5  # the arrowhead: past the line's end, back from it, half width


def svg(drawing: Drawing, *, title: str = "", subtitle: str = "") -> str:
    """The drawing as an SVG document (a string)."""
    nodes = {n.id: n for n in drawing.nodes}
    left, top, right, bottom = _bounds(drawing.nodes)
    width = max(right - left + 2 * PAD, 420.0)
    height = bottom - top + 2 * PAD + HEADER
    dx, dy = PAD - left + (width - (right - left + 2 * PAD)) / 2, PAD + HEADER - top
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family={quoteattr(FONT)}>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    out += _header(title, subtitle, drawing.legend, width)
    out.append(f'<g transform="translate({dx:.1f},{dy:.1f})">')
    for e in sorted(drawing.edges, key=lambda e: not e.faded):
        if e.source in nodes and e.target in nodes:
            out.append(_edge(e, nodes[e.source], nodes[e.target]))
    for n in sorted(drawing.nodes, key=lambda n: not n.faded):
        out.append(_node(n))
    out.append("</g></svg>")
    return "\n".join(out)


def network_svg(
    data: Snapshot, lang: str, *, title: str = "", f: Filter | None = None, selection: str | None = None
) -> str:
    """The department network as a standalone SVG document (every text escaped), for exports and printing."""
    drawing, _ = view(network(data, lang), f, selection)
    return svg(drawing, title=title or t("network.title", lang))


def _bounds(nodes: list[Node]) -> tuple[float, float, float, float]:
    if not nodes:
        return 0.0, 0.0, 0.0, 0.0
    half = [(_half_width(n), _radius(n)) for n in nodes]
    return (
        min(n.x - w for n, (w, _) in zip(nodes, half, strict=True)),
        min(n.y - r for n, (_, r) in zip(nodes, half, strict=True)),
        max(n.x + w for n, (w, _) in zip(nodes, half, strict=True)),
        max(n.y + r + 18 for n, (_, r) in zip(nodes, half, strict=True)),
    )


def _radius(n: Node) -> float:
    return BOX_HEIGHT / 2 if n.shape == "box" else n.size


def _half_width(n: Node) -> float:
    return max(n.size, (len(n.label) * CHAR_WIDTH + 20) / 2)


def _arrowhead(tip_x: float, tip_y: float, from_x: float, from_y: float, colour: str, opacity: float) -> str:
    """A filled triangle at the end of a line coming from (from_x, from_y). Drawn as a path rather than
    an SVG marker, so that every SVG reader (the PDF's included) shows it."""
    d = math.hypot(tip_x - from_x, tip_y - from_y) or 1.0
    ux, uy = (tip_x - from_x) / d, (tip_y - from_y) / d
    px, py = tip_x + ux * ARROW_OVER, tip_y + uy * ARROW_OVER
    bx, by = tip_x - ux * ARROW_BACK, tip_y - uy * ARROW_BACK
    left = (bx - uy * ARROW_HALF, by + ux * ARROW_HALF)
    right = (bx + uy * ARROW_HALF, by - ux * ARROW_HALF)
    return (
        f'<path d="M{px:.1f},{py:.1f} L{left[0]:.1f},{left[1]:.1f} L{right[0]:.1f},{right[1]:.1f} z" '
        f'fill={quoteattr(colour)} fill-opacity="{opacity}"/>'
    )


def _header(title: str, subtitle: str, legend: list[tuple[str, str]], width: float) -> list[str]:
    out = []
    if title:
        out.append(f'<text x="{PAD / 2:.0f}" y="30" font-size="18" font-weight="bold">{escape(title)}</text>')
    if subtitle:
        out.append(f'<text x="{PAD / 2:.0f}" y="50" font-size="12" fill="#555">{escape(subtitle)}</text>')
    x = PAD / 2
    for colour, text in legend:
        out.append(f'<rect x="{x:.0f}" y="60" width="22" height="5" rx="2" fill={quoteattr(colour)}/>')
        out.append(f'<text x="{x + 28:.0f}" y="66" font-size="12">{escape(text)}</text>')
        x += 40 + len(text) * CHAR_WIDTH
    return out


def _edge(e: Edge, a: Node, b: Node) -> str:
    (x1, y1), (x2, y2) = (a.x, a.y), (b.x, b.y)
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    # a clockwise bow, as the interactive graph draws it: a->b and b->a curve to opposite sides
    cx = (x1 + x2) / 2 - (y2 - y1) / length * e.bend * length * 0.5
    cy = (y1 + y2) / 2 + (x2 - x1) / length * e.bend * length * 0.5
    sx, sy = _trim(a, cx, cy, 0.0)
    ex, ey = _trim(b, cx, cy, 3.0 if e.arrow else 0.0)
    dash = ' stroke-dasharray="6 4"' if e.dashed else ""
    tip = f"<title>{escape(e.tip)}</title>" if e.tip else ""
    opacity = 0.55 if e.faded else 0.9
    line = (
        f'<path d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" fill="none" '
        f'stroke={quoteattr(e.colour)} stroke-width="{e.width:.1f}"{dash} '
        f'opacity="{opacity}">{tip}</path>'
    )
    return line + (_arrowhead(ex, ey, cx, cy, e.colour, opacity) if e.arrow else "")


def _trim(n: Node, towards_x: float, towards_y: float, gap: float) -> tuple[float, float]:
    """The point where a line from the node's centre towards (x, y) leaves the node's shape."""
    dx, dy = towards_x - n.x, towards_y - n.y
    d = math.hypot(dx, dy) or 1.0
    if n.shape == "box":
        hw, hh = _half_width(n), BOX_HEIGHT / 2
        reach = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf) * d
    else:
        reach = n.size
    reach += gap
    return n.x + dx / d * reach, n.y + dy / d * reach


def _node(n: Node) -> str:
    tip = f"<title>{escape(n.tip)}</title>" if n.tip else ""
    ring = quoteattr(n.ring or "#ffffff")
    ring_width = 3.5 if n.ring else 1.5
    label = escape(n.label)
    text_colour = "#9aa0a6" if n.faded else "#222222"
    if n.shape == "box":
        hw = _half_width(n)
        return (
            f'<g>{tip}<rect x="{n.x - hw:.1f}" y="{n.y - BOX_HEIGHT / 2:.1f}" width="{2 * hw:.1f}" '
            f'height="{BOX_HEIGHT:.0f}" rx="5" fill={quoteattr(n.colour)} stroke={ring} '
            f'stroke-width="{ring_width}"/><text x="{n.x:.1f}" y="{n.y + 4.5:.1f}" font-size="12.5" '
            f'text-anchor="middle" fill="{"#ffffff" if not n.faded else "#555555"}">{label}</text></g>'
        )
    return (
        f'<g>{tip}<circle cx="{n.x:.1f}" cy="{n.y:.1f}" r="{n.size:.1f}" fill={quoteattr(n.colour)} '
        f'stroke={ring} stroke-width="{ring_width}"/>{_halo(n.x, n.y + n.size + 15, label)}'
        f'<text x="{n.x:.1f}" y="{n.y + n.size + 15:.1f}" font-size="12.5" text-anchor="middle" '
        f'fill="{text_colour}">{label}</text></g>'
    )


def _halo(x: float, y: float, label: str) -> str:
    """A white patch under a label, so it stays readable across lines (a shape, not a second copy of
    the text or paint-order, so every SVG reader, the PDF's included, shows it and finds the text once)."""
    width = len(label) * LABEL_CHAR + 6
    return f'<rect x="{x - width / 2:.1f}" y="{y - 11:.1f}" width="{width:.1f}" height="15" rx="4" fill="#ffffff"/>'


def to_png(svg_text: str, scale: float = 2.0) -> bytes:
    """The SVG rasterised (vl-convert, already a dependency for charts), for slides and documents."""
    import vl_convert

    return vl_convert.svg_to_png(svg_text, scale=scale)
