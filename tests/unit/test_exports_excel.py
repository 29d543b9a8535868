"""The Excel export read back with openpyxl: a sheet per artefact, headers in the workshop's language,
typed cells, a frozen header row, and no formula anywhere."""

import io

import pytest
from openpyxl import load_workbook

from cvm_core.exports import excel
from cvm_core.schema import ENTITIES
from tests.unit.exports_data import FORMULA, snapshot


@pytest.fixture(scope="module")
def book_ru():
    return load_workbook(io.BytesIO(excel.render(snapshot("ru"))))


def values(sheet) -> list[list]:  # noqa: ANN001
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def column(sheet, header: str) -> list:  # noqa: ANN001
    rows = values(sheet)
    i = rows[0].index(header)
    return [r[i] for r in rows[1:]]


def test_one_sheet_per_artefact_named_in_russian(book_ru) -> None:  # noqa: ANN001
    names = book_ru.sheetnames
    assert names[:4] == ["Мастерская", "Участники", "Подразделения", "Клиенты"]
    assert {"Боли", "Голоса", "Обещания клиентам", "Внутренние обещания", "Эксперименты"} <= set(names)
    assert len(names) == 2 + len(ENTITIES) and all(len(n) <= 31 for n in names)  # settings, people, artefacts


def test_headers_and_choices_are_in_the_workshop_language(book_ru) -> None:  # noqa: ANN001
    customers = values(book_ru["Клиенты"])
    assert customers[0][:3] == ["Клиент", "Тип", "Внутренний клиент (подразделение)"]
    assert customers[1][:2] == ["Рестораны", "Внешний сегмент"]
    assert customers[2][2] == "Склад"  # a reference shows the department's name
    english = load_workbook(io.BytesIO(excel.render(snapshot("en"))))
    assert english.sheetnames[2] == "Departments"
    assert values(english["Customers"])[0][:2] == ["Customer", "Kind"]


def test_numbers_are_numbers_and_flags_are_booleans(book_ru) -> None:  # noqa: ANN001
    economics = book_ru["Экономика"]
    assert column(economics, "Выручка от внешних клиентов")[0] == 100000
    actual = column(economics, "Факт")[0]
    assert actual == -5.5 and isinstance(actual, float)  # a negative number is not neutralised
    assert column(book_ru["Клиенты"], "Размер сегмента")[0] == 1200
    assert column(book_ru["Подразделения"], "Участвует")[0] is True
    for sheet in book_ru.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, int | float) and not isinstance(c.value, bool):
                    assert c.data_type == "n"


def test_the_header_row_is_frozen_on_every_sheet(book_ru) -> None:  # noqa: ANN001
    assert {sheet.freeze_panes for sheet in book_ru.worksheets} == {"A2"}
    assert all(c.font.bold for c in book_ru["Боли"][1])


def test_formula_texts_are_neutralised(book_ru) -> None:  # noqa: ANN001
    assert column(book_ru["Подразделения"], "Подразделение")[2] == "'" + FORMULA
    pains = column(book_ru["Боли"], "Боль")
    assert pains[1] == "'-1 звонок в день" and pains[2] == "'@SUM(A1:A9)"
    assert column(book_ru["Обратная связь"], "Комментарий") == ["'=1+1"]
    assert column(book_ru["Внутренние обещания"], "Внутреннее обещание")[1] == "'\tскрытая формула"
    for sheet in book_ru.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)


def test_anonymous_votes_do_not_name_the_voter(book_ru) -> None:  # noqa: ANN001
    assert values(book_ru["Голоса"])[0] == ["Боль", "Точки"]
    named = snapshot("ru")
    named["workshop"][0]["voting_anonymous"] = False
    book = load_workbook(io.BytesIO(excel.render(named)))
    assert values(book["Голоса"])[1] == ["Доставка опаздывает", "Анна", 3, None]  # None: she placed her dots herself


def test_promises_carry_their_health(book_ru) -> None:  # noqa: ANN001
    assert column(book_ru["Обещания клиентам"], "Состояние") == ["Под угрозой"]
    assert column(book_ru["Внутренние обещания"], "Состояние") == ["Выполнено", "Нет данных"]


def test_numbers_are_grouped_and_money_carries_the_currency_label() -> None:
    data = snapshot("ru")
    data["workshop"][0]["currency"] = "₽"
    book = load_workbook(io.BytesIO(excel.render(data)))
    customers = book["Клиенты"]
    header = [c.value for c in customers[1]]
    size, value = customers[2][header.index("Размер сегмента")], customers[2][header.index("Ценность клиента")]
    assert (size.value, size.number_format) == (1200, "#,##0")
    assert (value.value, value.number_format) == (60000, '#,##0"\u00a0₽"')
    economics = book["Экономика"]
    header = [c.value for c in economics[1]]
    assert economics[2][header.index("Факт")].number_format == "#,##0.##"  # −5.5 keeps its decimals
    english = excel.number_formats("en", "€")
    assert english[("money", True)] == '"€"#,##0' and english[("money", False)] == '"€"#,##0.00'
    assert excel.number_formats("en", 'a"b')[("money", True)] == '#,##0"\u00a0ab"'
    assert excel.number_formats("en", "")[("money", True)] == "#,##0"
