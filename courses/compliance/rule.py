"""The compliance rule, as pure functions: who is in a requirement's audience, and what cycles
of assignment a person has, with which due dates and statuses, on a given day.

No ORM, no clock: `courses.assignments` loads the facts, calls these, and stores the result.
Dates are local calendar dates; a completion counts on the local date it happened.
"""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED_ON_TIME = "completed_on_time"
COMPLETED_LATE = "completed_late"
OVERDUE = "overdue"
EXEMPT = "exempt"

DEFAULT_RETAKE_DAYS = 90
MAX_CYCLES = 200


@dataclass(frozen=True, slots=True)
class Audience:
    """Who a requirement is for. Each condition that is set must hold."""

    department_ids: frozenset[int] = frozenset()
    job_class_ids: frozenset[int] = frozenset()
    hired_on_or_after: date | None = None
    is_for_liaisons: bool = False
    is_for_supervisors: bool = False
    excluded_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Rule:
    """When a requirement is due and how often it comes back."""

    effective_on: date
    due_on: date | None = None
    due_days_after_entry: int | None = None
    recurrence_months: int | None = None
    renewal_window_days: int = 60
    retake_required_at: datetime | None = None
    retake_required_on: date | None = None  # the local date of retake_required_at


@dataclass(frozen=True, slots=True)
class Person:
    pk: int
    is_active: bool = True
    department_id: int | None = None
    job_class_id: int | None = None
    hired_on: date | None = None
    department_since: date | None = None
    job_class_since: date | None = None
    is_liaison: bool = False
    is_supervisor: bool = False


@dataclass(frozen=True, slots=True)
class Completion:
    pk: int
    at: datetime
    on: date


@dataclass(frozen=True, slots=True)
class ExemptionFact:
    pk: int
    until_on: date | None = None

    def is_in_force(self, as_of: date) -> bool:
        return self.until_on is None or as_of <= self.until_on


@dataclass(frozen=True, slots=True)
class Cycle:
    cycle: int
    opened_on: date
    due_on: date
    status: str
    completion_id: int | None = None
    completed_at: datetime | None = None
    valid_until: date | None = None
    exemption_id: int | None = None
    last_activity_at: datetime | None = None


def in_audience(audience: Audience, person: Person) -> bool:
    """True when `person` is an active employee meeting every condition of `audience`."""
    if not person.is_active or person.pk in audience.excluded_ids:
        return False
    if audience.department_ids and person.department_id not in audience.department_ids:
        return False
    if audience.job_class_ids and person.job_class_id not in audience.job_class_ids:
        return False
    if audience.hired_on_or_after is not None and (
        person.hired_on is None or person.hired_on < audience.hired_on_or_after
    ):
        return False
    if audience.is_for_liaisons and not person.is_liaison:
        return False
    return not (audience.is_for_supervisors and not person.is_supervisor)


def entered_on(audience: Audience, person: Person) -> date | None:
    """The day the person entered the audience, as far as the roster tells: the latest of their
    hire, their move into the department (when the audience names departments) and their move
    into the job class (when it names job classes). None when the roster tells nothing."""
    dates = [person.hired_on]
    if audience.department_ids:
        dates.append(person.department_since)
    if audience.job_class_ids:
        dates.append(person.job_class_since)
    known = [day for day in dates if day is not None]
    return max(known) if known else None


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months; the 29th to 31st fall back to the month's last day
    (29 Feb 2024 + 12 months = 28 Feb 2025)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_due_on(rule: Rule, opened_on: date) -> date:
    """Due date of a cycle opened by entering the audience: the fixed date, the day count after
    opening, or the later of the two when both are set."""
    candidates = []
    if rule.due_on is not None:
        candidates.append(rule.due_on)
    if rule.due_days_after_entry is not None:
        candidates.append(opened_on + timedelta(days=rule.due_days_after_entry))
    if not candidates:
        raise ValueError("a requirement needs a due date or a number of days")
    return max(candidates)


def _predates_retake(completion: Completion, day: date, rule: Rule) -> bool:
    """True when a version requiring a retake was out by `day` and the completion is older."""
    return (
        rule.retake_required_at is not None
        and rule.retake_required_on is not None
        and day >= rule.retake_required_on
        and completion.at < rule.retake_required_at
    )


def _is_valid_on(completion: Completion, day: date, rule: Rule) -> bool:
    """Whether a completion still counts on `day`: not expired, not from before a version that
    requires a retake (when `day` is after that version)."""
    if rule.recurrence_months and add_months(completion.on, rule.recurrence_months) <= day:
        return False
    return not _predates_retake(completion, day, rule)


def _satisfier(
    completions: Sequence[Completion], *, after: Completion | None, opened_on: date, rule: Rule
) -> Completion | None:
    """The completion that fulfils a cycle: the latest still-valid one earned before it opened,
    else the first one earned after. Only completions later than the previous cycle's count."""
    later = [
        c
        for c in completions
        if (after is None or c.at > after.at) and not _predates_retake(c, opened_on, rule)
    ]
    earlier = [c for c in later if c.on < opened_on and _is_valid_on(c, opened_on, rule)]
    if earlier:
        return earlier[-1]
    return next((c for c in later if c.on >= opened_on), None)


def _next_cycle(rule: Rule, completion: Completion) -> tuple[date, date] | None:
    """(opens, due) of the cycle after one fulfilled by `completion`, or None when none follows."""
    options = []
    if rule.recurrence_months:
        expires = add_months(completion.on, rule.recurrence_months)
        opens = max(
            completion.on + timedelta(days=1), expires - timedelta(rule.renewal_window_days)
        )
        options.append((opens, expires))
    if (
        rule.retake_required_at is not None
        and rule.retake_required_on is not None
        and completion.at < rule.retake_required_at
    ):
        days = rule.due_days_after_entry or DEFAULT_RETAKE_DAYS
        options.append((rule.retake_required_on, rule.retake_required_on + timedelta(days=days)))
    return min(options) if options else None


def assignment_cycles(
    *,
    rule: Rule,
    entered_on: date | None,
    completions: Sequence[Completion],
    last_activity_at: datetime | None,
    exemption: ExemptionFact | None,
    as_of: date,
) -> list[Cycle]:
    """Every cycle a person in the audience has on `as_of`, oldest first.

    Args:
        rule: the requirement's due rule and recurrence.
        entered_on: when the person entered the audience (see `entered_on`); None = long ago.
        completions: the person's completions of the course, any order.
        last_activity_at: their latest lesson progress in the course, if any.
        exemption: their exemption in force from this requirement, if any.
        as_of: the day the statuses are for; nothing after it is seen.

    Returns:
        One Cycle per cycle opened by `as_of`: cycle 1 opens when the person entered the
        audience (not before the requirement's effective date), later ones before each
        completion expires or when a course version requires a retake. Every cycle but the
        last is completed; the last is completed, exempt, overdue, in progress or not started.
        Empty when the first cycle opens after `as_of`.
    """
    seen = sorted((c for c in completions if c.on <= as_of), key=lambda c: c.at)
    opened = max(rule.effective_on, entered_on or rule.effective_on)
    due = first_due_on(rule, opened)
    previous: Completion | None = None
    cycles: list[Cycle] = []
    number = 1
    while opened <= as_of and number <= MAX_CYCLES:
        completion = _satisfier(seen, after=previous, opened_on=opened, rule=rule)
        if completion is None:
            active = (
                last_activity_at
                if last_activity_at is not None
                and (previous is None or last_activity_at > previous.at)
                else None
            )
            exempt = exemption is not None and exemption.is_in_force(as_of)
            if exempt:
                status = EXEMPT
            elif as_of > due:
                status = OVERDUE
            else:
                status = IN_PROGRESS if active else NOT_STARTED
            cycles.append(
                Cycle(
                    cycle=number,
                    opened_on=opened,
                    due_on=due,
                    status=status,
                    exemption_id=exemption.pk if exempt else None,
                    last_activity_at=active,
                )
            )
            break
        valid_until = (
            add_months(completion.on, rule.recurrence_months) if rule.recurrence_months else None
        )
        cycles.append(
            Cycle(
                cycle=number,
                opened_on=opened,
                due_on=due,
                status=COMPLETED_ON_TIME if completion.on <= due else COMPLETED_LATE,
                completion_id=completion.pk,
                completed_at=completion.at,
                valid_until=valid_until,
            )
        )
        following = _next_cycle(rule, completion)
        if following is None:
            break
        opened, due = following
        previous = completion
        number += 1
    return cycles
