"""Reversible schema steps for the migrations: a migration lists what it adds, its downgrade removes the
same in reverse order.

A column is described once (`Col`) and built afresh at each run (a SQLAlchemy column belongs to one table).
Columns are required unless `null=True`, except numbers, moments and JSON, which are mostly optional. A
column that `references` a table gets a foreign key to its `id` and, like every `indexed` column, the index
`ix_<table>_<column>`, as Alembic's autogenerate wrote them from the models.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

Action = Callable[[], None]


@dataclass(frozen=True)
class Col:
    """A column as a migration declares it."""

    name: str
    type_: Callable[[], sa.types.TypeEngine[Any]]
    nullable: bool = False
    index: bool = False
    unique: bool = False
    references: str | None = None
    fk_name: str | None = None
    default: Any = None

    def column(self) -> sa.Column[Any]:
        return sa.Column(self.name, self.type_(), nullable=self.nullable, server_default=self.default)

    @property
    def indexed(self) -> bool:
        return self.index or self.unique or self.references is not None


def integer(name: str, *, null: bool = False, index: bool = False) -> Col:
    return Col(name, sa.Integer, null, index)


def number(name: str, *, null: bool = True) -> Col:
    return Col(name, sa.Float, null)


def numbers(*names: str) -> tuple[Col, ...]:
    return tuple(number(name) for name in names)


def string(
    name: str, length: int, *, null: bool = False, index: bool = False, unique: bool = False, default: str | None = None
) -> Col:
    return Col(name, lambda: AutoString(length=length), null, index, unique, default=default)


def text(name: str) -> Col:
    """Free text without a length limit."""
    return Col(name, sa.Text)


def texts(*names: str) -> tuple[Col, ...]:
    return tuple(text(name) for name in names)


def flag(name: str, *, default: bool | None = None) -> Col:
    """A yes/no column; `default` is the database's own, for the rows already there."""
    return Col(name, sa.Boolean, default=None if default is None else sa.true() if default else sa.false())


def moment(name: str, *, null: bool = True, index: bool = False) -> Col:
    return Col(name, UTCDateTime, null, index)


def json(name: str, *, null: bool = True) -> Col:
    return Col(name, sa.JSON, null)


def ref(name: str, table: str, *, null: bool = False, fk_name: str | None = None) -> Col:
    """An id of a row of `table`: a foreign key, indexed."""
    return Col(name, sa.Integer, null, references=table, fk_name=fk_name)


ID = integer("id")
ROW = (
    ID,
    integer("version"),
    moment("created_at", null=False),
    moment("updated_at", null=False),
    moment("deleted_at", index=True),
)
"""The columns of every versioned row that goes to the bin instead of being deleted."""

ENTITY = (*ROW, ref("workshop_id", "workshop"), string("dedupe_key", 200, null=True, index=True))
"""The columns every row of a workshop's content starts with."""

JOIN_ATTEMPT = (
    ID,
    string("session_key", 64, index=True),
    integer("workshop_id", null=True, index=True),
    moment("at", null=False, index=True),
)
"""One row per failed join, made by 0001 and dropped by 0007 (whose downgrade makes it again)."""


def handed_out(secret: str) -> tuple[Col, ...]:
    """The first columns of a secret handed to one person: its hash, and whose it is."""
    return (ID, string(secret, 64, unique=True), ref("workshop_id", "workshop"), ref("participant_id", "participant"))


class Step(NamedTuple):
    """What a migration does, and how to undo it."""

    up: Action
    down: Action


def reversible(*steps: Step) -> tuple[Action, Action]:
    """A migration's `upgrade` (the steps in order) and `downgrade` (each undone, last first)."""

    def upgrade() -> None:
        for step in steps:
            step.up()

    def downgrade() -> None:
        for step in reversed(steps):
            step.down()

    return upgrade, downgrade


def dropped(step: Step) -> Step:
    """The step undone on upgrade and redone on downgrade (a table that goes away)."""
    return Step(step.down, step.up)


def data(fill: Action) -> Step:
    """Rows changed on upgrade; nothing to undo (the columns they filled go with the downgrade)."""
    return Step(fill, lambda: None)


def _ix(table: str, col: Col) -> str:
    return f"ix_{table}_{col.name}"


def table(name: str, *cols: Col, key: str = "id") -> Step:
    """A new table with its foreign keys and indexes."""
    indexed = sorted((c for c in cols if c.indexed), key=lambda c: c.name)

    def up() -> None:
        keys = [sa.ForeignKeyConstraint([c.name], [f"{c.references}.id"]) for c in indexed if c.references]
        op.create_table(name, *(c.column() for c in cols), *keys, sa.PrimaryKeyConstraint(key))
        with op.batch_alter_table(name, schema=None) as batch:
            for col in indexed:
                batch.create_index(batch.f(_ix(name, col)), [col.name], unique=col.unique)

    def down() -> None:
        with op.batch_alter_table(name, schema=None) as batch:
            for col in reversed(indexed):
                batch.drop_index(batch.f(_ix(name, col)))
        op.drop_table(name)

    return Step(up, down)


def add_columns(table: str, *cols: Col) -> Step:
    """New columns on an existing table, each with its index and named foreign key."""

    def fk(col: Col) -> str:
        return col.fk_name or f"fk_{table}_{col.name}_{col.references}"

    def up() -> None:
        with op.batch_alter_table(table, schema=None) as batch:
            for col in cols:
                batch.add_column(col.column())
                if col.indexed:
                    batch.create_index(batch.f(_ix(table, col)), [col.name], unique=col.unique)
                if col.references:
                    batch.create_foreign_key(fk(col), col.references, [col.name], ["id"])

    def down() -> None:
        with op.batch_alter_table(table, schema=None) as batch:
            for col in reversed(cols):
                if col.references:
                    batch.drop_constraint(fk(col), type_="foreignkey")
                if col.indexed:
                    batch.drop_index(batch.f(_ix(table, col)))
                batch.drop_column(col.name)

    return Step(up, down)


def index(table: str, name: str, columns: Sequence[str], *, unique: bool = False, where: str | None = None) -> Step:
    """A named index over several columns, partial when `where` is given."""
    partial = {"sqlite_where": sa.text(where), "postgresql_where": sa.text(where)} if where else {}

    def up() -> None:
        with op.batch_alter_table(table, schema=None) as batch:
            batch.create_index(name, list(columns), unique=unique, **partial)

    def down() -> None:
        with op.batch_alter_table(table, schema=None) as batch:
            batch.drop_index(name)

    return Step(up, down)
