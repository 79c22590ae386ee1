"""moveOn: whether an AU is satisfied (cmi5_spec.md 13.1.4 "moveOn", 9.3.7, 9.3.9). Pure
functions, no database."""

from courses.packages.cmi5.vocab import MOVE_ON_VALUES


def move_on_met(*, move_on: str, completed: bool, passed: bool, waived: bool = False) -> bool:
    """True when an AU with criterion `move_on` counts as satisfied (13.1.4):

    - "Completed": a completed statement was received;
    - "Passed": a passed statement was received;
    - "CompletedAndPassed": both;
    - "CompletedOrPassed": either;
    - "NotApplicable": always (evaluated at registration, 9.6.1).

    An AU the LMS waived has met its moveOn criteria whatever they are (9.3.9). A "failed"
    result never satisfies an AU. An unknown criterion is treated as the spec's default,
    "NotApplicable", would be refused at import by courses.packages."""
    if move_on not in MOVE_ON_VALUES:
        raise ValueError(f"unknown moveOn value {move_on!r}")
    if waived:
        return True
    return {
        "Completed": completed,
        "Passed": passed,
        "CompletedAndPassed": completed and passed,
        "CompletedOrPassed": completed or passed,
        "NotApplicable": True,
    }[move_on]


def block_satisfied(children_satisfied: list[bool]) -> bool:
    """A block (or the course) is satisfied when every AU and block in it is (9.3.9). An empty
    block has nothing left to do."""
    return all(children_satisfied)
