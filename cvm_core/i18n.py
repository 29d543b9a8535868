"""Catalogues of every user-visible string, in Russian and English.

Each language is a folder of TOML files under `locales/`; a key is the file's stem followed by the
key inside the file, so `locales/en/home.toml` with `[join] title = "..."` gives `home.join.title`.

A key whose value is a table of CLDR plural forms is a plural entry: `[dots] one = "{count} dot"
other = "{count} dots"` (Russian gives one, few, many and other). `t(key, lang, count=n)` picks the form
for `n`. Numbers passed as parameters are written for the reader (`cvm_core.fmt.number`): grouped
thousands, a decimal comma in Russian.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from cvm_core import fmt
from cvm_core.settings import DEFAULT_LANGUAGE, LANGUAGES

LOCALES = Path(__file__).parent / "locales"


def is_plural_table(value: Any) -> bool:
    return isinstance(value, dict) and "other" in value and set(value) <= set(fmt.PLURAL_FORMS)


def _flatten(prefix: str, tree: dict[str, Any], out: dict[str, str], forms: dict[str, dict[str, str]]) -> None:
    for key, value in tree.items():
        full = f"{prefix}.{key}"
        if is_plural_table(value):
            forms[full] = {form: str(text) for form, text in value.items()}
            out[full] = forms[full]["other"]
        elif isinstance(value, dict):
            _flatten(full, value, out, forms)
        else:
            out[full] = str(value)


@cache
def _load(lang: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    out: dict[str, str] = {}
    forms: dict[str, dict[str, str]] = {}
    for path in sorted((LOCALES / lang).glob("*.toml")):
        with path.open("rb") as fh:
            _flatten(path.stem, tomllib.load(fh), out, forms)
    return out, forms


def catalogue(lang: str) -> dict[str, str]:
    """Every key of one language (a plural entry by its "other" form)."""
    return _load(lang)[0]


def plurals(lang: str) -> dict[str, dict[str, str]]:
    """The plural entries of one language: key → {CLDR form: text}."""
    return _load(lang)[1]


def pick_language(candidate: str | None) -> str:
    """The first supported language named by a locale such as 'en-GB', else Russian."""
    code = (candidate or "").replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def _text(key: str, lang: str, count: Any) -> str:
    forms = plurals(lang).get(key)
    if forms is not None and fmt.is_number(count):
        return forms.get(fmt.plural_form(count, lang)) or forms["other"]
    return catalogue(lang).get(key) or ""


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The text for `key` in `lang` with `{name}` placeholders filled (numbers formatted for `lang`, the
    plural form chosen by `count`); the key itself if missing."""
    if not has(key, lang):
        lang = DEFAULT_LANGUAGE
    text = _text(key, lang, params.get("count")) or key
    if not params:
        return text
    shown = {name: fmt.number(value, lang) if fmt.is_number(value) else value for name, value in params.items()}
    try:
        return text.format(**shown)
    except (KeyError, IndexError, ValueError):
        return text


def has(key: str, lang: str = DEFAULT_LANGUAGE) -> bool:
    return key in catalogue(lang)
