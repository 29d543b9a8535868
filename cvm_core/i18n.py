"""Catalogues of every user-visible string, in Russian and English.

Each language is a folder of TOML files under `locales/`; a key is the file's stem followed by the
key inside the file, so `locales/en/home.toml` with `[join] title = "..."` gives `home.join.title`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from cvm_core.settings import DEFAULT_LANGUAGE, LANGUAGES

LOCALES = Path(__file__).parent / "locales"


def _flatten(prefix: str, tree: dict[str, Any], out: dict[str, str]) -> None:
    for key, value in tree.items():
        full = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = str(value)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every key of one language."""
    out: dict[str, str] = {}
    for path in sorted((LOCALES / lang).glob("*.toml")):
        with path.open("rb") as fh:
            _flatten(path.stem, tomllib.load(fh), out)
    return out


def pick_language(candidate: str | None) -> str:
    """The first supported language named by a locale such as 'en-GB', else Russian."""
    code = (candidate or "").replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The text for `key` in `lang` with `{name}` placeholders filled; the key itself if missing."""
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def has(key: str, lang: str = DEFAULT_LANGUAGE) -> bool:
    return key in catalogue(lang)
