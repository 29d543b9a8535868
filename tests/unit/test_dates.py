"""Days as people write them in both languages, stored as ISO text; overdue and due within the week."""

from datetime import date

import pytest

from cvm_core import dates
from cvm_core.errors import ValidationError
from cvm_core.schema import entity
from cvm_core.validation import validate


@pytest.mark.parametrize(
    "typed",
    ["2026-03-04", "04.03.2026", "4.3.26", "4 Mar 2026", "Mar 4, 2026", "4 March 2026", "4 марта 2026", "4 мар. 2026"],
)
def test_both_languages_ways_read_the_same_day(typed: str) -> None:
    assert dates.parse(typed) == date(2026, 3, 4)


@pytest.mark.parametrize("typed", ["03/04/2026", "2026-02-30", "31.13.2026", "tomorrow", "4 Foo 2026", ""])
def test_ambiguous_or_impossible_days_are_not_guessed(typed: str) -> None:
    assert dates.parse(typed) is None


def test_may_is_not_march_in_russian() -> None:
    assert dates.parse("1 мая 2026") == date(2026, 5, 1) and dates.parse("1 марта 2026") == date(2026, 3, 1)


def test_a_day_is_shown_in_the_readers_language() -> None:
    assert dates.show("2026-05-03", "ru") == "03.05.2026"
    assert dates.show("2026-05-03", "en") == "3 May 2026"
    assert dates.show(None, "en") == "—"


def test_the_validation_stores_iso_and_names_the_field_it_cannot_read() -> None:
    spec = entity("action")
    assert validate(spec, {"text": "x", "due": "31.12.2026"})["due"] == "2026-12-31"
    assert validate(spec, {"text": "x", "due": date(2026, 1, 2)})["due"] == "2026-01-02"
    assert validate(spec, {"text": "x", "due": "  "})["due"] is None
    with pytest.raises(ValidationError) as caught:
        validate(spec, {"text": "x", "due": "12/31/2026"})
    assert (caught.value.errors[0].field, caught.value.errors[0].key) == ("due", "dates.bad")


def test_overdue_and_this_week() -> None:
    today = date(2026, 12, 6)
    assert dates.overdue("2026-12-05", today) and not dates.overdue("2026-12-06", today)
    assert dates.this_week("2026-12-06", today) and dates.this_week("2026-12-12", today)
    assert not dates.this_week("2026-12-13", today) and not dates.this_week(None, today)
