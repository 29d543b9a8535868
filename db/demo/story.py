"""The hand-written demo workshop: read from the TOML files of a story folder (round1/, see ../README.md) and
written through the services, so the demo obeys the same validation as the UI and every row has an audit
entry naming the person who wrote it.

In the files, a value given per language (`name.en`, `name.ru`) is taken in the workshop's language; a
reference field holds the `key` of the row it points to; `by` names the participant who writes the row (the
facilitator when absent); a list named after another entity holds rows of it that belong to this row.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from cvm_core import carry
from cvm_core.schema import ENTITIES, REF, WORKSHOP, Entity
from db import read, rounds, services, workshops
from db.services import Actor

ROUND1 = Path(__file__).parent / "round1"
ROUND2 = Path(__file__).parent / "round2"
ROUNDS = (ROUND1, ROUND2)  # the demo's rounds, each following the one before
DEMO_PASSCODE = "demo-pass"
BOOKKEEPING = {"key", "by"}  # what a row of a file holds besides its fields and the rows listed under it


def story_file(folder: Path, name: str = "workshop.toml") -> dict[str, Any]:
    """One file of a story folder (by default the one that describes the workshop)."""
    with (folder / name).open("rb") as fh:
        return tomllib.load(fh)


SETUP = story_file(ROUND1)
LANGUAGES: tuple[str, ...] = tuple(SETUP["languages"])
FACILITATOR: dict[str, str] = SETUP["facilitator"]


class Story:
    """Writes the story of one folder in one language, remembering the id of every row by its key."""

    def __init__(self, engine: Engine, lang: str, folder: Path = ROUND1, previous: Story | None = None) -> None:
        self.engine, self.lang, self.folder, self.previous = engine, lang, folder, previous
        self.setup = story_file(folder)
        if lang not in self.setup["languages"]:
            raise ValueError(f"no demo in language {lang!r}")
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)
        self.people: dict[str, Actor] = {}  # participant key -> actor

    def build(self) -> int:
        """Create the workshop (or, for a later round, start it from the round before), write every file of
        the story in order, then set the steps' progress."""
        if "follows" in self.setup:
            self.follow()
        else:
            workshop, self.facilitator = workshops.create_workshop(
                self.engine,
                data={**self.fields(WORKSHOP, self.setup["workshop"]), "language": self.lang},
                passcode=DEMO_PASSCODE,
                facilitator_name=self.local(self.setup["facilitator"]),
                join_code=self.local(self.setup["join_code"]),
            )
            self.workshop_id, self.join_code = workshop["id"], workshop["join_code"]
        for name in self.setup["story"]:
            self.write(story_file(self.folder, name))
        self.progress(**self.setup["progress"])
        return self.workshop_id

    def follow(self) -> None:
        """The next round of the previous story's workshop, as its facilitator starts it; the rows carried
        keep their keys, so the files can change them."""
        if self.previous is None or self.previous.folder.name != self.setup["follows"]:
            raise ValueError(f"the story {self.folder.name} follows {self.setup['follows']}: build that first")
        started = rounds.start_from(
            self.engine,
            source_id=self.previous.workshop_id,
            name=self.local(self.setup["workshop"]["name"]),
            by=None,
            facilitator_name=self.local(self.setup["facilitator"]),
            items=carry.DEFAULT | set(self.setup.get("carry", [])),
            passcode=DEMO_PASSCODE,
            join_code=self.local(self.setup["join_code"]),
        )
        self.workshop_id, self.join_code = started.workshop["id"], started.workshop["join_code"]
        self.facilitator = started.actor
        for entity_name, keys in self.previous.ids.items():
            moved = started.ids.get(entity_name, {})
            self.ids[entity_name] = {key: moved[old] for key, old in keys.items() if old in moved}
        for key, person in self.previous.people.items():
            if key in self.ids["participant"]:
                self.people[key] = Actor(self.workshop_id, self.ids["participant"][key], person.name)

    def write(self, sections: dict[str, Any]) -> None:
        """The sections of one file in their order: participants join, `update` changes rows, the rest are created."""
        for name, rows in sections.items():
            if name == "update":
                self.update(rows)
            elif name == "participant":
                for row in rows:
                    self.join(row)
            else:
                for row in rows:
                    self.create(name, row, row.get("by"))

    def local(self, value: Any) -> Any:
        """`value` in the workshop's language (a value given per language is a table of languages)."""
        return value[self.lang] if isinstance(value, dict) else value

    def fields(self, spec: Entity, data: dict[str, Any]) -> dict[str, Any]:
        """The fields of `data` in the workshop's language, each reference turned from a key into an id."""
        unknown = set(data) - set(spec.field_names) - BOOKKEEPING - set(ENTITIES)
        if unknown:
            raise ValueError(f"the demo's {spec.name} rows have no field {', '.join(sorted(unknown))}")
        row = {}
        for name, value in data.items():
            if name in spec.field_names:
                field, value = spec.field(name), self.local(value)
                row[name] = self.ids[field.ref][value] if field.kind == REF else value
        return row

    def author(self, entity_name: str, by: str | None) -> Actor:
        if by is None:
            return self.facilitator
        if entity_name == "vote":  # voting is closed in the finished demo: only the system records a vote then
            return Actor.system(self.workshop_id, self.people[by].name)
        return self.people[by]

    def join(self, row: dict[str, Any]) -> None:
        actor = workshops.join(
            self.engine,
            code=self.join_code,
            display_name=self.local(row["display_name"]),
            department_id=self.ids["department"][row["department_id"]],
            throttle_keys=["demo"],
        )
        self.people[row["key"]] = actor
        self.ids["participant"][row["key"]] = actor.participant_id

    def create(
        self, entity_name: str, data: dict[str, Any], by: str | None, parent: dict[str, Any] | None = None
    ) -> None:
        """One row, then the rows listed under it (written by the same person, pointing back to it)."""
        spec = ENTITIES[entity_name]
        values = {**self.fields(spec, data), **(parent or {})}
        row = services.create(self.engine, actor=self.author(entity_name, by), entity_name=entity_name, data=values)
        if "key" in data:
            self.ids[entity_name][data["key"]] = row["id"]
        for child, rows in data.items():
            if child in ENTITIES and child not in spec.field_names:
                link = next(f.name for f in ENTITIES[child].refs() if f.ref == entity_name)
                for each in rows:
                    self.create(child, each, by, {link: row["id"]})

    def update(self, changes: dict[str, list[dict[str, Any]]]) -> None:
        """Change rows written earlier, each named by its entity and key."""
        for entity_name, rows in changes.items():
            for data in rows:
                row_id = self.ids[entity_name][data["key"]]
                current = read.row(self.engine, workshop_id=self.workshop_id, entity_name=entity_name, row_id=row_id)
                new = self.fields(ENTITIES[entity_name], data)
                self.save(entity_name, current, new, self.author(entity_name, data.get("by")))

    def progress(self, status: list[str], timebox_minutes: list[int], current_step: int) -> None:
        """Each step's status and timebox (lists from step 1), and the step the room is on."""
        for row in read.rows(self.engine, workshop_id=self.workshop_id, entity_name="step_progress"):
            step = row["step"] - 1
            changes = {"status": status[step], "timebox_minutes": timebox_minutes[step]}
            self.save("step_progress", row, changes, self.facilitator)
        workshops.update_settings(
            self.engine, actor=self.facilitator, version=None, changes={"current_step": current_step}
        )

    def save(self, entity_name: str, row: dict[str, Any], changes: dict[str, Any], actor: Actor) -> None:
        services.update_row(
            self.engine, actor=actor, entity_name=entity_name, row_id=row["id"], version=row["version"], changes=changes
        )


def build_demo(engine: Engine, lang: str) -> int:
    """The demo workshop in `lang` ("ru" or "en"); returns its id."""
    return Story(engine, lang).build()


def build_rounds(engine: Engine, lang: str) -> list[int]:
    """The demo workshop in `lang` and its later rounds, each started from the one before; their ids."""
    built: list[int] = []
    previous = None
    for folder in ROUNDS:
        previous = Story(engine, lang, folder, previous)
        built.append(previous.build())
    return built
