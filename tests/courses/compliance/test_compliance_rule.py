"""The compliance rule against a table of scenarios, with the day fixed by `as_of`."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from courses.compliance.rule import (
    COMPLETED_LATE,
    COMPLETED_ON_TIME,
    EXEMPT,
    IN_PROGRESS,
    NOT_STARTED,
    OVERDUE,
    Audience,
    Completion,
    ExemptionFact,
    Person,
    Rule,
    add_months,
    assignment_cycles,
    entered_on,
    in_audience,
)

LA = ZoneInfo("America/Los_Angeles")


def done(day: str, at: str = "10:00", pk: int = 1) -> Completion:
    on = date.fromisoformat(day)
    return Completion(pk=pk, at=datetime.combine(on, time.fromisoformat(at), LA), on=on)


def d(day: str) -> date:
    return date.fromisoformat(day)


def cycles(rule, *, entered=None, completions=(), activity=None, exemption=None, as_of):
    return [
        (c.cycle, c.opened_on.isoformat(), c.due_on.isoformat(), c.status)
        for c in assignment_cycles(
            rule=rule,
            entered_on=d(entered) if entered else None,
            completions=completions,
            last_activity_at=activity,
            exemption=exemption,
            as_of=d(as_of),
        )
    ]


ANNUAL = Rule(effective_on=d("2024-01-01"), due_days_after_entry=30, recurrence_months=12)

SCENARIOS = {
    "new hire: due 30 days after hire, not started": (
        Rule(effective_on=d("2026-01-01"), due_days_after_entry=30),
        {"entered": "2026-08-01", "as_of": "2026-08-15"},
        [(1, "2026-08-01", "2026-08-31", NOT_STARTED)],
    ),
    "new hire: overdue the day after the due date": (
        Rule(effective_on=d("2026-01-01"), due_days_after_entry=30),
        {"entered": "2026-08-01", "as_of": "2026-09-01"},
        [(1, "2026-08-01", "2026-08-31", OVERDUE)],
    ),
    "due on the due date itself is not yet overdue": (
        Rule(effective_on=d("2026-01-01"), due_days_after_entry=30),
        {"entered": "2026-08-01", "as_of": "2026-08-31"},
        [(1, "2026-08-01", "2026-08-31", NOT_STARTED)],
    ),
    "hired before the requirement: the clock starts on the effective date": (
        Rule(effective_on=d("2026-07-01"), due_days_after_entry=90),
        {"entered": "2010-03-01", "as_of": "2026-07-02"},
        [(1, "2026-07-01", "2026-09-29", NOT_STARTED)],
    ),
    "fixed date and days: whichever is later": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30"), due_days_after_entry=90),
        {"entered": "2026-05-01", "as_of": "2026-05-02"},
        [(1, "2026-05-01", "2026-07-30", NOT_STARTED)],
    ),
    "fixed date only, nothing known of entry": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {"as_of": "2026-03-01"},
        [(1, "2026-01-01", "2026-06-30", NOT_STARTED)],
    ),
    "not assigned before the requirement takes effect": (
        Rule(effective_on=d("2027-01-01"), due_on=d("2027-06-30")),
        {"as_of": "2026-12-31"},
        [],
    ),
    "in progress once a lesson is done": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {"as_of": "2026-03-01", "activity": datetime(2026, 2, 1, 9, tzinfo=LA)},
        [(1, "2026-01-01", "2026-06-30", IN_PROGRESS)],
    ),
    "started but past due is overdue": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {"as_of": "2026-07-01", "activity": datetime(2026, 2, 1, 9, tzinfo=LA)},
        [(1, "2026-01-01", "2026-06-30", OVERDUE)],
    ),
    "fiscal-year boundary: completed late on the evening of June 30 is on time": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {"as_of": "2026-07-05", "completions": [done("2026-06-30", "23:30")]},
        [(1, "2026-01-01", "2026-06-30", COMPLETED_ON_TIME)],
    ),
    "fiscal-year boundary: just after midnight on July 1 is late": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {"as_of": "2026-07-05", "completions": [done("2026-07-01", "00:10")]},
        [(1, "2026-01-01", "2026-06-30", COMPLETED_LATE)],
    ),
    "a completion in the future of as_of is not seen": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {"as_of": "2026-03-01", "completions": [done("2026-04-01")]},
        [(1, "2026-01-01", "2026-06-30", NOT_STARTED)],
    ),
    "one-time: a completion long before the assignment counts": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {"entered": "2026-02-01", "as_of": "2026-03-01", "completions": [done("2019-05-01")]},
        [(1, "2026-02-01", "2026-06-30", COMPLETED_ON_TIME)],
    ),
    "recurring: an earlier completion still valid when assigned counts": (
        ANNUAL,
        {"entered": "2026-06-01", "as_of": "2026-06-02", "completions": [done("2026-03-01")]},
        [(1, "2026-06-01", "2026-07-01", COMPLETED_ON_TIME)],
    ),
    "recurring: an expired completion does not count": (
        ANNUAL,
        {"entered": "2026-06-01", "as_of": "2026-06-02", "completions": [done("2025-01-01")]},
        [(1, "2026-06-01", "2026-07-01", NOT_STARTED)],
    ),
    "recurring: before the renewal window, one cycle": (
        ANNUAL,
        {"entered": "2025-06-01", "as_of": "2026-05-01", "completions": [done("2025-07-15")]},
        [(1, "2025-06-01", "2025-07-01", COMPLETED_LATE)],
    ),
    "recurring: the renewal opens 60 days before expiry, due at expiry": (
        ANNUAL,
        {"entered": "2025-06-01", "as_of": "2026-06-01", "completions": [done("2025-06-20")]},
        [
            (1, "2025-06-01", "2025-07-01", COMPLETED_ON_TIME),
            (2, "2026-04-21", "2026-06-20", NOT_STARTED),
        ],
    ),
    "recurring: the renewal goes overdue when the completion expires": (
        ANNUAL,
        {"entered": "2025-06-01", "as_of": "2026-06-21", "completions": [done("2025-06-20")]},
        [
            (1, "2025-06-01", "2025-07-01", COMPLETED_ON_TIME),
            (2, "2026-04-21", "2026-06-20", OVERDUE),
        ],
    ),
    "recurring: renewed late, the next cycle runs from the new completion": (
        ANNUAL,
        {
            "entered": "2025-06-01",
            "as_of": "2027-06-01",
            "completions": [done("2025-06-20", pk=1), done("2026-07-10", pk=2)],
        },
        [
            (1, "2025-06-01", "2025-07-01", COMPLETED_ON_TIME),
            (2, "2026-04-21", "2026-06-20", COMPLETED_LATE),
            (3, "2027-05-11", "2027-07-10", NOT_STARTED),
        ],
    ),
    "recurring: an early renewal before the window opens counts for the next cycle": (
        ANNUAL,
        {
            "entered": "2025-06-01",
            "as_of": "2026-05-01",
            "completions": [done("2025-06-20", pk=1), done("2026-01-10", pk=2)],
        },
        [
            (1, "2025-06-01", "2025-07-01", COMPLETED_ON_TIME),
            (2, "2026-04-21", "2026-06-20", COMPLETED_ON_TIME),
        ],
    ),
    "recurring: that early renewal fulfils the cycle once it opens": (
        ANNUAL,
        {
            "entered": "2025-06-01",
            "as_of": "2026-05-01",
            "completions": [done("2025-06-20", pk=1), done("2026-04-25", pk=2)],
        },
        [
            (1, "2025-06-01", "2025-07-01", COMPLETED_ON_TIME),
            (2, "2026-04-21", "2026-06-20", COMPLETED_ON_TIME),
        ],
    ),
    "leap day: a completion on 29 February 2024 is valid until 28 February 2025": (
        Rule(effective_on=d("2024-01-01"), due_on=d("2024-06-30"), recurrence_months=12),
        {"as_of": "2025-03-01", "completions": [done("2024-02-29")]},
        [
            (1, "2024-01-01", "2024-06-30", COMPLETED_ON_TIME),
            (2, "2024-12-30", "2025-02-28", OVERDUE),
        ],
    ),
    "SB 1343 style: supervisors within 6 months of promotion, every 2 years": (
        Rule(effective_on=d("2020-01-01"), due_days_after_entry=183, recurrence_months=24),
        {"entered": "2024-03-01", "as_of": "2026-03-01", "completions": [done("2024-05-01")]},
        [(1, "2024-03-01", "2024-08-31", COMPLETED_ON_TIME)],
    ),
    "exemption in force: exempt instead of overdue": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {"as_of": "2026-07-10", "exemption": ExemptionFact(pk=7, until_on=d("2026-12-31"))},
        [(1, "2026-01-01", "2026-06-30", EXEMPT)],
    ),
    "exemption expired: overdue again": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {"as_of": "2027-01-01", "exemption": ExemptionFact(pk=7, until_on=d("2026-12-31"))},
        [(1, "2026-01-01", "2026-06-30", OVERDUE)],
    ),
    "exemption does not undo a completion": (
        Rule(effective_on=d("2026-01-01"), due_on=d("2026-06-30")),
        {
            "as_of": "2026-07-10",
            "completions": [done("2026-02-01")],
            "exemption": ExemptionFact(pk=7),
        },
        [(1, "2026-01-01", "2026-06-30", COMPLETED_ON_TIME)],
    ),
}


@pytest.mark.parametrize(("rule", "facts", "expected"), SCENARIOS.values(), ids=SCENARIOS.keys())
def test_scenario(rule, facts, expected):
    assert cycles(rule, **facts) == expected


RETAKE = Rule(
    effective_on=d("2026-01-01"),
    due_on=d("2026-06-30"),
    due_days_after_entry=30,
    retake_required_at=datetime(2026, 9, 1, 10, tzinfo=LA),
    retake_required_on=d("2026-09-01"),
)


def test_retake_version_opens_a_new_cycle_and_keeps_the_old_one():
    assert cycles(RETAKE, as_of="2026-09-15", completions=[done("2026-03-01")]) == [
        (1, "2026-01-01", "2026-06-30", COMPLETED_ON_TIME),
        (2, "2026-09-01", "2026-10-01", NOT_STARTED),
    ]


def test_retake_counts_only_completions_after_the_new_version_went_out():
    earlier_that_day = [done("2026-03-01", pk=1), done("2026-09-01", "09:00", pk=2)]
    after_it = [done("2026-03-01", pk=1), done("2026-09-01", "11:00", pk=2)]
    assert cycles(RETAKE, as_of="2026-09-15", completions=earlier_that_day)[-1][-1] == NOT_STARTED
    assert cycles(RETAKE, as_of="2026-09-15", completions=after_it)[-1][-1] == COMPLETED_ON_TIME


def test_assigned_after_a_retake_version_an_older_completion_does_not_count():
    result = cycles(
        RETAKE, entered="2026-10-01", as_of="2026-10-02", completions=[done("2026-03-01")]
    )
    assert result == [(1, "2026-10-01", "2026-10-31", NOT_STARTED)]


def test_the_supervisor_renewal_opens_before_the_two_years_run_out():
    rule = Rule(effective_on=d("2020-01-01"), due_days_after_entry=183, recurrence_months=24)
    assert cycles(
        rule, entered="2024-03-01", as_of="2026-03-10", completions=[done("2024-05-01")]
    ) == [
        (1, "2024-03-01", "2024-08-31", COMPLETED_ON_TIME),
        (2, "2026-03-02", "2026-05-01", NOT_STARTED),
    ]


def test_activity_from_an_earlier_cycle_does_not_make_the_renewal_in_progress():
    result = cycles(
        ANNUAL,
        entered="2025-06-01",
        as_of="2026-06-01",
        completions=[done("2025-06-20")],
        activity=datetime(2025, 6, 19, 9, tzinfo=LA),
    )
    assert result[-1][-1] == NOT_STARTED


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-01-31", 1, "2025-02-28"),
        ("2025-08-31", 6, "2026-02-28"),
        ("2025-12-15", 1, "2026-01-15"),
        ("2025-06-30", 24, "2027-06-30"),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(d(day), months) == d(expected)


GSD, LAPL, CLERK, ANALYST = 1, 2, 10, 20
PERSON = Person(pk=5, department_id=GSD, job_class_id=CLERK, hired_on=d("2020-01-15"))


@pytest.mark.parametrize(
    ("audience", "person", "expected"),
    [
        (Audience(), PERSON, True),
        (Audience(), Person(pk=5, is_active=False), False),
        (Audience(department_ids=frozenset({GSD})), PERSON, True),
        (Audience(department_ids=frozenset({LAPL})), PERSON, False),
        (Audience(job_class_ids=frozenset({ANALYST})), PERSON, False),
        (
            Audience(department_ids=frozenset({GSD}), job_class_ids=frozenset({CLERK})),
            PERSON,
            True,
        ),
        (Audience(hired_on_or_after=d("2020-01-15")), PERSON, True),
        (Audience(hired_on_or_after=d("2020-01-16")), PERSON, False),
        (Audience(hired_on_or_after=d("2020-01-16")), Person(pk=6), False),
        (Audience(is_for_liaisons=True), PERSON, False),
        (Audience(is_for_liaisons=True), Person(pk=5, is_liaison=True), True),
        (Audience(is_for_supervisors=True), Person(pk=5, is_supervisor=True), True),
        (
            Audience(is_for_supervisors=True, is_for_liaisons=True),
            Person(pk=5, is_supervisor=True),
            False,
        ),
        (Audience(department_ids=frozenset({GSD}), excluded_ids=frozenset({5})), PERSON, False),
    ],
)
def test_in_audience(audience, person, expected):
    assert in_audience(audience, person) is expected


def test_entry_is_the_latest_move_that_matters_to_the_audience():
    moved = Person(
        pk=5,
        hired_on=d("2010-01-01"),
        department_since=d("2026-08-01"),
        job_class_since=d("2025-02-01"),
    )
    assert entered_on(Audience(), moved) == d("2010-01-01")
    assert entered_on(Audience(department_ids=frozenset({GSD})), moved) == d("2026-08-01")
    assert entered_on(Audience(job_class_ids=frozenset({CLERK})), moved) == d("2025-02-01")
    assert entered_on(Audience(), Person(pk=6)) is None
