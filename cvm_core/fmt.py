"""Numbers and counts for people, in the reader's language, from CLDR data (Babel).

One place decides how a number reads: thousands grouped ("12,345" / "12 345"), a decimal comma in
Russian, a typographic minus, at most two decimals, money with the workshop's currency label,
percentages, and which plural form a count takes ("1 dot", "2 dots"; "1 точка", "2 точки", "5 точек").
CSV and the JSON backup keep raw numbers: these are for reading only.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any

from babel import Locale
from babel.numbers import format_decimal, format_percent

from cvm_core.settings import DEFAULT_LANGUAGE, LANGUAGES

DASH = "—"
MINUS = "\u2212"
NBSP = "\u00a0"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
MONEY_WHOLE_FROM = 1000  # money from this amount up is shown in whole units


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


@lru_cache(maxsize=4096)
def _plural(lang: str, n: int | float) -> str:
    return locale(lang).plural_form(n)


@cache
def _separators(lang: str) -> dict[int, str] | None:
    """The language's group and decimal signs for Python's own formatting, when it groups by thousands
    as Python does (both of ours do); None sends numbers through Babel's slower general path."""
    if locale(lang).decimal_formats[None].grouping != (3, 3):
        return None
    symbols = locale(lang).number_symbols["latn"]
    return {ord(","): symbols["group"], ord("."): symbols["decimal"]}


def plural_form(n: int | float, lang: str) -> str:
    """The CLDR plural category of `n` in `lang`: "one", "few", "many" or "other" (Russian: 1, 21 → one;
    2, 22 → few; 0, 5, 11 → many; 1.5 → other)."""
    return _plural(lang, abs(n))


def plural_forms(lang: str) -> tuple[str, ...]:
    """The categories a catalogue's plural entry must give in `lang` (ru: one, few, many, other)."""
    return tuple(form for form in PLURAL_FORMS if form in locale(lang).plural_form.tags | {"other"})


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def number(value: Any, lang: str, digits: int = 2) -> str:
    """A number for reading: thousands grouped, at most `digits` decimals (trailing zeros dropped), a
    dash for nothing. Anything else is shown as it is."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return DASH
    if not is_number(value):
        return str(value)
    separators = _separators(lang)
    if separators is None:
        pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
        text = format_decimal(abs(value), format=pattern, locale=locale(lang))
    else:
        text = f"{abs(value):,.{max(digits, 0)}f}"
        text = (text.rstrip("0").rstrip(".") if digits > 0 else text).translate(separators)
    negative = value < 0 and any(c in "123456789" for c in text)
    return MINUS + text if negative else text


def integer(value: Any, lang: str) -> str:
    """A whole number (a count) with its thousands grouped."""
    return number(value, lang, 0)


def signed(value: Any, lang: str, digits: int = 2) -> str:
    """A change: "+4", "−5", "0"."""
    text = number(value, lang, digits)
    return "+" + text if is_number(value) and value > 0 and text[0].isdigit() and text.strip("0.,") else text


def ratio(part: Any, whole: Any, lang: str) -> str:
    """How many of how many: "3 / 10"."""
    return f"{integer(part, lang)} / {integer(whole, lang)}"


def _is_symbol(label: str) -> bool:
    return all(unicodedata.category(c) == "Sc" for c in label)


@cache
def _symbol_first(lang: str) -> bool:
    return str(locale(lang).currency_formats["standard"].pattern).startswith("¤")


@lru_cache(maxsize=256)
def money_affixes(lang: str, currency: str | None) -> tuple[str, str]:
    """What goes before and after an amount: a symbol where the language puts it ("€", "" in English;
    "", " €" in Russian); a word or a code after the number (" USD")."""
    label = (currency or "").strip()
    if not label:
        return "", ""
    if _is_symbol(label) and _symbol_first(lang):
        return label, ""
    return "", NBSP + label


def money(value: Any, lang: str, currency: str | None = "") -> str:
    """An amount of money: whole units from 1,000 up, else at most two decimals, with the workshop's
    currency label where one is set ("€1,200", "1 200 €", "1,200 USD")."""
    if not is_number(value):
        return number(value, lang)
    digits = 0 if abs(value) >= MONEY_WHOLE_FROM or float(value).is_integer() else 2
    text = number(value, lang, digits)
    before, after = money_affixes(lang, currency)
    sign = MINUS if text.startswith(MINUS) else ""
    return f"{sign}{before}{text.removeprefix(MINUS)}{after}"


def currency_of(data: Mapping[str, Any]) -> str:
    """The label a workshop snapshot shows amounts of money with ("" for plain numbers)."""
    workshop = (data.get("workshop") or [{}])[0]
    return str(workshop.get("currency") or "")


def money_label(label: str, currency: str | None) -> str:
    """A column or axis title for amounts of money: "Net profit, €" (unchanged without a currency)."""
    return f"{label}, {currency.strip()}" if currency and currency.strip() else label


@cache
def _percent_sign(lang: str) -> str:
    return format_percent(0, locale=locale(lang)).removeprefix("0")


def percent(fraction: Any, lang: str, digits: int = 0) -> str:
    """A share given as a fraction: 0.256 → "26%" / "26 %"."""
    if not is_number(fraction):
        return number(fraction, lang)
    return percent_points(fraction * 100, lang, digits)


def percent_points(value: Any, lang: str, digits: int = 2) -> str:
    """A share given in percent, as the method's fields hold it: 20.0 → "20%" / "20 %"."""
    if not is_number(value):
        return number(value, lang)
    return number(value, lang, digits) + _percent_sign(lang)


def vega_locale(lang: str) -> dict[str, Any]:
    """The number locale for a Vega-Lite chart's `config.locale`, so axes and tooltips read as text does."""
    symbols = locale(lang).number_symbols["latn"]
    number_locale = {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3], "minus": MINUS}
    return {"number": number_locale | {"currency": ["", ""]}}
