"""The plain data every function of the method works on: rows as dicts, a workshop as rows by entity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Row = Mapping[str, Any]  # one row, as the method reads it
# {"workshop": [row], "participant": [...], "<entity>": [rows in id order], ...}
Snapshot = Mapping[str, list[Row]]
