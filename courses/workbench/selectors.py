"""Every read of the liaison's workbench, from the stored assignments (never raw progress).

The compliance engine (`courses.compliance.assignments`) keeps one `Assignment` row per person,
requirement and cycle, with its status stored; the workbench only counts and lists those rows.
Each function runs a fixed number of queries whatever the size of the department: the staff list
and its exports pivot one page (or one chunk) of people at a time in one extra query.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import batched

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from courses.certificates.models import Certificate
from courses.compliance.models import (
    COMPLETED_STATUSES,
    Assignment,
    AssignmentStatus,
    AuditEntry,
    DepartmentDueCount,
    DepartmentRequirementSummary,
    Exemption,
    ReminderLog,
    Requirement,
    StaleMark,
)
from courses.compliance.summary import STATUS_FIELDS
from courses.sessions.models import SessionRegistration
from lms.users.models import Department, JobClass, User

STAFF_PAGE_SIZE = 50
EXPORT_CHUNK_SIZE = 2000
DUE_SOON_DAYS = 30
SEARCH_TERMS_MAX = 5

# Worst first: sorting by status puts the people who need attention at the top.
STATUS_RANK = {
    AssignmentStatus.OVERDUE: 0,
    AssignmentStatus.NOT_STARTED: 1,
    AssignmentStatus.IN_PROGRESS: 2,
    AssignmentStatus.EXEMPT: 3,
    AssignmentStatus.COMPLETED_LATE: 4,
    AssignmentStatus.COMPLETED_ON_TIME: 5,
}
OPEN_STATUSES = (
    AssignmentStatus.NOT_STARTED,
    AssignmentStatus.IN_PROGRESS,
    AssignmentStatus.OVERDUE,
)
# The staff list's sort keys; anything else is refused (see `staff_list_for_department`).
SORT_KEYS = ("name", "employee_id", "job_class", "hired_on", "due_on", "status")
# What the staff list and its exports show of each person (no password hash, no preferences).
STAFF_FIELDS = (
    "pk",
    "employee_id",
    "first_name",
    "last_name",
    "email",
    "hired_on",
    "job_class__code",
    "job_class__title",
    "supervisor__employee_id",
    "supervisor__first_name",
    "supervisor__last_name",
)


# --- department summary -----------------------------------------------------------------------


@dataclass(frozen=True)
class RequirementSummary:
    """Today's counts for one requirement in one department, from current assignments of
    active people. `completed` = on time + late. The compliance rate is completed over the
    people who must take it: exempt people are excused, so they leave the denominator (a
    department can reach 100%). The rates are None when nobody is counted."""

    requirement: Requirement
    in_audience: int = 0
    completed_on_time: int = 0
    completed_late: int = 0
    overdue: int = 0
    exempt: int = 0
    not_started: int = 0
    in_progress: int = 0
    due_soon: int = 0

    @property
    def completed(self) -> int:
        return self.completed_on_time + self.completed_late

    @property
    def required(self) -> int:
        return self.in_audience - self.exempt

    @property
    def compliance_rate(self) -> float | None:
        return self.completed / self.required if self.required else None

    @property
    def on_time_rate(self) -> float | None:
        return self.completed_on_time / self.completed if self.completed else None

    @property
    def compliance_percent(self) -> int | None:
        return percent_floor(self.completed, self.required)

    @property
    def on_time_percent(self) -> int | None:
        return percent_floor(self.completed_on_time, self.completed)


def percent_floor(part: int, whole: int) -> int | None:
    """Whole percent, rounded down: 99.6 % done is not shown as 100 %."""
    return part * 100 // whole if whole else None


def requirement_summary_list_for_department(
    *, department: Department, requirements: list[Requirement], as_of: date
) -> list[RequirementSummary]:
    """One `RequirementSummary` per requirement in `requirements` (in that order): the
    department's current assignments of active people, as the compliance engine keeps them
    counted (`courses.compliance.summary`), never a count over assignment rows.

    "Due soon" is an unfinished assignment due between `as_of` and `as_of` + 30 days, summed
    over the department's due-date counts. One query, whatever the size of the department.
    """
    if not requirements:
        return []
    due_soon = (
        DepartmentDueCount.objects.filter(
            department=department,
            requirement=OuterRef("requirement"),
            due_on__gte=as_of,
            due_on__lte=as_of + timedelta(days=DUE_SOON_DAYS),
        )
        .order_by()
        .values("requirement")
        .annotate(total=Sum("open"))
        .values("total")
    )
    rows = (
        DepartmentRequirementSummary.objects.filter(
            department=department, requirement_id__in=[r.pk for r in requirements]
        )
        .annotate(due_soon=Coalesce(Subquery(due_soon), 0))
        .values("requirement_id", *STATUS_FIELDS, "due_soon")
    )
    counts = {}
    for row in rows:
        requirement_id = row.pop("requirement_id")
        counts[requirement_id] = row | {"in_audience": sum(row[key] for key in STATUS_FIELDS)}
    return [
        RequirementSummary(requirement=requirement, **counts.get(requirement.pk, {}))
        for requirement in requirements
    ]


# --- twelve-month trend -----------------------------------------------------------------------


# --- the department against the city -------------------------------------------------------


# --- staff list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffFilters:
    """The staff list's filters, already validated (see
    `courses.workbench.forms.StaffFilterForm`)."""

    requirement_id: int | None = None
    status: str | None = None
    job_class_id: int | None = None
    supervisor_id: int | None = None
    hired_from: date | None = None
    hired_to: date | None = None
    search: str = ""
    sort: str = "name"


@dataclass(frozen=True)
class StaffFilterChoices:
    job_classes: list[JobClass]
    # Lazy: a large department has thousands of supervisors, too many for a list to choose
    # from; the form looks up the one employee ID typed, among these.
    supervisors: QuerySet[User]


@dataclass(frozen=True)
class StaffCell:
    """One person's current assignment under one requirement, as the staff list shows it."""

    status: str
    due_on: date
    completed_at: datetime | None

    @property
    def status_label(self) -> str:
        return AssignmentStatus(self.status).label


@dataclass
class StaffRow:
    person: User
    cells: list[StaffCell | None] = field(default_factory=list)


def department_staff(*, department: Department) -> QuerySet[User]:
    """Active people of the department: everyone whose record says so, and anyone who moved out
    whose current assignments the engine still counts here (a transfer it has not seen yet).
    Lazy: one query when it is read (`department_staff_read` reads faster, in two).

    Every change of a person's department marks them stale for the engine (the roster import and
    the admin send `roster_changed`; courses.compliance.handlers), and the engine deletes a mark
    only once it has moved their assignments. So a transfer not yet seen is a marked person: the
    query looks among the few marked people, not through the department's assignments (134,000
    index entries in the largest department, on every cold page).
    """
    # IN (one UNION the other), not "department = X OR id IN (...)": the database reads the
    # department's people from their index, where the OR made it test every person in the
    # city, so even a department of three cost as much as the largest.
    members = (
        User.objects.filter(department=department)
        .values("pk")
        .union(_moved_out_counted_here(department=department, include_members=True))
    )
    return User.objects.filter(is_active=True, pk__in=members)


def department_staff_read(*, department: Department) -> QuerySet[User]:
    """The people of `department_staff`, for a query that reads them all (a list, a count, the
    job classes): the few who moved out but are still counted here are read first, one small
    query, and given by id. Then the database reads the department's people straight from the
    index of active people by department and name, already in name order, where the lazy form
    made it read every person in the city, join and sort (50 ms at 13,900 people)."""
    moved_out = list(_moved_out_counted_here(department=department, include_members=False))
    people = User.objects.filter(is_active=True)
    if moved_out:
        return people.filter(Q(department=department) | Q(pk__in=moved_out))
    return people.filter(department=department)


def _moved_out_counted_here(*, department: Department, include_members: bool) -> QuerySet:
    """Ids of the marked people with a current assignment counted in `department` (see
    `department_staff`); with `include_members=False`, only those whose record names another
    department or none."""
    counted_here = Assignment.objects.filter(
        department=department, is_current=True, user_id__in=_marked_people()
    )
    if not include_members:
        counted_here = counted_here.exclude(user__department=department)
    return counted_here.values_list("user_id", flat=True)


def _marked_people() -> QuerySet:
    """Ids of the people marked stale for the compliance engine (a subquery)."""
    return StaleMark.objects.filter(user__isnull=False).values("user_id")


def staff_filter_choices(
    *, department: Department, job_classes: list[JobClass] | None = None
) -> StaffFilterChoices:
    """The job classes of the department's staff (one query, unless `job_classes` is given,
    e.g. from a cache) and, lazily, their supervisors, for the filter form."""
    staff = department_staff(department=department)
    if job_classes is None:
        job_classes = staff_job_classes(department=department)
    return StaffFilterChoices(
        job_classes=job_classes,
        supervisors=User.objects.filter(pk__in=staff.values("supervisor_id")),
    )


def staff_job_classes(*, department: Department) -> list[JobClass]:
    """The job classes the department's staff hold (one query)."""
    # Two sets ORed, each read once: the department's active people from the index of active
    # people by department (which carries their job class), and the few who moved out.
    active = User.objects.filter(is_active=True)
    members = active.filter(department=department)
    moved_out = active.filter(
        pk__in=_moved_out_counted_here(department=department, include_members=False)
    )
    return list(
        JobClass.objects.filter(
            Q(pk__in=members.values("job_class_id")) | Q(pk__in=moved_out.values("job_class_id"))
        )
    )


def staff_list_for_department(
    *, department: Department, requirements: list[Requirement], filters: StaffFilters
) -> QuerySet[User]:
    """The department's staff narrowed by `filters`, sorted (page it or iterate it). Reads who
    moved out but is still counted here first (one small query; `department_staff_read`), the
    rest is lazy.

    Requirement and status filters look at current assignments: a requirement alone keeps the
    people in its audience; with a status, those whose assignment has that status; a status
    alone, those with any requirement in that status. Search matches every word (split at spaces
    and commas, so "Last, First", "First Last" and parts of either) against first or last name,
    employee ID or email. Sorting by due date or status uses the chosen
    requirement, otherwise the soonest open due date or the worst status. Raises ValueError for a
    sort key outside `SORT_KEYS` or a requirement outside `requirements`.
    """
    key = filters.sort.removeprefix("-")
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {filters.sort!r}")
    requirement_ids = [r.pk for r in requirements]
    if filters.requirement_id is not None and filters.requirement_id not in requirement_ids:
        raise ValueError(f"requirement {filters.requirement_id} is not the department's")

    people = department_staff_read(department=department)
    current = Assignment.objects.filter(
        user=OuterRef("pk"), is_current=True, requirement_id__in=requirement_ids
    )
    if filters.requirement_id is not None:
        current = current.filter(requirement_id=filters.requirement_id)
    if filters.status or filters.requirement_id is not None:
        people = people.filter(
            _holding(department=department, requirement_ids=requirement_ids, filters=filters)
        )
    if filters.job_class_id is not None:
        people = people.filter(job_class_id=filters.job_class_id)
    if filters.supervisor_id is not None:
        people = people.filter(supervisor_id=filters.supervisor_id)
    if filters.hired_from is not None:
        people = people.filter(hired_on__gte=filters.hired_from)
    if filters.hired_to is not None:
        people = people.filter(hired_on__lte=filters.hired_to)
    # Commas separate words too, so "Rivera, Emily" (as the list writes a name) finds her.
    for term in filters.search.replace(",", " ").split()[:SEARCH_TERMS_MAX]:
        people = people.filter(
            Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
            | Q(employee_id__icontains=term)
            | Q(email__icontains=term)
        )
    if filters.requirement_id is None:
        # Across requirements, "due" means the soonest assignment still to do.
        due = current.exclude(status__in=[*COMPLETED_STATUSES, AssignmentStatus.EXEMPT])
    else:
        due = current
    return (
        _sorted(people, filters.sort, current=current, due=due)
        .select_related("job_class", "supervisor")
        .only(*STAFF_FIELDS)
    )


def _holding(*, department: Department, requirement_ids: list[int], filters: StaffFilters) -> Q:
    """People with a current assignment under the filters' requirement (else any of
    `requirement_ids`) in the filters' status (else any).

    Read as two sets of people, each once: those whose matching assignment counts in the
    department, from the index of its assignments by requirement and status, and those marked
    stale whose matching assignment counts anywhere. A person the engine has seen since their
    last change of department has every current assignment counted in their department
    (`department_staff`), so together they are the staff with a matching assignment. Asked
    person by person instead ("has one?"), the database read every matching assignment in the
    city: 143,000 overdue ones on deadline day, for a department of 13,900.
    """
    matching = Assignment.objects.filter(is_current=True, requirement_id__in=requirement_ids)
    if filters.requirement_id is not None:
        matching = matching.filter(requirement_id=filters.requirement_id)
    if filters.status:
        matching = matching.filter(status=filters.status)
    return Q(pk__in=matching.filter(department=department).values("user_id")) | Q(
        pk__in=matching.filter(user_id__in=_marked_people()).values("user_id")
    )


def _sorted(
    people: QuerySet[User],
    sort: str,
    *,
    current: QuerySet[Assignment],
    due: QuerySet[Assignment],
) -> QuerySet[User]:
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    by_name = ["last_name", "first_name", "pk"]
    if key == "name":
        return people.order_by(*[f"-{f}" if descending else f for f in by_name])
    if key == "due_on":
        people = people.annotate(sort_value=Subquery(due.order_by("due_on").values("due_on")[:1]))
        primary = F("sort_value")
    elif key == "status":
        rank = Case(
            *[When(status=status, then=Value(r)) for status, r in STATUS_RANK.items()],
            output_field=IntegerField(),
        )
        people = people.annotate(
            sort_value=Subquery(
                current.annotate(rank=rank).order_by("rank").values("rank")[:1],
                output_field=IntegerField(),
            )
        )
        primary = F("sort_value")
    else:
        primary = F({"job_class": "job_class__code"}.get(key, key))
    ordering = primary.desc(nulls_last=True) if descending else primary.asc(nulls_last=True)
    return people.order_by(ordering, *by_name)


def staff_rows_for_people(
    *, people: Iterable[User], requirements: list[Requirement]
) -> list[StaffRow]:
    """Each person with their current assignment under each requirement (None outside its
    audience), cells in the order of `requirements`. One query, whatever the number of people."""
    people = list(people)
    if not people or not requirements:
        return [StaffRow(person=person, cells=[None] * len(requirements)) for person in people]
    cells: dict[tuple[int, int], StaffCell] = {
        (user_id, requirement_id): StaffCell(status=status, due_on=due_on, completed_at=done_at)
        for user_id, requirement_id, status, due_on, done_at in Assignment.objects.filter(
            user_id__in=[person.pk for person in people],
            requirement_id__in=[r.pk for r in requirements],
            is_current=True,
        ).values_list("user_id", "requirement_id", "status", "due_on", "completed_at")
    }
    return [
        StaffRow(person=person, cells=[cells.get((person.pk, r.pk)) for r in requirements])
        for person in people
    ]


def staff_page_for_department(
    *,
    department: Department,
    requirements: list[Requirement],
    filters: StaffFilters,
    page_number: str | int | None,
) -> tuple[Page, list[StaffRow]]:
    """Page `page_number` (as `Paginator.get_page` reads it: bad or out of range gives the
    first or last page) of `staff_list_for_department`, with each person's row.

    The database works out the filtered, sorted list once: its ids come back in one query
    (their number is the count), after one that reads who moved out (`department_staff_read`),
    the page's people in a third and their cells in a fourth, instead of a COUNT and an OFFSET
    that each filter the whole department. The page's `object_list` holds the people. Four
    queries."""
    people = staff_list_for_department(
        department=department, requirements=requirements, filters=filters
    )
    ids = list(people.values_list("pk", flat=True))
    page = Paginator(ids, STAFF_PAGE_SIZE).get_page(page_number)
    found = (
        User.objects.filter(pk__in=list(page.object_list))
        .select_related("job_class", "supervisor")
        .only(*STAFF_FIELDS)
        .in_bulk()
        if page.object_list
        else {}
    )
    # The page lists the people themselves, as a page of the queryset would.
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page, staff_rows_for_people(people=page.object_list, requirements=requirements)


def staff_rows_iter(
    *,
    people: QuerySet[User],
    requirements: list[Requirement],
    chunk_size: int = EXPORT_CHUNK_SIZE,
) -> Iterator[StaffRow]:
    """Every row of a staff list, streamed: the people are read `chunk_size` at a time from a
    database cursor and each chunk is pivoted in one query, so memory does not grow with the
    department."""
    for chunk in batched(people.iterator(chunk_size=chunk_size), chunk_size):
        yield from staff_rows_for_people(people=chunk, requirements=requirements)


# --- one person -------------------------------------------------------------------------------


def person_get_for_department(*, department: Department, user_id: int) -> User | None:
    """The person with `user_id` if they belong to `department`: it is their department, or
    they have any assignment (of any cycle, past or current) counted in it. One query."""
    assigned_here = Assignment.objects.filter(user=OuterRef("pk"), department=department)
    return (
        User.objects.filter(pk=user_id)
        .filter(Q(department=department) | Exists(assigned_here))
        .select_related("department", "job_class", "supervisor")
        .first()
    )


@dataclass(frozen=True)
class RequirementHistory:
    """A person's cycles under one requirement, newest first; `current` is the one that counts."""

    requirement: Requirement
    assignments: list[Assignment]

    @property
    def current(self) -> Assignment | None:
        return next((a for a in self.assignments if a.is_current), None)


@dataclass(frozen=True)
class PersonRecord:
    person: User
    histories: list[RequirementHistory]
    certificates: list[Certificate]
    reminders: list[ReminderLog]
    exemptions: list[Exemption]
    registrations: list[SessionRegistration]
    audit_entries: list[AuditEntry]

    @property
    def exemptions_in_force(self) -> list[Exemption]:
        return [e for e in self.exemptions if e.revoked_at is None]


def person_record_get(*, person: User) -> PersonRecord:
    """Everything the workbench shows about one person: every assignment of every cycle grouped
    by requirement (current requirements first), certificates, reminders sent to them or about
    them, exemptions (revoked ones too), live-session registrations and the audit entries about
    them, newest first. Six queries."""
    assignments = Assignment.objects.filter(user=person).select_related("requirement", "exemption")
    histories: dict[int, RequirementHistory] = {}
    for assignment in sorted(assignments, key=lambda a: (a.requirement.name, -a.cycle)):
        histories.setdefault(
            assignment.requirement_id,
            RequirementHistory(requirement=assignment.requirement, assignments=[]),
        ).assignments.append(assignment)
    ordered = sorted(histories.values(), key=lambda h: h.current is None)
    return PersonRecord(
        person=person,
        histories=ordered,
        certificates=list(
            Certificate.objects.filter(completion__user=person)
            .select_related("completion")
            .order_by("-issued_at")
        ),
        reminders=list(
            ReminderLog.objects.filter(Q(recipient=person) | Q(assignment__user=person))
            .select_related("assignment__requirement", "recipient", "sent_by")
            .order_by("-claimed_at", "-pk")
        ),
        exemptions=list(
            Exemption.objects.filter(user=person)
            .select_related("requirement", "granted_by", "revoked_by")
            .order_by("-granted_at", "-pk")
        ),
        registrations=list(
            SessionRegistration.objects.filter(user=person)
            .select_related("session__course")
            .order_by("-session__starts_at", "-pk")
        ),
        audit_entries=list(
            AuditEntry.objects.filter(employee=person)
            .select_related("actor", "requirement")
            .order_by("-at", "-pk")
        ),
    )
