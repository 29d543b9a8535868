"""The sample workshops: the hand-written demo in Russian and English (`story`, read from the data files of
this folder) and the large synthetic one for benchmarks (`db.synthetic`)."""

from __future__ import annotations

from sqlalchemy import Engine

from db import synthetic, workshops
from db.demo.story import DEMO_PASSCODE, FACILITATOR, LANGUAGES, build_demo, build_rounds
from db.synthetic import LARGE, build_large

__all__ = ["DEMO_PASSCODE", "FACILITATOR", "LANGUAGES", "LARGE", "build_demo", "build_large", "build_rounds", "load"]


def load(engine: Engine, size: str = "demo") -> list[str]:
    """Create the demo workshops ("demo": in each language, the first round and the next one started from
    it) or the large one ("large"); lines to print."""
    if size == "demo":
        built = [(wid, "Demo", DEMO_PASSCODE) for lang in LANGUAGES for wid in build_rounds(engine, lang)]
    elif size == "large":
        built = [(build_large(engine), "Large", synthetic.PASSCODE)]
    else:
        raise ValueError(f"unknown demo size {size!r}")
    lines = []
    for workshop_id, label, passcode in built:
        w = workshops.workshop(engine, workshop_id=workshop_id)
        lines.append(
            f"{label} workshop '{w['name']}' ({w['language']}): join code {w['join_code']}, "
            f"facilitator passcode '{passcode}'"
        )
    return lines
