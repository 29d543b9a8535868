"""Give memory back to the system after large, short-lived buffers (uploads, imports).

glibc raises its mmap threshold after the first large block is freed (up to 32 MB), so later uploads of
a few MB land in the heap, whose freed pages stay with the process. Fixing the threshold keeps every
block of 1 MB or more in its own mapping, returned on free; `trim()` hands back what the heaps freed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 1024 * 1024


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        libc.mallopt  # noqa: B018 - glibc only
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def keep_large_blocks_apart() -> bool:
    """Fix glibc's mmap threshold at 1 MB (no-op elsewhere); True when applied."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK)) and bool(libc.mallopt(M_TRIM_THRESHOLD, LARGE_BLOCK))


def trim() -> None:
    """Return the free memory at the top of glibc's heaps to the system."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
