"""Rendered pictures kept on disk under a hash of what they show, shared by every process of the app.

A picture is written to a temporary file beside its final name and then renamed, which is atomic: two
processes making the same picture at once both succeed and a reader never sees half a file. The
folder holds at most PICTURE_CACHE_FILES pictures (the oldest go first). A folder that cannot be
written costs speed, never the export.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path

from cvm_core.settings import PICTURE_CACHE_FILES

ENV = "CVM_PICTURE_CACHE"  # a folder for the pictures; the system's temporary folder by default


def folder() -> Path:
    return Path(os.environ.get(ENV) or Path(tempfile.gettempdir()) / "cvm-pictures")


def key(*parts: str) -> str:
    """The file name stem for a picture made from `parts` (its spec, locale, renderer version…)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def cached(name: str, make: Callable[[], bytes]) -> bytes:
    """The picture stored under `name`, made by `make()` and stored when it is not there yet."""
    path = folder() / name
    try:
        return path.read_bytes()
    except OSError:
        pass
    picture = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f".{name}.{os.getpid()}.{secrets.token_hex(4)}.part")
        part.write_bytes(picture)
        os.replace(part, path)
        _trim(path.parent)
    except OSError:
        pass
    return picture


def _trim(where: Path) -> None:
    """Remove the oldest pictures beyond the limit (another process may be removing them too)."""
    entries = []
    with os.scandir(where) as found:
        for entry in found:
            if not entry.name.startswith("."):
                try:
                    entries.append((entry.stat().st_mtime, entry.path))
                except OSError:
                    continue
    for _, path in sorted(entries)[: max(0, len(entries) - PICTURE_CACHE_FILES)]:
        try:
            os.remove(path)
        except OSError:
            continue
