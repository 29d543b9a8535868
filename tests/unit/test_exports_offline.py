"""Charts become pictures without the network: vl-convert bundles its JavaScript, our fonts are shipped,
and a chart that asks for outside data is refused rather than fetched."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cvm_core.exports import pdf

ROOT = Path(__file__).resolve().parents[2]
SPEC = {
    "data": {"values": [{"factor": "Цена ↓", "score": 3}, {"factor": "Скорость", "score": 8}]},
    "mark": "line",
    "encoding": {"x": {"field": "factor", "type": "nominal"}, "y": {"field": "score", "type": "quantitative"}},
    "width": 300,
}
SCRIPT = """
import sys
from cvm_core.exports import pdf
image = pdf.chart_image({spec!r}, "ru")
svg = pdf.svg_image('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="20"><text y="15">Привет</text></svg>')
sys.stdout.write(str(image[:2] == b"\\xff\\xd8" and svg[:2] == b"\\xff\\xd8"))
"""


def test_the_fonts_ship_with_the_app() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert (pdf.FONTS / name).stat().st_size > 1000


def test_charts_render_with_no_network_at_all() -> None:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode != 0:
        pytest.skip("this machine cannot start a process without network (unshare -rn)")
    done = subprocess.run(
        [unshare, "-rn", sys.executable, "-c", SCRIPT.format(spec=SPEC)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": "/tmp"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "True"


def test_a_chart_cannot_fetch_outside_data() -> None:
    spec = {**SPEC, "data": {"url": "https://example.com/data.json"}}
    with pytest.raises(ValueError, match="(?i)not allowed|permission|denied|access"):
        pdf.chart_image(spec, "en")
