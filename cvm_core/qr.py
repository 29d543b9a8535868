"""The join link as a QR code, drawn here as SVG (segno: pure Python, no network), so a phone in the room
can join from the projector. The SVG holds only squares: no text of the link, nothing a user typed."""

from __future__ import annotations

import io
from functools import lru_cache
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

JOIN_PARAM = "join"  # pages/home.py reads it


def join_link(page_url: str, code: str) -> str:
    """The link that opens the app's home page with the join code filled in, from the URL of any of its
    pages (the app is served at the root of its host)."""
    parts = urlsplit(page_url)
    return urlunsplit((parts.scheme, parts.netloc, "/", urlencode({JOIN_PARAM: code}), ""))


@lru_cache(maxsize=64)  # a workshop's link is drawn again on every refresh of the projector
def svg(text: str, *, dark: str = "#000000", light: str = "#ffffff") -> str:
    """`text` as a QR code: an SVG document without a fixed size (it fills its box), with the quiet zone
    scanners need around it, and medium error correction (still reads when partly glared)."""
    code = segno.make(text, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        border=4,
        dark=dark,
        light=light,
        xmldecl=False,
        svgns=True,
        omitsize=True,
        svgclass="cvm-qr",
        lineclass=None,
        nl=False,
    )
    # crisp edges: no hairline gaps between modules when the browser scales the drawing up
    return out.getvalue().decode("ascii").replace("<svg ", '<svg shape-rendering="crispEdges" ', 1)
