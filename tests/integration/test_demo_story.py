"""The demo's data files and their loader: per-language values complete, keys, `by`, rows listed under a
row, updates and progress written as the files say, a misspelt field refused."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from db import demo, read, workshops
from db.demo.story import ROUNDS, SETUP, Story, story_file

WORKSHOP_TOML = """
languages = ["en"]
story = ["people.toml"]
facilitator.en = "Fay"
join_code.en = "STORY2"

[workshop]
name.en = "A second round"
hour_rate.en = 50.0

[progress]
status = ["done", "in_progress", "not_started", "not_started", "not_started", "not_started", "not_started",
          "not_started", "not_started"]
timebox_minutes = [10, 20, 0, 0, 0, 0, 0, 0, 0]
current_step = 2
"""

PEOPLE_TOML = """
[[department]]
key = "sales"
name.en = "Sales"

[[department]]
key = "it"
name.en = "IT"

[[participant]]
key = "anna"
display_name.en = "Anna"
department_id = "sales"

[[customer]]
key = "shops"
by = "anna"
name.en = "Shops"
kind = "external"
customer_department = [{ department_id = "sales" }, { department_id = "it" }]

[[pain]]
key = "late"
by = "anna"
customer_id = "shops"
text.en = "Late"
author_id = "anna"

[[vote]]
by = "anna"
pain_id = "late"
participant_id = "anna"
dots = 2

[[update.customer]]
key = "shops"
by = "anna"
tagline.en = "On time"
"""


def per_language_values(value: Any) -> list[dict[str, Any]]:
    """Every table in a file's data that gives a value per language (names at least one language)."""
    if isinstance(value, list):
        return [found for item in value for found in per_language_values(item)]
    if not isinstance(value, dict):
        return []
    if value.keys() & set(SETUP["languages"]):
        return [value]
    return [found for item in value.values() for found in per_language_values(item)]


def test_every_value_given_per_language_names_every_language() -> None:
    files = [folder / name for folder in ROUNDS for name in ("workshop.toml", *story_file(folder)["story"])]
    tables = [t for path in files for t in per_language_values(tomllib.loads(path.read_text(encoding="utf-8")))]
    assert len(tables) > 300
    for table in tables:
        assert sorted(table) == sorted(SETUP["languages"]), table
        assert all(value != "" for value in table.values()), table


def story(folder: Path, people: str = PEOPLE_TOML) -> Path:
    (folder / "workshop.toml").write_text(WORKSHOP_TOML, encoding="utf-8")
    (folder / "people.toml").write_text(people, encoding="utf-8")
    return folder


def test_a_story_folder_is_written_as_its_files_say(engine: Engine, tmp_path: Path) -> None:
    workshop_id = Story(engine, "en", story(tmp_path)).build()
    w = workshops.workshop(engine, workshop_id=workshop_id)
    assert (w["name"], w["hour_rate"], w["current_step"]) == ("A second round", 50.0, 2)

    def rows(entity_name: str) -> list[dict[str, Any]]:
        return read.rows(engine, workshop_id=workshop_id, entity_name=entity_name)

    (customer,) = rows("customer")
    departments = {d["name"]: d["id"] for d in rows("department")}
    assert (customer["tagline"], customer["version"]) == ("On time", 2)
    links = {(link["customer_id"], link["department_id"]) for link in rows("customer_department")}
    assert links == {(customer["id"], departments["Sales"]), (customer["id"], departments["IT"])}
    (anna,) = [p for p in workshops.participants(engine, workshop_id=workshop_id) if p["role"] == "participant"]
    assert anna["department_id"] == departments["Sales"]
    (pain,) = rows("pain")
    (vote,) = rows("vote")
    assert (pain["author_id"], vote["participant_id"], vote["dots"]) == (anna["id"], anna["id"], 2)

    events = read.audit_events(engine, workshop_id=workshop_id, limit=100)
    written_by = {(e["entity"], e["action"]): (e["actor_id"], e["actor_name"]) for e in events}
    assert written_by[("customer", "create")] == (anna["id"], "Anna")
    assert written_by[("customer_department", "create")] == (anna["id"], "Anna")
    assert written_by[("customer", "update")] == (anna["id"], "Anna")
    assert written_by[("vote", "create")] == (None, "Anna")  # the system, in the voter's name
    assert written_by[("department", "create")][1] == "Fay"

    progress = {r["step"]: (r["status"], r["timebox_minutes"]) for r in rows("step_progress")}
    assert progress[1] == ("done", 10) and progress[2] == ("in_progress", 20) and progress[9] == ("not_started", 0)


def test_a_misspelt_field_stops_the_build(engine: Engine, tmp_path: Path) -> None:
    folder = story(tmp_path, PEOPLE_TOML.replace('customer_id = "shops"', 'custmer_id = "shops"'))
    with pytest.raises(ValueError, match="pain rows have no field custmer_id"):
        Story(engine, "en", folder).build()


def test_only_the_story_languages_are_built(engine: Engine) -> None:
    with pytest.raises(ValueError, match="no demo in language 'de'"):
        demo.build_demo(engine, "de")
