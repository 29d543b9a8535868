"""Calendar days as people write them in Russian and in English, stored as ISO text ("2026-12-31").

Accepted: ISO (2026-12-31), the Russian way (31.12.2026, 31.12.26), a day with a month's name in either
language (31 Dec 2026, Dec 31, 2026, 31 December 2026, 31 декабря 2026). Slashed dates (03/04/2026) are
refused: a Russian and an American reader take them for different days.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from cvm_core.i18n import t

_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RU_MONTHS = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_MONTH_DAY = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
WEEK = 7


def _month(word: str) -> int | None:
    word = word.casefold()
    for months in (_EN_MONTHS, _RU_MONTHS):
        for n, stem in enumerate(months, start=1):
            if word.startswith(stem) and not (stem == "ма" and word.startswith("мар")):
                return n
    return None


def _day(year: int, month: int | None, day: int) -> date | None:
    if month is None:
        return None
    try:
        return date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


def parse(value: object) -> date | None:
    """The day written in `value`, or None when it is not a day we can read without doubt."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value or "").split())
    if m := _ISO.match(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _DOTTED.match(text):
        return _day(int(m[3]), int(m[2]), int(m[1]))
    if m := _DAY_MONTH.match(text):
        return _day(int(m[3]), _month(m[2]), int(m[1]))
    if m := _MONTH_DAY.match(text):
        return _day(int(m[3]), _month(m[1]), int(m[2]))
    return None


def iso(value: str | date | None) -> date | None:
    """A stored day back as a date (None when empty or unreadable)."""
    return parse(value) if value else None


def show(value: str | date | None, lang: str) -> str:
    """A day for reading: 31.12.2026 in Russian, 31 Dec 2026 in English; "—" when there is none."""
    day = iso(value)
    if day is None:
        return "—"
    if lang == "ru":
        return day.strftime("%d.%m.%Y")
    return f"{day.day} {t(f'dates.month.{day.month}', lang)} {day.year}"


def overdue(due: str | date | None, today: date) -> bool:
    day = iso(due)
    return day is not None and day < today


def this_week(due: str | date | None, today: date) -> bool:
    """Due today or within the next seven days."""
    day = iso(due)
    return day is not None and today <= day < today + timedelta(days=WEEK)
