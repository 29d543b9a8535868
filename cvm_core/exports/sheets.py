"""Every artefact of a workshop as a table for people: headers in the workshop's language, references
shown by name, choices by their label, numbers as numbers. The Excel and CSV exports write these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cvm_core import health
from cvm_core import rounds as rnd
from cvm_core.i18n import has, t
from cvm_core.rows import Snapshot
from cvm_core.schema import BOOL, CHOICE, ENTITIES, FLOAT, INT, LONGTEXT, REF, WORKSHOP, Entity, F
from cvm_core.settings import DEFAULT_LANGUAGE

TEXT_KIND, LONG_KIND, NUMBER_KIND, MONEY_KIND, BOOL_KIND = "text", "long", "number", "money", "bool"

WORKSHOP_SETTINGS = WORKSHOP.field_names
HEALTH_ENTITIES = ("promise", "internal_promise")


@dataclass(frozen=True)
class Sheet:
    """One artefact as a table: `key` is the entity name (or "workshop", "participant")."""

    key: str
    title: str
    headers: list[str]
    kinds: list[str]
    rows: list[list[Any]]


def language(data: Snapshot) -> str:
    workshop = data.get("workshop") or [{}]
    return workshop[0].get("language") or DEFAULT_LANGUAGE


def field_label(entity_name: str, field: str, lang: str) -> str:
    key = f"fields.{entity_name}.{field}"
    return t(key, lang) if has(key, lang) else t(f"fields.common.{field}", lang)


def choice_label(f: F, value: str, lang: str) -> str:
    return t(f"{f.labels}.{value or 'none'}", lang) if f.labels else value


def title(key: str, lang: str) -> str:
    return t(f"export.entity.{key}", lang)


class Labels:
    """The readable label of any row of the snapshot, by entity and id (references show these)."""

    def __init__(self, data: Snapshot) -> None:
        self.by_id = {name: {r["id"]: r for r in data.get(name, [])} for name in ("participant", *ENTITIES)}

    def __call__(self, entity_name: str, row_id: Any, depth: int = 0) -> str | None:
        row = self.by_id.get(entity_name, {}).get(row_id)
        if row is None:
            return None
        if entity_name == "participant":
            return row["display_name"]
        spec = ENTITIES[entity_name]
        f = spec.field(spec.label)
        if f.kind == REF and depth < 3:
            return self(f.ref or "", row.get(f.name), depth + 1)
        value = row.get(spec.label)
        return None if value is None else str(value)


def _kind(f: F) -> str:
    if f.money:
        return MONEY_KIND
    if f.kind in (INT, FLOAT):
        return NUMBER_KIND
    if f.kind == BOOL:
        return BOOL_KIND
    return LONG_KIND if f.kind == LONGTEXT else TEXT_KIND


def _value(f: F, row: Mapping[str, Any], labels: Labels, lang: str) -> Any:
    value = row.get(f.name)
    if f.kind == REF:
        return labels(f.ref or "", value) if value is not None else None
    if f.kind == CHOICE:
        return choice_label(f, value or "", lang)
    if f.kind == BOOL:
        return bool(value)
    return value


def _columns(spec: Entity, data: Snapshot) -> list[F]:
    """The fields shown: all of them, except who voted (and who placed the dots) when voting is anonymous."""
    anonymous = bool((data.get("workshop") or [{}])[0].get("voting_anonymous", True))
    named = ("participant_id", "entered_by_id")
    return [f for f in spec.fields if not (spec.name == "vote" and f.name in named and anonymous)]


def entity_sheet(spec: Entity, data: Snapshot, labels: Labels, lang: str) -> Sheet:
    fields = _columns(spec, data)
    headers = [field_label(spec.name, f.name, lang) for f in fields]
    kinds = [_kind(f) for f in fields]
    rows = [[_value(f, row, labels, lang) for f in fields] for row in data.get(spec.name, [])]
    if spec.name in HEALTH_ENTITIES:
        headers.append(t("export.health", lang))
        kinds.append(TEXT_KIND)
        for out, row in zip(rows, data.get(spec.name, []), strict=True):
            out.append(t(f"choices.health.{health.of(row)}", lang))
    return Sheet(spec.name, title(spec.name, lang), headers, kinds, rows)


def workshop_sheet(data: Snapshot, lang: str) -> Sheet:
    row = (data.get("workshop") or [{}])[0]
    values: list[list[Any]] = []
    for name in WORKSHOP_SETTINGS:
        value = row.get(name)
        if name == "language":
            value = t(f"choices.language.{value}", lang)
        values.append([field_label("workshop", name, lang), value])
    headers = [t("export.setting", lang), t("export.value", lang)]
    return Sheet("workshop", title("workshop", lang), headers, [TEXT_KIND, TEXT_KIND], values)


def participant_sheet(data: Snapshot, labels: Labels, lang: str) -> Sheet:
    headers = [t("export.person", lang), t("export.role", lang), field_label("participant", "department_id", lang)]
    rows = [
        [p["display_name"], t(f"choices.role.{p['role']}", lang), labels("department", p.get("department_id"))]
        for p in data.get("participant", [])
    ]
    return Sheet("participant", title("participant", lang), headers, [TEXT_KIND] * 3, rows)


def round_sheets(data: Snapshot, lang: str) -> list[Sheet]:
    """The rounds of the workshop's line up to it, compared (when they were read): one table per comparison."""
    line = rnd.up_to_current(rnd.of(data))
    if len(line) < 2:
        return []
    out = []
    for found in rnd.tables(line, lang):
        kinds = [TEXT_KIND] + [
            NUMBER_KIND if all(r[i] is None or isinstance(r[i], int | float) for r in found.rows) else TEXT_KIND
            for i in range(1, len(found.headers))
        ]
        out.append(Sheet(f"rounds_{found.key}", t(f"rounds.sheet.{found.key}", lang), found.headers, kinds, found.rows))
    return out


def sheets(data: Snapshot, lang: str | None = None) -> list[Sheet]:
    """The workshop's settings, its people, then one table per artefact, in the method's order, and the
    rounds compared when the snapshot carries them."""
    lang = lang or language(data)
    labels = Labels(data)
    tables = [workshop_sheet(data, lang), participant_sheet(data, labels, lang)]
    tables += [entity_sheet(spec, data, labels, lang) for spec in ENTITIES.values()]
    return tables + round_sheets(data, lang)
