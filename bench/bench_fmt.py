"""Numbers and plural messages for people (cvm_core.fmt, i18n.t with a count) against the f-strings
they replaced, measured in the same run: a thousand values of a table column, and a thousand messages."""

from __future__ import annotations

import random

from bench.common import median_ms, row, timings
from cvm_core import fmt, i18n

VALUES = [random.Random(7).uniform(-1e6, 1e6) for _ in range(1000)]
COUNTS = list(range(1000))
RUNS = 30


def main() -> None:
    floor = median_ms(timings(lambda: [f"{v:,.2f}".replace(",", "\u202f") for v in VALUES], RUNS))
    print("1,000 values; medians of", RUNS, "runs")
    print(row("floor: f-string with grouping", floor))
    for lang in ("ru", "en"):
        number = median_ms(timings(lambda lang=lang: [fmt.number(v, lang) for v in VALUES], RUNS))
        money = median_ms(timings(lambda lang=lang: [fmt.money(v, lang, "€") for v in VALUES], RUNS))
        print(row(f"fmt.number, {lang}", number, floor))
        print(row(f"fmt.money with a label, {lang}", money, floor))
    plain = median_ms(timings(lambda: [i18n.t("summary.fig.pains", "ru") + f": {n}" for n in COUNTS], RUNS))
    print("\n1,000 messages with a count")
    print(row("floor: t() without parameters + f-string", plain))
    plural = median_ms(timings(lambda: [i18n.t("summary.dots", "ru", count=n) for n in COUNTS], RUNS))
    print(row("t(key, count=n): plural form, grouped number", plural, plain))
