"""A small but complete workshop snapshot, without a database, for the export tests: every artefact,
Cyrillic text, texts that a spreadsheet would run as formulas, and a negative number."""

from __future__ import annotations

from typing import Any

from cvm_core.schema import ENTITIES
from cvm_core.validation import default_value

FORMULA = '=HYPERLINK("http://example.com","click")'


def row(entity_name: str, row_id: int, **values: Any) -> dict[str, Any]:
    spec = ENTITIES[entity_name]
    return {"id": row_id, **{f.name: default_value(f) for f in spec.fields}, **values}


def snapshot(lang: str = "ru") -> dict[str, list[dict[str, Any]]]:
    ru = lang == "ru"
    metric = {"metric_name": "Доставки в окно" if ru else "On time", "metric_unit": "%", "metric_direction": "higher"}
    data: dict[str, list[dict[str, Any]]] = {name: [] for name in ENTITIES}
    data["workshop"] = [
        {
            "id": 7,
            "name": "Мастерская «Север» / Q3" if ru else "North / Q3 workshop",
            "organisation": "ООО «Север»" if ru else "North Ltd",
            "language": lang,
            "join_code": "ABCDEF",
            "scale_max": 10,
            "dots_per_person": 5,
            "voting_open": False,
            "voting_anonymous": True,
            "brainstorm_private": False,
            "current_step": 4,
        }
    ]
    data["participant"] = [
        {"id": 1, "display_name": "Ведущая", "role": "facilitator", "department_id": None},
        {"id": 2, "display_name": "Анна", "role": "participant", "department_id": 1},
        {"id": 3, "display_name": "Борис", "role": "participant", "department_id": 2},
    ]
    data["department"] = [
        row("department", 1, name="Продажи", description="Продаёт"),
        row("department", 2, name="Склад"),
        row("department", 3, name=FORMULA),
    ]
    data["customer"] = [
        row("customer", 1, name="Рестораны", segment_size=1200, customer_value=60000.0, ltv=18000.5, tagline="Вовремя"),
        row("customer", 2, name="Склад (внутренний)", kind="internal", department_id=2),
    ]
    data["customer_department"] = [
        row("customer_department", 1, customer_id=1, department_id=1),
        row("customer_department", 2, customer_id=2, department_id=1),
        row("customer_department", 3, customer_id=2, department_id=3),
    ]
    data["pain"] = [
        row("pain", 1, customer_id=1, text="Доставка опаздывает", severity=5, frequency=4, author_id=2),
        row("pain", 2, customer_id=1, text="-1 звонок в день", severity=2, frequency=2, author_id=3),
        row("pain", 3, customer_id=2, text="@SUM(A1:A9)", author_id=3),
    ]
    data["vote"] = [
        row("vote", 1, pain_id=1, participant_id=2, dots=3),
        row("vote", 2, pain_id=2, participant_id=3, dots=1),
    ]
    data["value_factor"] = [
        row("value_factor", 1, customer_id=1, name="Цена", weight=5, high_is_good=False),
        row("value_factor", 2, customer_id=1, name="Скорость", weight=8),
    ]
    data["factor_pain"] = [row("factor_pain", 1, factor_id=2, pain_id=1)]
    data["offering"] = [
        row("offering", 1, name="Мы", kind="ours"),
        row("offering", 2, name="Конкурент", kind="competitor"),
    ]
    data["canvas_score"] = [
        row("canvas_score", 1, offering_id=1, factor_id=1, score=6.0),
        row("canvas_score", 2, offering_id=1, factor_id=2, score=5.0),
        row("canvas_score", 3, offering_id=2, factor_id=1, score=4.0),
        row("canvas_score", 4, offering_id=2, factor_id=2, score=8.5),
    ]
    data["errc_action"] = [row("errc_action", 1, factor_id=2, action="raise", target_score=9.0, note="+ быстрее")]
    data["promise"] = [
        row(
            "promise",
            1,
            customer_id=1,
            factor_id=2,
            owner_department_id=1,
            text="Доставим в выбранное окно",
            metric_target=95.0,
            metric_current=88.0,
            authority_granted=True,
            status="agreed",
            status_by="Ведущая",
            status_at="2026-09-01T10:00:00+00:00",
            **metric,
        )
    ]
    data["internal_promise"] = [
        row(
            "internal_promise",
            1,
            supplier_department_id=2,
            client_department_id=1,
            text="Соберём заказ к 6:00",
            metric_target=98.0,
            metric_current=99.0,
            price_amount=1000.0,
            **metric,
        ),
        row("internal_promise", 2, supplier_department_id=3, client_department_id=1, text="\tскрытая формула"),
    ]
    data["promise_support"] = [
        row("promise_support", 1, internal_promise_id=1, parent_promise_id=1),
        row("promise_support", 2, internal_promise_id=2, parent_internal_id=1),
    ]
    data["team_member"] = [row("team_member", 1, department_id=1, name="Анна", role="руководитель", bonus_share=60.0)]
    data["communication_rule"] = [row("communication_rule", 1, what="Планёрка", cadence="ежедневно")]
    data["value_stream"] = [row("value_stream", 1, customer_id=1, name="Поток для ресторанов", leader="Анна")]
    data["value_stream_stage"] = [
        row("value_stream_stage", 1, stream_id=1, name="Исследование", position=0),
        row("value_stream_stage", 2, stream_id=1, name="Разработка", position=1),
    ]
    data["stage_department"] = [
        row("stage_department", 1, stage_id=1, department_id=1),
        row("stage_department", 2, stage_id=2, department_id=2),
    ]
    data["economics"] = [
        row(
            "economics",
            1,
            department_id=1,
            period="2026-Q3",
            success_metric_name="Выручка",
            success_target=100000.0,
            success_actual=-5.5,
            revenue_external=100000.0,
            direct_costs=60000.0,
            other_costs=5000.0,
            growth_target_pct=10.0,
            growth_actual_pct=12.0,
        ),
        row("economics", 2, department_id=2, period="2026-Q3", success_metric_name="Сборка", direct_costs=20000.0),
    ]
    data["motivation_plan"] = [row("motivation_plan", 1, department_id=1, variant=1, share_pct=20.0)]
    data["experiment"] = [
        row(
            "experiment",
            1,
            department_id=1,
            title="Ночной приём заказов",
            believe="Клиенты закажут позже",
            verify="Откроем приём до 23:00",
            measure="Долю поздних заказов",
            right_if="Доля выше 10 %",
        ),
        row(
            "experiment",
            2,
            department_id=2,
            title="Сборка к 6:00",
            believe="b",
            verify="v",
            measure="m",
            right_if="r",
            status="closed",
            observed="Собрали вовремя",
            learned="Нужна вторая смена",
            decision="pivot",
        ),
    ]
    data["feedback_round"] = [row("feedback_round", 1, name="Раунд 1")]
    data["feedback"] = [
        row("feedback", 1, round_id=1, client_department_id=1, supplier_department_id=2, score=8, comment="=1+1")
    ]
    data["mistake"] = [row("mistake", 1, department_id=1, what_happened="Потеряли заказ", why="Не было сверки")]
    data["note"] = [
        row("note", 1, step=4, kind="decision", text="Снижаем цену, поднимаем скорость"),
        row("note", 2, step=0, kind="note", text="Вернуться к ценам в октябре"),
    ]
    statuses = ["done", "done", "done", "in_progress"] + ["not_started"] * 5
    data["step_progress"] = [row("step_progress", n, step=n, status=s) for n, s in enumerate(statuses, start=1)]
    return data
