"""moveOn (cmi5_spec.md 13.1.4): which results satisfy an AU, for every criterion."""

import pytest

from courses.packages.cmi5.moveon import block_satisfied, move_on_met


@pytest.mark.parametrize(
    ("move_on", "completed", "passed", "expected"),
    [
        ("Completed", False, False, False),
        ("Completed", True, False, True),
        ("Completed", False, True, False),
        ("Passed", True, False, False),
        ("Passed", False, True, True),
        ("CompletedOrPassed", False, False, False),
        ("CompletedOrPassed", True, False, True),
        ("CompletedOrPassed", False, True, True),
        ("CompletedAndPassed", True, False, False),
        ("CompletedAndPassed", False, True, False),
        ("CompletedAndPassed", True, True, True),
        ("NotApplicable", False, False, True),
    ],
)
def test_each_criterion(move_on, completed, passed, expected):
    assert move_on_met(move_on=move_on, completed=completed, passed=passed) is expected


@pytest.mark.parametrize("move_on", ["Completed", "Passed", "CompletedAndPassed"])
def test_a_waived_au_meets_any_criterion(move_on):
    assert move_on_met(move_on=move_on, completed=False, passed=False, waived=True)


def test_an_unknown_criterion_is_an_error():
    with pytest.raises(ValueError, match="unknown moveOn"):
        move_on_met(move_on="Attempted", completed=True, passed=True)


def test_a_block_needs_every_child():
    assert block_satisfied([True, True])
    assert not block_satisfied([True, False])
