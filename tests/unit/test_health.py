"""Promise health from metric and target, in both directions."""

import pytest

from cvm_core.health import AT_RISK, BROKEN, MET, NO_DATA, health, of


@pytest.mark.parametrize(
    ("direction", "target", "current", "expected"),
    [
        ("higher", 98, 99, MET),
        ("higher", 98, 98, MET),
        ("higher", 98, 90, AT_RISK),
        ("higher", 98, 80, BROKEN),
        ("lower", 24, 20, MET),
        ("lower", 24, 26, AT_RISK),
        ("lower", 24, 40, BROKEN),
        ("lower", 0, 0.05, AT_RISK),
        ("higher", None, 5, NO_DATA),
        ("higher", 5, None, NO_DATA),
    ],
)
def test_health(direction: str, target: float | None, current: float | None, expected: str) -> None:
    assert health(direction, target, current) == expected


def test_health_of_a_row_defaults_to_higher_is_better() -> None:
    assert of({"metric_target": 10, "metric_current": 12}) == MET
