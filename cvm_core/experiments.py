"""Step 9: the hypothesis repository, feedback rounds between departments and the blameless mistakes log.

An experiment is a test card (we believe that / to verify it we will / and measure / we are right if,
with its cost and time) closed by a learning card (we observed / we learned / decision). The repository
keeps every experiment of the workshop and finds them by team, status, decision and words. In each
feedback round a client department scores its suppliers from 1 to 10; the matrix shows one round, the
trend shows each supplier's average score round after round.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cvm_core.completion import Completion, Missing, Snapshot
from cvm_core.i18n import t
from cvm_core.rows import Row
from cvm_core.settings import FEEDBACK_SCORE_MAX
from cvm_core.validation import text_key

if TYPE_CHECKING:  # altair is imported by the functions that draw, not by readers of numbers
    import altair as alt

MATRIX_ROW_HEIGHT, MATRIX_MIN_HEIGHT = 34, 160  # pixels per client row and at least
SEARCHED = ("title", "believe", "verify", "measure", "right_if", "observed", "learned")
TESTS = ("pain_id", "factor_id", "promise_id")  # what a test card may name as the artefact it tests


def search(
    experiments: Iterable[Row],
    *,
    departments: Collection[int] = (),
    statuses: Collection[str] = (),
    decisions: Collection[str] = (),
    text: str = "",
    tests: Collection[tuple[str, int]] = (),
) -> list[Row]:
    """Experiments of the chosen teams, statuses and decisions (an empty choice means any) whose cards
    contain every word of `text` (case and spacing do not count) and, when `tests` names artefacts as
    (field, id) pairs such as ("pain_id", 4), that test one of them."""
    words = text_key(text or "").split()
    found = []
    for e in experiments:
        if tests and not any(e.get(f) == ref for f, ref in tests):
            continue
        if departments and e.get("department_id") not in departments:
            continue
        if statuses and e.get("status") not in statuses:
            continue
        if decisions and (e.get("decision") or "") not in decisions:
            continue
        if words:
            haystack = text_key(" ".join(str(e.get(f) or "") for f in SEARCHED))
            if not all(w in haystack for w in words):
                continue
        found.append(e)
    return found


def testing(experiments: Iterable[Row], field: str) -> dict[int, list[Row]]:
    """Artefact id -> the experiments whose test card names it in `field` ("pain_id", "factor_id" or
    "promise_id"), newest first."""
    out: dict[int, list[Row]] = defaultdict(list)
    for e in experiments:
        if e.get(field) is not None:
            out[e[field]].append(e)
    for rows in out.values():
        rows.sort(key=lambda e: -e["id"])
    return dict(out)


def open_experiments(experiments: Iterable[Row]) -> list[Row]:
    """Experiments still waiting for their learning card."""
    return [e for e in experiments if e.get("status") != "closed"]


def decision_counts(experiments: Iterable[Row]) -> dict[str, int]:
    """How many closed experiments ended in each decision."""
    counts: dict[str, int] = defaultdict(int)
    for e in experiments:
        if e.get("status") == "closed" and e.get("decision"):
            counts[e["decision"]] += 1
    return dict(counts)


@dataclass(frozen=True)
class Cell:
    """One client's score for one supplier in one round."""

    client: str
    supplier: str
    score: int
    comment: str


def matrix(feedback: Iterable[Row], departments: Iterable[Row], round_id: int) -> list[Cell]:
    """The scores of one round, client by supplier, sorted by client then supplier."""
    names = {d["id"]: d["name"] for d in departments}
    cells = [
        Cell(names[f["client_department_id"]], names[f["supplier_department_id"]], f["score"], f.get("comment") or "")
        for f in feedback
        if f["round_id"] == round_id and f["client_department_id"] in names and f["supplier_department_id"] in names
    ]
    return sorted(cells, key=lambda c: (c.client, c.supplier))


@dataclass(frozen=True)
class Trend:
    """A supplier's average score per round (None where nobody rated it), oldest round first."""

    department_id: int
    name: str
    averages: tuple[float | None, ...]

    @property
    def last(self) -> float | None:
        rated = [a for a in self.averages if a is not None]
        return rated[-1] if rated else None

    @property
    def change(self) -> float | None:
        """The last rated round's average minus the one before it."""
        rated = [a for a in self.averages if a is not None]
        return rated[-1] - rated[-2] if len(rated) >= 2 else None


def trends(feedback: Iterable[Row], rounds: Iterable[Row], departments: Iterable[Row]) -> list[Trend]:
    """Each rated supplier's average score round by round (rounds in the order they were created)."""
    order = [r["id"] for r in sorted(rounds, key=lambda r: r["id"])]
    scores: dict[tuple[int, int], list[int]] = defaultdict(list)
    for f in feedback:
        scores[(f["supplier_department_id"], f["round_id"])].append(f["score"])
    rated = {supplier for supplier, _ in scores}
    out = []
    for d in sorted(departments, key=lambda d: d["name"]):
        if d["id"] not in rated:
            continue
        averages = tuple(sum(s) / len(s) if (s := scores.get((d["id"], r))) else None for r in order)
        out.append(Trend(d["id"], d["name"], averages))
    return out


def matrix_chart(cells: Iterable[Cell], lang: str) -> alt.LayerChart:
    """A heatmap of one round: clients down, suppliers across, red (low) to green (high), score in the cell."""
    import altair as alt

    values = [{"client": c.client, "supplier": c.supplier, "score": c.score, "comment": c.comment} for c in cells]
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X("supplier:N", title=t("step9.chart.supplier", lang), axis=alt.Axis(labelAngle=-40, labelLimit=160)),
        y=alt.Y("client:N", title=t("step9.chart.client", lang), axis=alt.Axis(labelLimit=160)),
    )
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "score:Q",
            title=t("step9.chart.score", lang),
            scale=alt.Scale(domain=[1, FEEDBACK_SCORE_MAX], scheme="redyellowgreen"),
        ),
        tooltip=[
            alt.Tooltip("client:N", title=t("step9.chart.client", lang)),
            alt.Tooltip("supplier:N", title=t("step9.chart.supplier", lang)),
            alt.Tooltip("score:Q", title=t("step9.chart.score", lang)),
            alt.Tooltip("comment:N", title=t("step9.chart.comment", lang)),
        ],
    )
    text = base.mark_text(fontSize=13, fontWeight="bold").encode(text="score:Q")
    clients = len({c["client"] for c in values})
    return alt.layer(rect, text).properties(
        height=max(MATRIX_MIN_HEIGHT, MATRIX_ROW_HEIGHT * clients), title=t("step9.chart.matrix_title", lang)
    )


def trend_chart(found: Iterable[Trend], rounds: Iterable[Row], lang: str) -> alt.Chart:
    """One line per supplier: its average score round after round."""
    import altair as alt

    names = [r["name"] for r in sorted(rounds, key=lambda r: r["id"])]
    values = [
        {"department": tr.name, "round": names[i], "order": i, "average": round(a, 2)}
        for tr in found
        for i, a in enumerate(tr.averages)
        if a is not None
    ]
    return (
        alt.Chart(alt.Data(values=values))
        .mark_line(point=True)
        .encode(
            x=alt.X("round:N", sort=names, title=t("step9.chart.round", lang)),
            y=alt.Y("average:Q", title=t("step9.chart.average", lang), scale=alt.Scale(domain=[1, FEEDBACK_SCORE_MAX])),
            color=alt.Color("department:N", title=t("step9.chart.supplier", lang)),
            tooltip=[
                alt.Tooltip("department:N", title=t("step9.chart.supplier", lang)),
                alt.Tooltip("round:N", title=t("step9.chart.round", lang)),
                alt.Tooltip("average:Q", title=t("step9.chart.average", lang)),
            ],
        )
        .properties(height=320, title=t("step9.chart.trend_title", lang))
    )


def rounds_held(rounds: Iterable[Row], feedback: Iterable[Row]) -> list[Row]:
    """Rounds in which at least one client scored a supplier."""
    used = {f["round_id"] for f in feedback}
    return [r for r in rounds if r["id"] in used]


def completion(data: Snapshot) -> Completion:
    """Step 9: every team that takes part has at least one experiment, and a feedback round was held."""
    chosen = sorted((d for d in data.get("department", []) if d.get("takes_part", True)), key=lambda d: d["name"])
    with_experiment = {e["department_id"] for e in data.get("experiment", [])}
    missing = [
        Missing("step9.missing.no_experiment", {"team": d["name"]}) for d in chosen if d["id"] not in with_experiment
    ]
    held = bool(rounds_held(data.get("feedback_round", []), data.get("feedback", [])))
    if not held:
        missing.append(Missing("step9.missing.no_feedback_round"))
    if not chosen:
        missing.insert(0, Missing("step9.missing.no_teams"))
    total = len(chosen) + 1
    return Completion(total - len(missing) if chosen else 0, total, tuple(missing))
