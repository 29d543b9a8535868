"""The database tables and the entity specs describe the same fields."""

from cvm_core.schema import ENTITIES, REF, children
from db.models import REFERABLE, TABLES

BOOKKEEPING = {"id", "workshop_id", "version", "created_at", "updated_at", "deleted_at", "dedupe_key"}


def test_every_entity_has_a_table_with_exactly_its_fields() -> None:
    assert set(TABLES) == set(ENTITIES)
    for name, spec in ENTITIES.items():
        columns = set(TABLES[name].__table__.columns.keys()) - BOOKKEEPING
        assert columns == set(spec.field_names), name


def test_references_point_to_tables_with_foreign_keys() -> None:
    for spec in ENTITIES.values():
        table = TABLES[spec.name].__table__
        for f in spec.fields:
            if f.kind != REF:
                continue
            assert f.ref in REFERABLE
            (fk,) = table.columns[f.name].foreign_keys
            assert fk.column.table.name == f.ref


def test_children_lists_dependants() -> None:
    names = {(e.name, f.name) for e, f in children("customer")}
    assert ("pain", "customer_id") in names and ("promise", "customer_id") in names
