"""The JSON backup: built from a snapshot, read back, and every kind of bad file refused with a message
that says what is wrong and where."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cvm_core import settings as s
from cvm_core.exports import backup
from cvm_core.exports.backup import BadBackup, build, dumps, messages, parse
from cvm_core.i18n import t
from tests.unit.exports_data import snapshot


def good() -> dict:
    return json.loads(dumps(build(snapshot("ru"))))


def problems(raw: bytes) -> list[tuple[str, str]]:
    with pytest.raises(BadBackup) as caught:
        parse(raw)
    return [(p.path, p.key) for p in caught.value.problems]


def encode(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


def test_a_backup_has_its_format_version_and_no_secrets() -> None:
    doc = good()
    assert doc["format"] == "clientocracy-workshop" and doc["schema_version"] == backup.SCHEMA_VERSION
    assert doc["exported_at"].endswith("Z")
    assert "join_code" not in doc["workshop"] and "passcode_hash" not in json.dumps(doc)
    assert doc["participants"][1] == {"id": 2, "display_name": "Анна", "role": "participant", "department_id": 1}
    assert set(doc["pain"][0]) == {
        "id",
        "customer_id",
        "text",
        "severity",
        "frequency",
        "hidden",
        "author_id",
        "entered_by_id",
    }
    assert "created_at" not in json.dumps(doc) and "version" not in doc["pain"][0]


def test_a_good_file_reads_back_row_for_row() -> None:
    parsed = parse(dumps(build(snapshot("ru"))))
    assert parsed.workshop["name"] == "Мастерская «Север» / Q3"
    assert parsed.rows["pain"] == good()["pain"]
    assert [r["display_name"] for r in parsed.rows["participant"]] == ["Ведущая", "Анна", "Борис"]


def test_references_to_rows_that_are_gone_are_dropped_when_building() -> None:
    data = snapshot("ru")
    data["customer"][0]["department_id"] = 99  # its department was deleted: the reference is cleared
    data["pain"][0]["customer_id"] = 99  # a pain cannot live without its customer: it is left out
    doc = build(data)
    assert doc["customer"][0]["department_id"] is None
    assert [p["id"] for p in doc["pain"]] == [2, 3]
    assert [v["pain_id"] for v in doc["vote"]] == [2]  # and so is what hangs on it
    parse(dumps(doc))


def test_not_json_and_truncated_files() -> None:
    assert problems(b"this is not json") == [("", "export.import.not_json")]
    raw = dumps(build(snapshot("ru")))
    assert problems(raw[: len(raw) // 2]) == [("", "export.import.not_json")]
    assert problems(b"\xff\xfe\x00garbage") == [("", "export.import.not_utf8")]
    assert problems(b'{"a": NaN}') == [("", "export.import.not_json_constant")]
    assert problems(b"[1, 2]") == [("", "export.import.not_object")]
    assert problems(b'{"format": "something else"}') == [("format", "export.import.wrong_format")]


def test_a_newer_schema_is_refused_and_an_unknown_one_too() -> None:
    doc = good()
    doc["schema_version"] = backup.SCHEMA_VERSION + 1
    with pytest.raises(BadBackup) as caught:
        parse(encode(doc))
    assert caught.value.problems[0].key == "export.import.too_new"
    assert f"reads up to version {backup.SCHEMA_VERSION}" in messages(caught.value, "en")[0]
    for version in (0, "1", None, True):
        doc["schema_version"] = version
        assert problems(encode(doc))[0][0] == "schema_version"


def test_an_older_schema_is_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    def rename(doc: dict) -> dict:  # a made-up next version renamed "participants" from "people"
        doc["participants"] = doc.pop("people")
        return {**doc, "schema_version": doc["schema_version"] + 1}

    doc = good()
    doc["people"] = doc.pop("participants")
    monkeypatch.setattr(backup, "SCHEMA_VERSION", backup.SCHEMA_VERSION + 1)
    monkeypatch.setitem(backup.MIGRATIONS, backup.SCHEMA_VERSION - 1, rename)
    parsed = parse(encode(doc))
    assert parsed.schema_version == backup.SCHEMA_VERSION and len(parsed.rows["participant"]) == 3


def test_a_version_1_file_reads_as_version_2_without_actions_or_predecessor() -> None:
    doc = good()
    doc["schema_version"] = 1
    for key in ("action", "action_status"):
        doc.pop(key, None)
    for key in ("is_template", "predecessor_id", "predecessor_name"):
        doc["workshop"].pop(key, None)
    parsed = parse(encode(doc))
    assert parsed.schema_version == 2 and parsed.predecessor is None
    assert parsed.rows["action"] == [] and parsed.workshop["is_template"] is False
    assert len(parsed.rows["pain"]) == len(doc["pain"])


def test_the_predecessor_link_is_read_apart_from_the_settings() -> None:
    doc = good()
    doc["workshop"] |= {"predecessor_id": 7, "predecessor_name": "Round 1"}
    parsed = parse(encode(doc))
    assert parsed.predecessor == (7, "Round 1") and "predecessor_id" not in parsed.workshop
    doc["workshop"] |= {"predecessor_id": "7"}
    assert parse(encode(doc)).predecessor is None  # not a whole number: no link


def test_missing_fields_name_their_place() -> None:
    doc = good()
    del doc["department"][0]["id"]
    assert problems(encode(doc)) == [("department[0].id", "export.import.missing")]
    doc = good()
    del doc["pain"][1]["customer_id"]
    del doc["experiment"][0]["title"]
    assert problems(encode(doc)) == [
        ("pain[1].customer_id", "errors.required"),
        ("experiment[0].title", "errors.required"),
    ]
    doc = good()
    del doc["workshop"]
    assert problems(encode(doc)) == [("workshop", "export.import.missing")]


def test_a_reference_to_a_missing_row() -> None:
    doc = good()
    doc["pain"][2]["customer_id"] = 404
    doc["vote"][0]["participant_id"] = 77
    with pytest.raises(BadBackup) as caught:
        parse(encode(doc))
    lines = messages(caught.value, "en")
    assert lines == [
        "pain[2].customer_id: refers to customer 404, which is not in the file.",
        "vote[0].participant_id: refers to participant 77, which is not in the file.",
    ]


def test_values_are_checked_by_the_rules_of_the_ui() -> None:
    doc = good()
    doc["canvas_score"][3]["score"] = 11
    doc["pain"][0]["severity"] = "very"
    doc["department"][1]["name"] = "x" * 500
    doc["experiment"][1]["learned"] = ""
    with pytest.raises(BadBackup) as caught:
        parse(encode(doc))
    found = {(p.path, p.key) for p in caught.value.problems}
    assert found == {
        ("canvas_score[3].score", "errors.out_of_range"),
        ("pain[0].severity", "errors.not_a_number"),
        ("department[1].name", "errors.too_long"),
        ("experiment[1].learned", "errors.learning_required"),
    }
    assert "canvas_score[3].score: допустимо от 0 до 10." in messages(caught.value, "ru")


def test_shape_problems() -> None:
    doc = good()
    doc["pain"][0]["text"] = {"nested": "object"}
    doc["vote"] = "not a list"
    doc["department"][2]["id"] = 1
    doc["hackers"] = []
    found = set(problems(encode(doc)))
    assert found == {
        ("pain[0].text", "export.import.not_scalar"),
        ("vote", "export.import.not_list"),
        ("department[2].id", "export.import.duplicate_id"),
        ("hackers", "export.import.unknown_section"),
    }


def test_fifty_megabytes_of_text_are_refused_before_reading() -> None:
    doc = good()
    doc["note"][0]["text"] = "x" * (50 * 1024 * 1024)
    with pytest.raises(BadBackup) as caught:
        parse(encode(doc))
    (problem,) = caught.value.problems
    assert problem.key == "export.import.too_large" and problem.params["max_mb"] == s.IMPORT_MAX_MB


@pytest.mark.parametrize("depth", [s.IMPORT_MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_refused_without_parsing(depth: int) -> None:
    raw = ("[" * depth + "]" * depth).encode()
    assert problems(raw) == [("", "export.import.too_deep")]
    hidden = b'{"format": "clientocracy-workshop", "x": ' + b'{"a":' * depth + b"1" + b"}" * depth + b"}"
    assert problems(hidden) == [("", "export.import.too_deep")]


def test_brackets_inside_texts_do_not_count_as_nesting() -> None:
    doc = good()
    doc["note"][0]["text"] = '[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{ \\" ]]]'
    assert parse(encode(doc)).rows["note"][0]["text"].startswith("[[[[")
    assert not backup.nesting_too_deep('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', limit=3)
    assert backup.nesting_too_deep('{"a": [[[[1]]]]}', limit=3)


def test_problems_are_listed_up_to_a_limit() -> None:
    doc = good()
    doc["pain"] = [{"id": n, "customer_id": 999, "text": "x"} for n in range(1, 100)]
    with pytest.raises(BadBackup) as caught:
        parse(encode(doc))
    assert len(caught.value.problems) == s.IMPORT_MAX_PROBLEMS


PYTHON_WORDS = re.compile(r"Exceeds|sys\.|set_int_max|Error|Traceback|int\(|float\(|\bstr\b|object has|NoneType")


def _refusal(raw: bytes, lang: str) -> list[str]:
    with pytest.raises(BadBackup) as caught:
        parse(raw)
    return [t(caught.value.key, lang, **caught.value.params), *messages(caught.value, lang)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_huge_integer_is_refused_in_the_readers_language(lang: str) -> None:
    """A 4,301-digit literal used to show Python's "Exceeds the limit (4300 digits)…" text."""
    doc = json.loads(dumps(build(snapshot("ru"))))
    raw = dumps(doc).replace(b'"scale_max": 10', b'"scale_max": ' + b"9" * 4301)
    lines = _refusal(raw, lang)
    digits = {"en": "4,301", "ru": "4\xa0301"}[lang]  # as the reader's language writes the count
    assert digits in lines[1] and not PYTHON_WORDS.search(" ".join(lines))
    assert all(line[:1].isupper() and line.endswith(".") for line in lines)  # whole sentences
    assert ("цифр" in lines[1]) == (lang == "ru")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_edited_value_is_imported_or_refused_with_our_messages(data: st.DataObject) -> None:
    """One value anywhere in a good file replaced by any JSON value: parse() accepts the file or refuses
    it with catalogue messages in both languages, never with an exception of its own."""
    doc = json.loads(dumps(build(snapshot("ru"))))
    section = data.draw(st.sampled_from(["workshop", *[k for k, v in doc.items() if isinstance(v, list) and v]]))
    target = doc[section] if section == "workshop" else data.draw(st.sampled_from(doc[section]))
    key = data.draw(st.sampled_from(sorted(target)))
    target[key] = data.draw(JSON_VALUES)
    raw = json.dumps(doc, ensure_ascii=False, allow_nan=True).encode()
    try:
        parse(raw)
    except BadBackup:
        for lang in ("en", "ru"):
            assert not PYTHON_WORDS.search(" ".join(_refusal(raw, lang)))
