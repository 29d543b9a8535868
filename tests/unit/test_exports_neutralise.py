"""Formula prefixes are neutralised in spreadsheet cells; download names cannot escape their folder."""

import pytest

from cvm_core.exports import file_name
from cvm_core.exports.neutralise import cell, text
from cvm_core.exports.neutralise import file_name as safe_name


@pytest.mark.parametrize("raw", ["=1+1", "+7 days", "-1 call", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("x")'])
def test_a_text_a_spreadsheet_would_run_gets_an_apostrophe(raw: str) -> None:
    assert text(raw) == "'" + raw
    assert cell(raw) == "'" + raw


@pytest.mark.parametrize("raw", ["Доставка", "1 + 1", "e-mail", "", "'quoted"])
def test_plain_text_is_left_alone(raw: str) -> None:
    assert text(raw) == raw


@pytest.mark.parametrize("number", [-5, -5.5, 0, 3.25, True, None])
def test_numbers_booleans_and_empty_cells_stay_what_they_are(number: object) -> None:
    assert cell(number) is number or cell(number) == number
    assert type(cell(number)) is type(number)


def test_characters_excel_cannot_hold_are_replaced() -> None:
    assert text("a\x00b\x1fc") == "a b c"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Northwind Supply", "Northwind_Supply.pdf"),
        ("СеверСнаб", "СеверСнаб.pdf"),
        ("../../etc/passwd", "etc_passwd.pdf"),
        ("a\\b/c:d*e?f<g>h|i", "a_b_c_d_e_f_g_h_i.pdf"),
        ("line\nbreak\x00null", "line_break_null.pdf"),
        ("", "workshop.pdf"),
        ("...", "workshop.pdf"),
    ],
)
def test_download_names_are_safe(name: str, expected: str) -> None:
    assert safe_name(name, "pdf") == expected


def test_long_names_are_cut_and_each_format_has_its_extension() -> None:
    assert len(safe_name("x" * 500, "pdf")) <= 84
    assert file_name("Север / Q3", "csv") == "Север_Q3-csv.zip"
    assert file_name("Север / Q3", "xlsx") == "Север_Q3.xlsx"
    assert file_name("Север / Q3", "json") == "Север_Q3.json"
