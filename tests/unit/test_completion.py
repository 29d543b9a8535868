"""Step completion computed from plain rows."""

from cvm_core.completion import customers


def test_step1_done_when_every_taking_part_department_serves_a_customer() -> None:
    departments = [{"id": 1, "name": "Sales"}, {"id": 2, "name": "IT"}, {"id": 3, "name": "HQ", "takes_part": False}]
    clients = [{"id": 10}]
    result = customers(departments, clients, [{"customer_id": 10, "department_id": 1}])
    assert not result.done
    assert [m.params for m in result.missing] == [{"department": "IT"}]
    assert (result.done_count, result.total) == (1, 2)
    done = customers(departments, clients, [{"customer_id": 10, "department_id": d} for d in (1, 2)])
    assert done.done and done.fraction == 1


def test_step1_links_to_deleted_customers_do_not_count_and_empty_is_not_done() -> None:
    result = customers([{"id": 1, "name": "Sales"}], [], [{"customer_id": 10, "department_id": 1}])
    assert not result.done
    empty = customers([], [], [])
    assert not empty.done and empty.missing[0].key == "step1.missing.no_departments"
