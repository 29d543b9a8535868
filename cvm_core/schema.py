"""What each artefact of the method holds and the rules its fields obey.

One spec per entity. The services validate every create and update against it, the import checks files
against it, and a test keeps the database tables in step with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cvm_core import policy
from cvm_core import settings as s
from cvm_core.errors import FieldError

TEXT, LONGTEXT, INT, FLOAT, BOOL, CHOICE, REF = "text", "longtext", "int", "float", "bool", "choice", "ref"
DATE = "date"  # a calendar day, stored as "YYYY-MM-DD" (cvm_core.dates reads both languages' ways of writing it)


@dataclass(frozen=True)
class F:
    """A field: its kind and limits. `max` may name a workshop setting (e.g. "scale_max")."""

    name: str
    kind: str
    required: bool = False
    max_len: int | None = None
    min: float | None = None
    max: float | str | None = None
    choices: tuple[str, ...] = ()
    ref: str | None = None
    on_delete: str = "cascade"
    default: Any = None
    money: bool = False  # an amount of money: shown with the workshop's currency label
    labels: str = ""  # a choice's catalogue group: `{labels}.{value}` names a value for people


Check = Callable[[dict[str, Any]], list[FieldError]]


@dataclass(frozen=True)
class Entity:
    name: str
    fields: tuple[F, ...]
    step: int | None = None
    label: str = "name"
    unique: tuple[str, ...] = ()  # fields no two live rows of a workshop share (their dedupe_key)
    checks: tuple[Check, ...] = ()

    def field(self, name: str) -> F:
        return next(f for f in self.fields if f.name == name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def refs(self) -> list[F]:
        return [f for f in self.fields if f.kind == REF]


def name(required: bool = True, max_len: int = s.NAME_MAX) -> F:
    return F("name", TEXT, required=required, max_len=max_len)


def text(field_name: str, required: bool = False, max_len: int = s.SHORT_TEXT_MAX) -> F:
    return F(field_name, TEXT, required=required, max_len=max_len)


def long(field_name: str, required: bool = False) -> F:
    return F(field_name, LONGTEXT, required=required, max_len=s.LONG_TEXT_MAX)


def money(field_name: str, low: float = 0.0) -> F:
    return F(field_name, FLOAT, min=low, max=s.MONEY_MAX, money=True)


def ref(field_name: str, target: str, required: bool = True, on_delete: str = "cascade") -> F:
    return F(field_name, REF, required=required, ref=target, on_delete=on_delete)


def nullable_ref(field_name: str, target: str) -> F:
    """An optional reference that is emptied when its target is deleted."""
    return ref(field_name, target, required=False, on_delete="null")


def flag(field_name: str, default: bool = False) -> F:
    return F(field_name, BOOL, default=default)


def choice(field_name: str, options: tuple[str, ...], labels: str, default: str | None = None) -> F:
    return F(field_name, CHOICE, required=default is None, choices=options, default=default, labels=labels)


def _metric_fields() -> tuple[F, ...]:
    return (
        text("metric_name", max_len=s.NAME_MAX),
        text("metric_unit", max_len=s.UNIT_MAX),
        choice("metric_direction", DIRECTIONS, "choices.direction", default="higher"),
        F("metric_target", FLOAT, min=-s.MONEY_MAX, max=s.MONEY_MAX),
        F("metric_current", FLOAT, min=-s.MONEY_MAX, max=s.MONEY_MAX),
    )


def _status_stamp() -> tuple[F, ...]:
    """Who set the status last, and when."""
    return (text("status_by", max_len=s.NAME_MAX), text("status_at", max_len=40))


def _link(entity_name: str, first: F, second: F, step: int | None = None) -> Entity:
    """Two references, each pair at most once (shown by the second)."""
    return Entity(entity_name, (first, second), step=step, label=second.name, unique=(first.name, second.name))


def _differ(a: str, b: str, key: str) -> Check:
    def check(data: dict[str, Any]) -> list[FieldError]:
        same = data.get(a) is not None and data.get(a) == data.get(b)
        return [FieldError(b, key)] if same else []

    return check


def _internal_customer_has_department(data: dict[str, Any]) -> list[FieldError]:
    if data.get("kind") == "internal" and data.get("department_id") is None:
        return [FieldError("department_id", "errors.internal_needs_department")]
    return []


def _one_parent(data: dict[str, Any]) -> list[FieldError]:
    parents = [data.get("parent_promise_id"), data.get("parent_internal_id")]
    if sum(p is not None for p in parents) != 1:
        return [FieldError("parent_promise_id", "errors.one_parent")]
    return []


def _closed_has_learning(data: dict[str, Any]) -> list[FieldError]:
    if data.get("status") != "closed":
        return []
    missing = [f for f in ("observed", "learned", "decision") if not data.get(f)]
    return [FieldError(f, "errors.learning_required") for f in missing]


CUSTOMER_KINDS = ("external", "internal")
OFFERING_KINDS = ("ours", "competitor", "substitute")
ERRC_ACTIONS = ("eliminate", "reduce", "raise", "create")
DIRECTIONS = ("higher", "lower")
PROMISE_STATUSES = ("draft", "proposed", "negotiating", "agreed", "rejected")
PRICE_UNITS = ("money", "hours")
PERIODS = ("month", "quarter", "year")
EXPERIMENT_STATUSES = ("planned", "running", "closed")
DECISIONS = ("", "persevere", "pivot", "stop", "keep_testing")
STEP_STATUSES = ("not_started", "in_progress", "done")
NOTE_KINDS = ("decision", "note")
ROLES = policy.EVERY_ROLE
ACTION_STATUSES = ("open", "doing", "done", "dropped")
# The artefact an action came from, and the field that points at it ("negotiation": a promise being negotiated).
ACTION_SOURCES = ("", "promise", "negotiation", "internal_promise", "experiment", "pain", "feedback_round")
SOURCE_REFS = {
    "promise": "promise_id",
    "negotiation": "promise_id",
    "internal_promise": "internal_promise_id",
    "experiment": "experiment_id",
    "pain": "pain_id",
    "feedback_round": "feedback_round_id",
}


def _one_source(data: dict[str, Any]) -> list[FieldError]:
    """At most one artefact, and the one the source names (it may be gone: its reference is then empty)."""
    pointing = {f for f in SOURCE_REFS.values() if data.get(f) is not None}
    wanted = SOURCE_REFS.get(data.get("source") or "")
    if len(pointing) > 1 or (pointing and pointing != {wanted}):
        return [FieldError("source", "actions.err.source")]
    return []


# The workshop's own settings (not an artefact: no step, one row per workshop).
WORKSHOP = Entity(
    "workshop",
    (
        F("name", TEXT, required=True, max_len=s.NAME_MAX),
        F("organisation", TEXT, max_len=120),
        F("language", CHOICE, required=True, choices=s.LANGUAGES, default=s.DEFAULT_LANGUAGE),
        F("scale_max", INT, min=5, max=s.SCALE_MAX_LIMIT, default=s.SCALE_MAX_DEFAULT),
        F("dots_per_person", INT, min=1, max=s.DOTS_LIMIT, default=s.DOTS_DEFAULT),
        F("voting_open", BOOL, default=False),
        F("voting_anonymous", BOOL, default=True),
        F("brainstorm_private", BOOL, default=False),
        F("current_step", INT, min=1, max=s.STEP_COUNT, default=1),
        F("hour_rate", FLOAT, min=0, max=s.MONEY_MAX),
        F("currency", TEXT, max_len=s.CURRENCY_MAX),
        F("is_template", BOOL, default=False),
    ),
)


# What the facilitator types to run the clock (not stored as typed: the services turn it into an end time).
TIMER = Entity(
    "timer",
    (
        F("minutes", FLOAT, min=1, max=s.TIMER_MINUTES_MAX),
        F("seconds", INT, min=-s.TIMER_ADD_MAX_S, max=s.TIMER_ADD_MAX_S),
    ),
)


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "department",
            (name(), long("description"), flag("takes_part", True)),
            step=1,
            unique=("name",),
        ),
        Entity(
            "customer",
            (
                name(),
                choice("kind", CUSTOMER_KINDS, "choices.kind", default="external"),
                nullable_ref("department_id", "department"),
                text("first_to_notice"),
                F("segment_size", INT, min=0, max=s.INT_MAX),
                money("customer_value"),
                money("ltv"),
                text("tagline", max_len=200),
                long("description"),
            ),
            step=1,
            unique=("name",),
            checks=(_internal_customer_has_department,),
        ),
        _link("customer_department", ref("customer_id", "customer"), ref("department_id", "department"), step=1),
        Entity(
            "pain",
            (
                ref("customer_id", "customer"),
                text("text", required=True),
                F("severity", INT, min=1, max=s.SEVERITY_MAX, default=3),
                F("frequency", INT, min=1, max=s.FREQUENCY_MAX, default=3),
                flag("hidden"),
                nullable_ref("author_id", "participant"),
                nullable_ref("entered_by_id", "participant"),
            ),
            step=2,
            label="text",
            unique=("customer_id", "text"),
        ),
        Entity(
            "vote",
            (
                ref("pain_id", "pain"),
                ref("participant_id", "participant"),
                F("dots", INT, required=True, min=1, max="dots_per_person", default=1),
                nullable_ref("entered_by_id", "participant"),
            ),
            step=2,
            label="dots",
            unique=("pain_id", "participant_id"),
        ),
        Entity(
            "value_factor",
            (
                ref("customer_id", "customer"),
                name(),
                F("weight", INT, min=1, max=s.WEIGHT_MAX, default=3),
                flag("high_is_good", True),
                long("description"),
            ),
            step=3,
            unique=("customer_id", "name"),
        ),
        _link("factor_pain", ref("factor_id", "value_factor"), ref("pain_id", "pain"), step=3),
        Entity(
            "offering",
            (name(), choice("kind", OFFERING_KINDS, "choices.kind", default="competitor"), long("description")),
            step=4,
            unique=("name",),
        ),
        Entity(
            "canvas_score",
            (
                ref("offering_id", "offering"),
                ref("factor_id", "value_factor"),
                F("score", FLOAT, required=True, min=0, max="scale_max"),
            ),
            step=4,
            label="score",
            unique=("offering_id", "factor_id"),
        ),
        Entity(
            "errc_action",
            (
                ref("factor_id", "value_factor"),
                choice("action", ERRC_ACTIONS, "choices.action"),
                F("target_score", FLOAT, min=0, max="scale_max"),
                text("note"),
            ),
            step=4,
            label="action",
            unique=("factor_id",),
        ),
        Entity(
            "promise",
            (
                ref("customer_id", "customer"),
                nullable_ref("factor_id", "value_factor"),
                nullable_ref("owner_department_id", "department"),
                text("text", required=True),
                *_metric_fields(),
                text("authority_needed"),
                flag("authority_granted"),
                choice("status", PROMISE_STATUSES, "choices.status", default="draft"),
                *_status_stamp(),
                F("revenue_share", FLOAT, min=0, max=100),
            ),
            step=5,
            label="text",
            unique=("customer_id", "text"),
        ),
        Entity(
            "internal_promise",
            (
                ref("supplier_department_id", "department"),
                ref("client_department_id", "department"),
                text("text", required=True),
                long("service_description"),
                *_metric_fields(),
                money("price_amount"),
                choice("price_unit", PRICE_UNITS, "choices.price_unit", default="money"),
                choice("price_period", PERIODS, "choices.period", default="month"),
            ),
            step=6,
            label="text",
            unique=("supplier_department_id", "client_department_id", "text"),
            checks=(_differ("supplier_department_id", "client_department_id", "errors.self_promise"),),
        ),
        Entity(
            "promise_support",
            (
                ref("internal_promise_id", "internal_promise"),
                ref("parent_promise_id", "promise", required=False),
                ref("parent_internal_id", "internal_promise", required=False),
            ),
            step=6,
            label="internal_promise_id",
            unique=("internal_promise_id", "parent_promise_id", "parent_internal_id"),
            checks=(_one_parent, _differ("internal_promise_id", "parent_internal_id", "errors.promise_cycle")),
        ),
        Entity(
            "team_member",
            (
                ref("department_id", "department"),
                name(),
                text("role", max_len=s.NAME_MAX),
                F("bonus_share", FLOAT, min=0, max=100),
            ),
            step=6,
            unique=("department_id", "name"),
        ),
        Entity(
            "communication_rule",
            (
                ref("department_id", "department", required=False),
                text("what", required=True),
                text("cadence", max_len=s.NAME_MAX),
                text("channel", max_len=s.NAME_MAX),
                text("decision_rule"),
            ),
            step=6,
            label="what",
            unique=("department_id", "what"),
        ),
        Entity(
            "value_stream",
            (ref("customer_id", "customer"), name(), text("leader", max_len=s.NAME_MAX)),
            unique=("name",),
        ),
        Entity(
            "value_stream_stage",
            (
                ref("stream_id", "value_stream"),
                name(),
                F("position", INT, min=0, max=1000, default=0),
            ),
            unique=("stream_id", "name"),
        ),
        _link("stage_department", ref("stage_id", "value_stream_stage"), ref("department_id", "department")),
        Entity(
            "economics",
            (
                ref("department_id", "department"),
                text("period", required=True, max_len=20),
                text("success_metric_name", max_len=s.NAME_MAX),
                F("success_target", FLOAT, min=-s.MONEY_MAX, max=s.MONEY_MAX),
                F("success_actual", FLOAT, min=-s.MONEY_MAX, max=s.MONEY_MAX),
                money("revenue_external"),
                money("direct_costs"),
                money("other_costs"),
                F("growth_target_pct", FLOAT, min=-1000, max=1000),
                F("growth_actual_pct", FLOAT, min=-1000, max=1000),
            ),
            step=7,
            label="period",
            unique=("department_id", "period"),
        ),
        Entity(
            "motivation_plan",
            (
                ref("department_id", "department"),
                F("variant", INT, required=True, min=1, max=4, default=1),
                F("share_pct", FLOAT, min=0, max=100, default=s.BONUS_SHARE_DEFAULT),
                money("baseline_profit", low=-s.MONEY_MAX),
                money("company_profit", low=-s.MONEY_MAX),
                F("team_weight", FLOAT, min=0, max=100),
            ),
            step=8,
            label="variant",
            unique=("department_id",),
        ),
        Entity(
            "experiment",
            (
                ref("department_id", "department"),
                text("title", required=True, max_len=120),
                long("believe", required=True),
                long("verify", required=True),
                long("measure", required=True),
                long("right_if", required=True),
                money("cost"),
                F("duration_days", INT, min=0, max=3650),
                choice("status", EXPERIMENT_STATUSES, "choices.status", default="planned"),
                long("observed"),
                long("learned"),
                choice("decision", DECISIONS, "choices.decision", default=""),
                nullable_ref("pain_id", "pain"),
                nullable_ref("factor_id", "value_factor"),
                nullable_ref("promise_id", "promise"),
            ),
            step=9,
            label="title",
            unique=("department_id", "title"),
            checks=(_closed_has_learning,),
        ),
        Entity(
            "feedback_round",
            (name(), flag("is_open", True)),
            step=9,
            unique=("name",),
        ),
        Entity(
            "feedback",
            (
                ref("round_id", "feedback_round"),
                ref("client_department_id", "department"),
                ref("supplier_department_id", "department"),
                F("score", INT, required=True, min=1, max=s.FEEDBACK_SCORE_MAX),
                long("comment"),
            ),
            step=9,
            label="score",
            unique=("round_id", "client_department_id", "supplier_department_id"),
            checks=(_differ("client_department_id", "supplier_department_id", "errors.self_feedback"),),
        ),
        Entity(
            "mistake",
            (
                nullable_ref("department_id", "department"),
                long("what_happened", required=True),
                long("why"),
                long("what_changes"),
            ),
            step=9,
            label="what_happened",
        ),
        Entity(
            "note",
            (
                F("step", INT, min=0, max=s.STEP_COUNT, default=0),
                choice("kind", NOTE_KINDS, "choices.note_kind", default="note"),
                long("text", required=True),
            ),
            label="text",
        ),
        Entity(
            "action",
            (
                text("text", required=True),
                nullable_ref("owner_participant_id", "participant"),
                nullable_ref("owner_department_id", "department"),
                F("due", DATE),
                choice("status", ACTION_STATUSES, "choices.action_status", default="open"),
                choice("source", ACTION_SOURCES, "choices.action_source", default=""),
                nullable_ref("promise_id", "promise"),
                nullable_ref("internal_promise_id", "internal_promise"),
                nullable_ref("experiment_id", "experiment"),
                nullable_ref("pain_id", "pain"),
                nullable_ref("feedback_round_id", "feedback_round"),
                nullable_ref("author_id", "participant"),
                *_status_stamp(),
                text("carried_from", max_len=s.NAME_MAX),
            ),
            label="text",
            checks=(_one_source,),
        ),
        Entity(
            "action_status",
            (
                ref("action_id", "action"),
                choice("status", ACTION_STATUSES, "choices.action_status"),
                text("by_name", max_len=s.NAME_MAX),
                text("at", required=True, max_len=40),
            ),
            label="status",
        ),
        Entity(
            "step_progress",
            (
                F("step", INT, required=True, min=1, max=s.STEP_COUNT),
                choice("status", STEP_STATUSES, "status", default="not_started"),
                flag("locked"),
                F("timebox_minutes", INT, min=0, max=s.TIMER_MINUTES_MAX, default=0),
            ),
            label="step",
            unique=("step",),
        ),
    )
}


def entity(entity_name: str) -> Entity:
    return ENTITIES[entity_name]


def children(entity_name: str) -> list[tuple[Entity, F]]:
    """Entities that reference `entity_name`, with the referencing field."""
    return [(e, f) for e in ENTITIES.values() for f in e.refs() if f.ref == entity_name]
