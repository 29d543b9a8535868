"""SQLModel tables: one per artefact of the method, plus workshops, participants and the audit log.

The fields mirror `cvm_core.schema` (a test keeps them in step). Rows people edit carry `version`;
deletes are soft (`deleted_at`), so a restore brings the row back as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, Index, Text, text
from sqlalchemy import false as sa_false
from sqlmodel import Field, SQLModel

from cvm_core import settings as s


def utcnow() -> datetime:
    """The time now in UTC; every timestamp column stores aware UTC."""
    return datetime.now(UTC)


def _text(max_len: int = s.SHORT_TEXT_MAX) -> str:
    return Field(default="", max_length=max_len)


def _long() -> str:
    return Field(default="", sa_type=Text)


def _ref(table: str, required: bool = True) -> int | None:
    return Field(default=None, foreign_key=f"{table}.id", index=True, nullable=not required)


class Stamped(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = Field(default=None, index=True)


class Workshop(Stamped, table=True):
    __tablename__ = "workshop"
    name: str = Field(max_length=s.NAME_MAX)
    organisation: str = _text(120)
    language: str = Field(default=s.DEFAULT_LANGUAGE, max_length=5)
    join_code: str = Field(max_length=16, unique=True, index=True)
    passcode_hash: str = Field(max_length=200)
    scale_max: int = Field(default=s.SCALE_MAX_DEFAULT)
    dots_per_person: int = Field(default=s.DOTS_DEFAULT)
    voting_open: bool = Field(default=False)
    voting_anonymous: bool = Field(default=True)
    brainstorm_private: bool = Field(default=False)
    current_step: int = Field(default=1)
    timer_end: datetime | None = Field(default=None)
    timer_remaining_s: int | None = Field(default=None)
    round_end: datetime | None = Field(default=None)  # the short round timer (voting, brainstorm)
    round_kind: str | None = Field(default=None, max_length=20)
    clock_sound: bool = Field(default=True)  # a short sound at zero on the facilitator's screens
    hour_rate: float | None = Field(default=None)  # money per hour, for internal prices set in hours
    currency: str = Field(default="", max_length=s.CURRENCY_MAX)  # the label amounts of money are shown with
    archived_at: datetime | None = Field(default=None)
    # The workshop this one was started from as its next round (None: a first round, or started from a
    # template someone else runs); a template is a workshop other facilitators may start from.
    predecessor_id: int | None = Field(default=None, foreign_key="workshop.id", index=True)
    is_template: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})


class Scoped(Stamped):
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    # The row's unique fields, normalised (case and spacing removed), for an indexed duplicate check.
    dedupe_key: str | None = Field(default=None, max_length=200, index=True)


class Participant(Scoped, table=True):
    """A person in a workshop. `dedupe_key` holds the normalised display name: live names are unique."""

    __tablename__ = "participant"
    __table_args__ = (
        Index(
            "uq_participant_live_name",
            "workshop_id",
            "dedupe_key",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )
    display_name: str = Field(max_length=s.NAME_MAX)
    department_id: int | None = _ref("department", required=False)
    role: str = Field(default="participant", max_length=20)
    last_seen: datetime | None = Field(default=None)
    ready_step: int | None = Field(default=None)
    language: str | None = Field(default=None, max_length=5)  # the person's own choice; None: the workshop's
    # When the person first came in (joined, signed in, claimed their pre-registered name, redeemed a
    # code); None: added by the facilitator (pre-registered, invited or without a device), not yet here.
    claimed_at: datetime | None = Field(default=None)


class Department(Scoped, table=True):
    __tablename__ = "department"
    name: str = Field(max_length=s.NAME_MAX)
    description: str = _long()
    takes_part: bool = Field(default=True)


class Customer(Scoped, table=True):
    __tablename__ = "customer"
    name: str = Field(max_length=s.NAME_MAX)
    kind: str = Field(default="external", max_length=20)
    department_id: int | None = _ref("department", required=False)
    first_to_notice: str = _text()
    segment_size: int | None = Field(default=None)
    customer_value: float | None = Field(default=None)
    ltv: float | None = Field(default=None)
    tagline: str = _text(200)
    description: str = _long()


class CustomerDepartment(Scoped, table=True):
    __tablename__ = "customer_department"
    customer_id: int = _ref("customer")
    department_id: int = _ref("department")


class Pain(Scoped, table=True):
    __tablename__ = "pain"
    customer_id: int = _ref("customer")
    text: str = Field(max_length=s.SHORT_TEXT_MAX)
    severity: int | None = Field(default=3)
    frequency: int | None = Field(default=3)
    hidden: bool = Field(default=False)
    author_id: int | None = _ref("participant", required=False)
    entered_by_id: int | None = _ref("participant", required=False)  # who typed it for the author


class Vote(Scoped, table=True):
    __tablename__ = "vote"
    pain_id: int = _ref("pain")
    participant_id: int = _ref("participant")
    dots: int = Field(default=1)
    entered_by_id: int | None = _ref("participant", required=False)  # who placed the dots for the voter


class ValueFactor(Scoped, table=True):
    __tablename__ = "value_factor"
    customer_id: int = _ref("customer")
    name: str = Field(max_length=s.NAME_MAX)
    weight: int | None = Field(default=3)
    high_is_good: bool = Field(default=True)
    description: str = _long()


class FactorPain(Scoped, table=True):
    __tablename__ = "factor_pain"
    factor_id: int = _ref("value_factor")
    pain_id: int = _ref("pain")


class Offering(Scoped, table=True):
    __tablename__ = "offering"
    name: str = Field(max_length=s.NAME_MAX)
    kind: str = Field(default="competitor", max_length=20)
    description: str = _long()


class CanvasScore(Scoped, table=True):
    __tablename__ = "canvas_score"
    offering_id: int = _ref("offering")
    factor_id: int = _ref("value_factor")
    score: float = Field(default=0)


class ErrcAction(Scoped, table=True):
    __tablename__ = "errc_action"
    factor_id: int = _ref("value_factor")
    action: str = Field(max_length=20)
    target_score: float | None = Field(default=None)
    note: str = _text()


class Metric(Scoped):
    metric_name: str = _text(s.NAME_MAX)
    metric_unit: str = _text(s.UNIT_MAX)
    metric_direction: str = Field(default="higher", max_length=10)
    metric_target: float | None = Field(default=None)
    metric_current: float | None = Field(default=None)


class Promise(Metric, table=True):
    __tablename__ = "promise"
    customer_id: int = _ref("customer")
    factor_id: int | None = _ref("value_factor", required=False)
    owner_department_id: int | None = _ref("department", required=False)
    text: str = Field(max_length=s.SHORT_TEXT_MAX)
    authority_needed: str = _text()
    authority_granted: bool = Field(default=False)
    status: str = Field(default="draft", max_length=20)
    status_by: str = _text(s.NAME_MAX)
    status_at: str = _text(40)
    revenue_share: float | None = Field(default=None)  # % of the segment's revenue it carries; None: the default


class InternalPromise(Metric, table=True):
    __tablename__ = "internal_promise"
    supplier_department_id: int = _ref("department")
    client_department_id: int = _ref("department")
    text: str = Field(max_length=s.SHORT_TEXT_MAX)
    service_description: str = _long()
    price_amount: float | None = Field(default=None)
    price_unit: str = Field(default="money", max_length=10)
    price_period: str = Field(default="month", max_length=10)


class PromiseSupport(Scoped, table=True):
    __tablename__ = "promise_support"
    internal_promise_id: int = _ref("internal_promise")
    parent_promise_id: int | None = _ref("promise", required=False)
    parent_internal_id: int | None = _ref("internal_promise", required=False)


class TeamMember(Scoped, table=True):
    __tablename__ = "team_member"
    department_id: int = _ref("department")
    name: str = Field(max_length=s.NAME_MAX)
    role: str = _text(s.NAME_MAX)
    bonus_share: float | None = Field(default=None)


class CommunicationRule(Scoped, table=True):
    __tablename__ = "communication_rule"
    department_id: int | None = _ref("department", required=False)
    what: str = Field(max_length=s.SHORT_TEXT_MAX)
    cadence: str = _text(s.NAME_MAX)
    channel: str = _text(s.NAME_MAX)
    decision_rule: str = _text()


class ValueStream(Scoped, table=True):
    __tablename__ = "value_stream"
    customer_id: int = _ref("customer")
    name: str = Field(max_length=s.NAME_MAX)
    leader: str = _text(s.NAME_MAX)


class ValueStreamStage(Scoped, table=True):
    __tablename__ = "value_stream_stage"
    stream_id: int = _ref("value_stream")
    name: str = Field(max_length=s.NAME_MAX)
    position: int | None = Field(default=0)


class StageDepartment(Scoped, table=True):
    __tablename__ = "stage_department"
    stage_id: int = _ref("value_stream_stage")
    department_id: int = _ref("department")


class Economics(Scoped, table=True):
    __tablename__ = "economics"
    department_id: int = _ref("department")
    period: str = Field(max_length=20)
    success_metric_name: str = _text(s.NAME_MAX)
    success_target: float | None = Field(default=None)
    success_actual: float | None = Field(default=None)
    revenue_external: float | None = Field(default=None)
    direct_costs: float | None = Field(default=None)
    other_costs: float | None = Field(default=None)
    growth_target_pct: float | None = Field(default=None)
    growth_actual_pct: float | None = Field(default=None)


class MotivationPlan(Scoped, table=True):
    __tablename__ = "motivation_plan"
    department_id: int = _ref("department")
    variant: int = Field(default=1)
    share_pct: float | None = Field(default=s.BONUS_SHARE_DEFAULT)
    baseline_profit: float | None = Field(default=None)
    company_profit: float | None = Field(default=None)
    team_weight: float | None = Field(default=None)


class Experiment(Scoped, table=True):
    __tablename__ = "experiment"
    department_id: int = _ref("department")
    title: str = Field(max_length=120)
    believe: str = _long()
    verify: str = _long()
    measure: str = _long()
    right_if: str = _long()
    cost: float | None = Field(default=None)
    duration_days: int | None = Field(default=None)
    status: str = Field(default="planned", max_length=20)
    observed: str = _long()
    learned: str = _long()
    decision: str = Field(default="", max_length=20)
    pain_id: int | None = _ref("pain", required=False)  # what the test card tests
    factor_id: int | None = _ref("value_factor", required=False)
    promise_id: int | None = _ref("promise", required=False)


class FeedbackRound(Scoped, table=True):
    __tablename__ = "feedback_round"
    name: str = Field(max_length=s.NAME_MAX)
    is_open: bool = Field(default=True)


class Feedback(Scoped, table=True):
    __tablename__ = "feedback"
    round_id: int = _ref("feedback_round")
    client_department_id: int = _ref("department")
    supplier_department_id: int = _ref("department")
    score: int = Field(default=5)
    comment: str = _long()


class Mistake(Scoped, table=True):
    __tablename__ = "mistake"
    department_id: int | None = _ref("department", required=False)
    what_happened: str = _long()
    why: str = _long()
    what_changes: str = _long()


class Note(Scoped, table=True):
    __tablename__ = "note"
    step: int | None = Field(default=0)
    kind: str = Field(default="note", max_length=20)
    text: str = _long()


class StepProgress(Scoped, table=True):
    __tablename__ = "step_progress"
    step: int = Field(default=1)
    status: str = Field(default="not_started", max_length=20)
    locked: bool = Field(default=False)
    timebox_minutes: int | None = Field(default=0)


class Action(Scoped, table=True):
    __tablename__ = "action"
    text: str = Field(max_length=s.SHORT_TEXT_MAX)
    owner_participant_id: int | None = _ref("participant", required=False)
    owner_department_id: int | None = _ref("department", required=False)
    due: str | None = Field(default=None, max_length=10)
    status: str = Field(default="open", max_length=20)
    source: str = Field(default="", max_length=20)
    promise_id: int | None = _ref("promise", required=False)
    internal_promise_id: int | None = _ref("internal_promise", required=False)
    experiment_id: int | None = _ref("experiment", required=False)
    pain_id: int | None = _ref("pain", required=False)
    feedback_round_id: int | None = _ref("feedback_round", required=False)
    author_id: int | None = _ref("participant", required=False)
    status_by: str = _text(s.NAME_MAX)
    status_at: str = _text(40)
    carried_from: str = _text(s.NAME_MAX)


class ActionStatus(Scoped, table=True):
    """One change of an action's status: who and when (written by the services, never typed)."""

    __tablename__ = "action_status"
    action_id: int = _ref("action")
    status: str = Field(max_length=20)
    by_name: str = _text(s.NAME_MAX)
    at: str = Field(max_length=40)


class PainMerge(SQLModel, table=True):
    """Pains the facilitator merged into one, kept so that the merge can be undone exactly: the pains that
    were merged (soft-deleted with one stamp) and the actions that were pointed at the merged pain."""

    __tablename__ = "pain_merge"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    pain_id: int = Field(foreign_key="pain.id", index=True)  # the merged pain
    originals: list = Field(sa_column=Column(JSON, nullable=False))  # ids of the pains merged into it
    moved_actions: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # action id -> pain id
    at: datetime = Field(default_factory=utcnow)
    actor_name: str = Field(default="", max_length=s.NAME_MAX)
    undone_at: datetime | None = Field(default=None)


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_changes", "workshop_id", "entity", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int | None = Field(default=None, foreign_key="workshop.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    actor_id: int | None = Field(default=None)
    actor_name: str = Field(default="", max_length=s.NAME_MAX)
    entity: str = Field(max_length=40)
    entity_id: int | None = Field(default=None)
    action: str = Field(max_length=20)
    before: dict | None = Field(default=None, sa_column=Column(JSON))
    after: dict | None = Field(default=None, sa_column=Column(JSON))


class Throttle(SQLModel, table=True):
    """Recent failed guesses per key (a client address `ip:…` or a workshop `w:…`), kept in the database
    so that every app server sees them; the row is locked while an attempt is checked and recorded."""

    __tablename__ = "throttle"
    key: str = Field(primary_key=True, max_length=80)
    failures: int = Field(default=0)
    last_failure_at: datetime | None = Field(default=None, index=True)


class SessionToken(SQLModel, table=True):
    """Lets a browser come back as the same person after a reload: the cookie holds the token, the
    database only its hash, so any app server can resume the session."""

    __tablename__ = "session_token"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = Field(default=None)


class RejoinCode(SQLModel, table=True):
    """A one-time personal code (or link) the facilitator gives a person to come back in another browser:
    only its hash is stored, so any app server can redeem it; valid once and for a few minutes."""

    __tablename__ = "rejoin_code"
    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True, index=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    created_by: int | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = Field(default=None)


class CookieNonce(SQLModel, table=True):
    """A one-time, short-lived ticket that a page exchanges at the server for its session cookie (set
    HttpOnly by the server). Only the nonce's hash is stored, and the token only sealed with the nonce."""

    __tablename__ = "cookie_nonce"
    nonce_hash: str = Field(max_length=64, primary_key=True)
    sealed: str | None = Field(default=None, max_length=200)  # None: clear the cookie
    expires_at: datetime = Field(index=True)


TABLES: dict[str, type[SQLModel]] = {
    m.__tablename__: m
    for m in (
        Department,
        Customer,
        CustomerDepartment,
        Pain,
        Vote,
        ValueFactor,
        FactorPain,
        Offering,
        CanvasScore,
        ErrcAction,
        Promise,
        InternalPromise,
        PromiseSupport,
        TeamMember,
        CommunicationRule,
        ValueStream,
        ValueStreamStage,
        StageDepartment,
        Economics,
        MotivationPlan,
        Experiment,
        FeedbackRound,
        Feedback,
        Mistake,
        Note,
        Action,
        ActionStatus,
        StepProgress,
    )
}

REFERABLE: dict[str, type[SQLModel]] = {**TABLES, "participant": Participant}
