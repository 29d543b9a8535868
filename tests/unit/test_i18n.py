"""The ru and en catalogues have the same keys, and every key the code names exists."""

import ast
import re
from pathlib import Path

from cvm_core import i18n

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *[p for d in ("pages", "ui", "cvm_core", "db") for p in (ROOT / d).rglob("*.py")]]
PREFIXES = {p.stem for p in (i18n.LOCALES / "en").glob("*.toml")}
KEY = re.compile(rf"^({'|'.join(sorted(PREFIXES))})\.[a-z0-9_]+(\.[a-z0-9_]+)*$")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def literal_keys() -> set[str]:
    """String literals in the code that look like catalogue keys (parts of f-strings excluded)."""
    found = set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings:
                if KEY.match(node.value):
                    found.add(node.value)
    return found


def exists(key: str, lang: str) -> bool:
    """A key, or the name of a group of keys (e.g. "choices.status" for "choices.status.draft")."""
    return i18n.has(key, lang) or any(k.startswith(key + ".") for k in i18n.catalogue(lang))


def test_languages_have_the_same_keys() -> None:
    en, ru = set(i18n.catalogue("en")), set(i18n.catalogue("ru"))
    assert en - ru == set(), "missing in ru"
    assert ru - en == set(), "missing in en"


def test_placeholders_match_between_languages() -> None:
    en, ru = i18n.catalogue("en"), i18n.catalogue("ru")
    for key in en:
        assert set(PLACEHOLDER.findall(en[key])) == set(PLACEHOLDER.findall(ru[key])), key


def test_every_plural_form_has_the_placeholders_of_its_other_form() -> None:
    for lang in ("ru", "en"):
        for key, forms in i18n.plurals(lang).items():
            other = set(PLACEHOLDER.findall(forms["other"]))
            assert "count" in other, (lang, key)
            for form, text in forms.items():
                assert set(PLACEHOLDER.findall(text)) == other, (lang, key, form)


def test_every_key_named_in_code_exists() -> None:
    keys = literal_keys()
    assert len(keys) > 50
    missing = sorted(k for k in keys if not exists(k, "en") or not exists(k, "ru"))
    assert missing == []


def test_every_field_and_choice_has_a_label() -> None:
    from cvm_core.schema import ENTITIES

    for spec in ENTITIES.values():
        for f in spec.fields:
            assert i18n.has(f"fields.{spec.name}.{f.name}") or i18n.has(f"fields.common.{f.name}"), (spec.name, f.name)


def test_language_pick_and_fallback() -> None:
    assert i18n.pick_language("en-GB") == "en"
    assert i18n.pick_language("de-DE") == "ru"
    assert i18n.pick_language(None) == "ru"
    assert i18n.t("no.such.key", "en") == "no.such.key"
    assert "{" not in i18n.t("errors.too_long", "ru", count=5, max=3)
