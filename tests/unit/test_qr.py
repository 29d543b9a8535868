"""The join link and its QR code: the link is the app's root with the code, and the SVG we draw decodes to it."""

import io

import pytest
import vl_convert
import zxingcpp
from PIL import Image

from cvm_core import qr


@pytest.mark.parametrize(
    ("page", "link"),
    [
        ("http://127.0.0.1:8501/projector", "http://127.0.0.1:8501/?join=ABC234"),
        ("https://workshop.example.org/console?x=1#top", "https://workshop.example.org/?join=ABC234"),
        ("http://host:8501/", "http://host:8501/?join=ABC234"),
    ],
)
def test_the_join_link_is_the_root_with_the_code(page: str, link: str) -> None:
    assert qr.join_link(page, "ABC234") == link


def decode(svg: str) -> list[str]:
    png = vl_convert.svg_to_png(svg, scale=1.0)
    image = Image.open(io.BytesIO(png)).convert("L").resize((400, 400), Image.NEAREST)
    return [found.text for found in zxingcpp.read_barcodes(image)]


def test_the_svg_decodes_to_the_link_and_holds_no_text() -> None:
    link = "http://127.0.0.1:8501/?join=ABC234"
    svg = qr.svg(link)
    assert svg.startswith("<svg ") and "viewBox" in svg and 'shape-rendering="crispEdges"' in svg
    assert "join" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "<script" not in svg and "<text" not in svg
    assert decode(svg) == [link]
    assert decode(qr.svg("http://other:1/?join=ZZZ999")) != [link]  # the decoder reads what is drawn
