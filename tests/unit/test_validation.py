"""Cleaning and validation of user input against the entity specs."""

import math

import pytest

from cvm_core.errors import ValidationError
from cvm_core.schema import entity
from cvm_core.validation import clean_text, parse_number, text_key, validate


def errors_of(name: str, data: dict, limits: dict | None = None) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate(entity(name), data, limits)
    return {e.field: e.key for e in caught.value.errors}


def test_clean_text_strips_controls_invisibles_and_spacing() -> None:
    assert clean_text("  a\x00b\u202e c\u200b  ") == "a b c"
    assert clean_text("line1\r\n  line2 ", multiline=True) == "line1\nline2"
    assert clean_text("one\ntwo") == "one two"


def test_blank_and_zero_width_names_are_required() -> None:
    for blank in ["", "   ", "\u200b\u200b", "\t\n", None]:
        assert errors_of("department", {"name": blank}) == {"name": "errors.required"}


def test_too_long_text_is_refused_with_the_limit() -> None:
    with pytest.raises(ValidationError) as caught:
        validate(entity("department"), {"name": "x" * 10_001})
    (error,) = caught.value.errors
    assert error.key == "errors.too_long" and error.params["max"] == 80 and error.params["count"] == 10_001


@pytest.mark.parametrize("raw", ["abc", "1,2,3", "inf", "-Infinity", "NaN", float("inf"), float("nan"), True, "1e999"])
def test_non_numbers_are_refused(raw: object) -> None:
    assert errors_of("pain", {"customer_id": 1, "text": "x", "severity": raw}) == {"severity": "errors.not_a_number"}


def test_numbers_accept_comma_decimals_and_spaces() -> None:
    assert parse_number("1 234,5") == 1234.5
    assert parse_number("") is None
    with pytest.raises(ValueError):  # pages turn a table's empty cell (NaN) into None first
        parse_number(float("nan"))


def test_ranges_use_workshop_limits() -> None:
    spec = entity("canvas_score")
    assert validate(spec, {"offering_id": 1, "factor_id": 2, "score": 7}, {"scale_max": 10})["score"] == 7
    assert errors_of("canvas_score", {"offering_id": 1, "factor_id": 2, "score": 11}, {"scale_max": 10}) == {
        "score": "errors.out_of_range"
    }
    assert errors_of("canvas_score", {"offering_id": 1, "factor_id": 2, "score": -1}, {"scale_max": 10}) == {
        "score": "errors.out_of_range"
    }


def test_whole_numbers_and_huge_integers() -> None:
    assert errors_of("pain", {"customer_id": 1, "text": "x", "severity": 2.5}) == {"severity": "errors.not_whole"}
    assert errors_of("customer", {"name": "c", "segment_size": 10**30}) == {"segment_size": "errors.out_of_range"}


def test_choices_refs_and_unknown_fields() -> None:
    assert errors_of("customer", {"name": "c", "kind": "vip"}) == {"kind": "errors.bad_choice"}
    assert errors_of("pain", {"customer_id": "abc", "text": "x"}) == {"customer_id": "errors.bad_reference"}
    assert errors_of("pain", {"customer_id": -3, "text": "x"}) == {"customer_id": "errors.bad_reference"}
    assert errors_of("department", {"name": "d", "colour": "red"}) == {"colour": "errors.unknown_field"}


def test_cross_field_checks() -> None:
    assert errors_of("customer", {"name": "c", "kind": "internal"}) == {
        "department_id": "errors.internal_needs_department"
    }
    self_promise = {"supplier_department_id": 3, "client_department_id": 3, "text": "x"}
    assert errors_of("internal_promise", self_promise) == {"client_department_id": "errors.self_promise"}
    closed = {"department_id": 1, "title": "t", "believe": "b", "verify": "v", "measure": "m", "right_if": "r"}
    assert set(errors_of("experiment", {**closed, "status": "closed"})) == {"observed", "learned", "decision"}


def test_defaults_fill_missing_fields() -> None:
    clean = validate(entity("pain"), {"customer_id": 1, "text": " Late delivery "})
    assert clean == {
        "customer_id": 1,
        "text": "Late delivery",
        "severity": 3,
        "frequency": 3,
        "hidden": False,
        "author_id": None,
        "entered_by_id": None,
    }


def test_text_key_ignores_case_and_spacing() -> None:
    assert text_key("  Sales   Dept ") == text_key("sales dept")
    assert text_key("ОТДЕЛ продаж") == text_key("отдел  продаж")
    assert not math.isnan(parse_number("0"))
