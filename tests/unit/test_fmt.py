"""Numbers, money, percentages and plural forms read as each language writes them."""

import pytest

from cvm_core import fmt, i18n

NBSP = "\u00a0"
COUNTS = (0, 1, 2, 5, 11, 21, 22)
# The CLDR form each count takes: Russian one (1, 21), few (2, 22), many (0, 5, 11); English one (1).
EXPECTED = {
    "ru": {0: "many", 1: "one", 2: "few", 5: "many", 11: "many", 21: "one", 22: "few"},
    "en": {0: "other", 1: "one", 2: "other", 5: "other", 11: "other", 21: "other", 22: "other"},
}


def test_numbers_are_grouped_with_the_language_separators() -> None:
    assert fmt.number(1234567.891, "en") == "1,234,567.89"
    assert fmt.number(1234567.891, "ru") == f"1{NBSP}234{NBSP}567,89"
    assert fmt.number(-12.5, "ru") == "−12,5" and fmt.number(-0.001, "en") == "0"
    assert fmt.number(3.0, "en") == "3" and fmt.number(0.125, "en") == "0.12"
    assert fmt.number(None, "ru") == "—" and fmt.number(float("nan"), "en") == "—" and fmt.number("x", "en") == "x"
    assert fmt.integer(25000, "ru") == f"25{NBSP}000" and fmt.integer(25000, "en") == "25,000"
    assert fmt.number(2.5, "de") == "2,5"  # an unknown language reads as the default (Russian)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_quick_path_writes_what_cldr_says(lang: str) -> None:
    """Python's own grouping with the language's CLDR signs gives what Babel's general formatter gives."""
    from random import Random

    from babel.numbers import format_decimal

    values = [n / 100 for n in Random(5).sample(range(-(10**12), 10**12), 300)] + [0, 999, 1000, 1234567]
    for value in values:
        expected = format_decimal(abs(value), format="#,##0.##", locale=lang)
        assert fmt.number(value, lang) == ("−" if value < 0 else "") + expected, value


def test_changes_and_ratios() -> None:
    assert fmt.signed(4, "en") == "+4" and fmt.signed(-5.5, "ru") == "−5,5" and fmt.signed(0, "en") == "0"
    assert fmt.ratio(1200, 3000, "ru") == f"1{NBSP}200 / 3{NBSP}000"


def test_money_with_and_without_a_currency_label() -> None:
    assert fmt.money(1234567.4, "en") == "1,234,567" and fmt.money(12.5, "ru") == "12,5"
    assert fmt.money(1200, "en", "€") == "€1,200" and fmt.money(-1200, "en", "$") == "−$1,200"
    assert fmt.money(1200, "ru", "₽") == f"1{NBSP}200{NBSP}₽" and fmt.money(1200, "ru", "€") == f"1{NBSP}200{NBSP}€"
    assert fmt.money(1200, "en", "USD") == f"1,200{NBSP}USD" and fmt.money(5, "ru", "тыс. ₽") == f"5{NBSP}тыс. ₽"
    assert fmt.money(None, "en", "€") == "—"
    assert fmt.money_label("Net profit", "€") == "Net profit, €" and fmt.money_label("Net profit", "  ") == "Net profit"
    assert fmt.currency_of({"workshop": [{"currency": "₽"}]}) == "₽" and fmt.currency_of({}) == ""


def test_percentages() -> None:
    assert fmt.percent(0.256, "en") == "26%" and fmt.percent(0.256, "ru") == f"26{NBSP}%"
    assert fmt.percent(0.5, "en", 1) == "50%" and fmt.percent_points(12.5, "ru") == f"12,5{NBSP}%"
    assert fmt.percent_points(None, "en") == "—"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_plural_categories_follow_cldr(lang: str) -> None:
    assert {n: fmt.plural_form(n, lang) for n in COUNTS} == EXPECTED[lang]
    assert fmt.plural_form(1.5, "ru") == "other" and fmt.plural_form(-21, "ru") == "one"
    assert fmt.plural_forms("ru") == ("one", "few", "many", "other") and fmt.plural_forms("en") == ("one", "other")


def test_the_chart_locale_matches_the_text() -> None:
    assert fmt.vega_locale("ru")["number"]["decimal"] == "," and fmt.vega_locale("ru")["number"]["thousands"] == NBSP
    assert fmt.vega_locale("en")["number"]["thousands"] == ","


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_plural_key_picks_its_form_at_every_count(lang: str) -> None:
    """Each plural entry gives every form the language needs, and `t` fills the right one with the count."""
    plurals = i18n.plurals(lang)
    assert len(plurals) >= 20
    for key, forms in plurals.items():
        assert set(fmt.plural_forms(lang)) <= set(forms), (lang, key)
        for n in COUNTS:
            params = {"count": n, "max": 80, "left": 3, "rank": 1, "mine": 0, "text": "x", "loop": "a → b"}
            params |= {"total": 10, "factors": "f", "found": 4, "share": "20%", "profit": "1", "met": 1, "pool": "2"}
            params |= {"names": "n", "name": "Bob"}
            text = i18n.t(key, lang, **params)
            assert text == forms[EXPECTED[lang][n]].format(**params), (lang, key, n)
            assert str(n) in text and "{" not in text, (lang, key, n)


def test_russian_dots_agree_with_their_number() -> None:
    said = {n: i18n.t("summary.dots", "ru", count=n) for n in (1, 2, 5, 11, 21, 22, 0)}
    assert said == {
        1: "1 точка",
        2: "2 точки",
        5: "5 точек",
        11: "11 точек",
        21: "21 точка",
        22: "22 точки",
        0: "0 точек",
    }
    assert [i18n.t("summary.dots", "en", count=n) for n in (1, 2, 0)] == ["1 dot", "2 dots", "0 dots"]


def test_numbers_in_messages_are_written_for_the_reader() -> None:
    assert i18n.t("summary.dots", "ru", count=1234) == f"1{NBSP}234 точки"
    assert i18n.t("summary.dots", "en", count=1234) == "1,234 dots"
    assert (
        i18n.t("errors.out_of_range", "ru", min=0, max=1e12)
        == f"допустимо от 0 до 1{NBSP}000{NBSP}000{NBSP}000{NBSP}000."
    )
    assert i18n.t("summary.dots", "ru") == "{count} точки"  # no count: the "other" form, untouched
