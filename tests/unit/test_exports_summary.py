"""The workshop summary assembled from a snapshot: every section, in the reader's language, with the
method's computed parts (ranking, canvas reading, health, P&L, bonus pools)."""

import pytest

from cvm_core import summary as sm
from tests.unit.exports_data import snapshot


@pytest.fixture(scope="module")
def summary() -> sm.Summary:
    return sm.build(snapshot("ru"), "en")


def blocks(summary: sm.Summary, key: str, kind: type) -> list:
    part = next(p for p in summary.sections if p.key == key)
    return [b for b in part.blocks if isinstance(b, kind)]


def test_every_section_in_order(summary: sm.Summary) -> None:
    keys = [p.key for p in summary.sections]
    assert keys == [
        "progress",
        "customers",
        "canvas",
        "promises",
        "network",
        "streams",
        "economics",
        "thread",
        "experiments",
        "actions",
        "notes",
    ]
    assert summary.title == "Мастерская «Север» / Q3" and summary.lang == "en"
    assert summary.sections[0].title == "Progress over the nine steps"


def test_progress_shows_the_facilitators_status_and_the_criterion(summary: sm.Summary) -> None:
    (figures,) = blocks(summary, "progress", sm.Figures)
    assert ("Steps done", "3 / 9") in figures.items
    (table,) = blocks(summary, "progress", sm.Table)
    assert table.rows[0][:2] == ["1. Customers", "Done"]
    assert len(table.rows) == 9


def test_customers_with_their_ranked_top_pains(summary: sm.Summary) -> None:
    (table,) = blocks(summary, "customers", sm.Table)
    assert table.rows[0][0] == "Рестораны"
    assert table.rows[0][-1] == "1. Доставка опаздывает (3 dots); 2. -1 звонок в день (1 dot)"


def test_the_canvas_has_its_chart_reading_and_scores(summary: sm.Summary) -> None:
    (chart,) = blocks(summary, "canvas", sm.Chart)
    assert chart.spec["width"] == 900 and chart.screen["width"] == "container"
    assert blocks(summary, "canvas", sm.Bullets)[0].items
    (table,) = blocks(summary, "canvas", sm.Table)
    assert table.headers == ["Value factor", "Мы", "Конкурент", "To be", "Action"]
    assert table.rows[1] == ["Скорость", 5.0, 8.5, 9.0, "Raise"]


def test_promises_with_health_and_backing(summary: sm.Summary) -> None:
    (table,) = blocks(summary, "promises", sm.Table)
    assert table.rows[0][0] == "Доставим в выбранное окно"
    assert table.rows[0][-2:] == ["At risk", 1]


def test_network_is_drawn_and_streams_listed(summary: sm.Summary) -> None:
    (svg,) = blocks(summary, "network", sm.Svg)
    assert svg.svg.lstrip().startswith("<?xml") and "Продажи" in svg.svg
    (streams,) = blocks(summary, "streams", sm.Table)
    assert len(blocks(summary, "streams", sm.Svg)) == 1
    assert streams.rows[0][-1] == "Исследование (Продажи) → Разработка (Склад)"


def test_economics_and_bonus_pools(summary: sm.Summary) -> None:
    assert len(blocks(summary, "economics", sm.Chart)) == 2
    teams, pools = blocks(summary, "economics", sm.Table)
    sales = next(r for r in teams.rows if r[0] == "Продажи")
    assert sales[1] == 100000 and sales[-1] == "Yes"
    assert pools.rows[0][:2] == ["Продажи", "1. Share of net profit"]
    assert pools.rows[0][-1] == pytest.approx(0.2 * sales[-2])


def test_experiments_open_and_closed_and_the_notes(summary: sm.Summary) -> None:
    opened, closed = blocks(summary, "experiments", sm.Table)
    assert opened.rows[0][1] == "Ночной приём заказов"
    assert closed.rows[0][2:] == ["Pivot", "Нужна вторая смена"]
    decisions, notes = blocks(summary, "notes", sm.Bullets)
    assert decisions.items == ["4. Strategy canvas: Снижаем цену, поднимаем скорость"]
    assert notes.items == ["General: Вернуться к ценам в октябре"]


def test_an_empty_workshop_has_a_summary_too() -> None:
    data = snapshot("en")
    empty = {"workshop": data["workshop"], "participant": data["participant"], "step_progress": data["step_progress"]}
    summary = sm.build(empty, "ru")
    assert [p.key for p in summary.sections][-1] == "notes"
    assert blocks(summary, "customers", sm.Text)[0].text == "Пока ничего нет."


@pytest.mark.parametrize(
    ("value", "en", "ru"),
    [(None, "—", "—"), (1200, "1,200", "1\u00a0200"), (-5.5, "−5.5", "−5,5"), (3.0, "3", "3"), ("", "", "")],
)
def test_cells_read_as_the_language_writes_numbers(value: object, en: str, ru: str) -> None:
    assert sm.cell_text(value, "en") == en and sm.cell_text(value, "ru") == ru


def test_the_golden_thread_section_has_money_at_risk_now_and_the_agenda(summary: sm.Summary) -> None:
    (figures,) = blocks(summary, "thread", sm.Figures)
    labels = dict(figures.items)
    assert labels["Segments' revenue at risk (2026-Q3)"] != "0" and labels["Promises broken or at risk"] == "1"
    segments, teams, gaps = blocks(summary, "thread", sm.Table)
    assert segments.headers[0] == "Segment" and segments.rows[0][0] == "Рестораны"
    assert teams.rows[0][0] == "Продажи" and teams.rows[0][5] < teams.rows[0][4]  # profit after below profit now
    values = [row[3] for row in gaps.rows]
    assert values == sorted(values, reverse=True) and len(gaps.rows) == int(labels["Gaps in the thread"])
