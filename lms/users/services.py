"""Writes that matter for the people of the city: importing the roster.

`roster_import` is the one way the roster reaches the database. It reads and checks the whole
file first (`lms.users.roster`), loads what is stored once, plans every change in memory, and
only then writes, in batches and inside one transaction, so that the number of queries does not
grow with the number of rows and a failure leaves the database as it was.
"""

import math
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Department, JobClass, User
from .roster import (
    PROGRESS_EVERY,
    BadRow,
    ProgressCallback,
    Roster,
    RosterRow,
    check_against_database,
    read_roster,
)

BATCH_SIZE = 2_000

# The User fields the roster drives, and the column that must be in the header for the import
# to manage each (None: always managed, the column is required or status defaults to active).
_MANAGED_FIELDS: dict[str, str | None] = {
    "email": None,
    "first_name": None,
    "last_name": None,
    "department": None,
    "job_class": "job_class_code",
    "hired_on": "hire_date",
    "preferred_language": "preferred_language",
    "is_active": None,
}
_SUPERVISOR_COLUMN = "supervisor_employee_id"


class RosterImportError(Exception):
    """The import could not be written; nothing was changed. The message is one line."""


class RosterDeactivationRefused(RosterImportError):
    """The import would deactivate more active employees than the limit; nothing was changed.

    `report` holds the counts of the refused plan.
    """

    def __init__(self, message: str, *, report: "RosterImportReport") -> None:
        super().__init__(message)
        self.report = report


@dataclass(slots=True)
class RosterImportReport:
    """What an import changed, or would change (`applied` False), and the rows it refused.

    Each row of the file read as valid counts once as created, updated, unchanged, deactivated
    (status inactive) or reactivated; `deactivated` also counts active employees missing from
    the file. The counts are the plan: they are the same whether or not it was applied.
    """

    path: str
    dry_run: bool = False
    apply_valid: bool = False
    applied: bool = False
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    reactivated: int = 0
    departments_created: int = 0
    job_classes_created: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    # The mass-deactivation guard: active employees before the import, how many of them the
    # import may deactivate unconfirmed (`deactivation_percent` of them, rounded down), and
    # the count the operator confirmed (None: not given).
    active_employees: int = 0
    deactivation_percent: float = 0.0
    deactivation_limit: int = 0
    allow_mass_deactivation: int | None = None

    @property
    def is_blocked(self) -> bool:
        """True when bad rows or too many deactivations stop the import (or would stop it)."""
        return (bool(self.bad_rows) and not self.apply_valid) or self.is_mass_deactivation

    @property
    def is_mass_deactivation(self) -> bool:
        """True when the import would deactivate more than the limit without a confirmation
        that covers them."""
        return self.deactivated > self.deactivation_limit and (
            self.allow_mass_deactivation is None or self.deactivated > self.allow_mass_deactivation
        )

    def refusal(self) -> str:
        """One line for the operator: why a mass deactivation is refused and what to do."""
        share = self.deactivated / self.active_employees * 100 if self.active_employees else 100
        confirmed = (
            ""
            if self.allow_mass_deactivation is None
            else f" (--allow-mass-deactivation confirmed only {self.allow_mass_deactivation})"
        )
        what = "a real import would be refused" if self.dry_run else "refused, nothing changed"
        then = (
            "run the import with" if self.dry_run else "review them with --dry-run, then rerun with"
        )
        return (
            f"{what}: the file would deactivate {self.deactivated} of "
            f"{self.active_employees} active employees ({_percent(share)}), more than the "
            f"limit of {_percent(self.deactivation_percent)} ({self.deactivation_limit} "
            f"employees){confirmed}. A truncated or partial HR export looks like this: check "
            f"that the file is the full roster. If these deactivations are right, {then} "
            f"--allow-mass-deactivation={self.deactivated}"
        )

    def lines(self) -> list[str]:
        """The report as plain lines: counts, every bad row, and whether changes were applied.

        Lines carry line numbers, employee ids and reasons only, never a name.
        """
        lines = [
            f"roster import: {self.path}",
            f"rows read: {self.rows_read}",
            f"created: {self.created}",
            f"updated: {self.updated}",
            f"unchanged: {self.unchanged}",
            f"deactivated: {self.deactivated}",
            f"reactivated: {self.reactivated}",
            f"departments created: {self.departments_created}",
            f"job classes created: {self.job_classes_created}",
            f"deactivation limit: {self.deactivation_limit} of {self.active_employees} active "
            f"employees ({_percent(self.deactivation_percent)})",
            f"bad rows: {len(self.bad_rows)}",
        ]
        lines.extend(f"  {bad}" for bad in self.bad_rows)
        lines.append(f"changes applied: {self._outcome()}")
        return lines

    def _outcome(self) -> str:
        if self.applied:
            notes = []
            if self.bad_rows:
                notes.append(f"valid rows only, {len(self.bad_rows)} bad rows left out")
            if not (self.created or self.updated or self.deactivated or self.reactivated):
                notes.append("nothing needed changing")
            return f"yes ({'; '.join(notes)})" if notes else "yes"
        if self.dry_run:
            return "no (dry run; the counts show what an import would change)"
        if self.is_mass_deactivation:
            return "no (it would deactivate more employees than the limit)"
        if self.is_blocked:
            return "no (the file has bad rows; fix them, or rerun with --apply-valid)"
        return "no (the file has no valid rows)"


def _percent(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") + "%"


def roster_import(
    *,
    path: str | Path,
    dry_run: bool = False,
    apply_valid: bool = False,
    allow_mass_deactivation: int | None = None,
    progress: ProgressCallback | None = None,
) -> RosterImportReport:
    """Import a roster CSV: an idempotent upsert of employees keyed on employee_id.

    Departments and job classes are created on first sight. Active employees missing from the
    file are marked inactive, never deleted; accounts without employee_id and superusers are
    never deactivated. Created accounts get an unusable password (people set one through
    password reset, or sign in with single sign-on). A file with any bad row changes nothing
    unless `apply_valid` is set; then the valid rows are applied and the people on bad rows are
    left exactly as they are (not updated, not deactivated). An import that would deactivate
    more than `settings.ROSTER_MAX_DEACTIVATION_PERCENT` of the active employees (a truncated
    HR export) is refused unless `allow_mass_deactivation` covers the count.

    Args:
        path: the roster CSV (format: the roster contract in DESIGN.md).
        dry_run: plan and report, change nothing.
        apply_valid: apply the valid rows even when some rows are bad.
        allow_mass_deactivation: the number of deactivations the operator confirmed (after a
            dry run showed it); the import may deactivate up to that many past the limit.
        progress: called with a plain progress line now and then for long files.

    Returns:
        The report: counts of what changed (or would change), every bad row, and whether the
        changes were applied.

    Raises:
        RosterFileError: the file cannot be read as a roster (nothing was changed).
        RosterDeactivationRefused: the import (not a dry run) would deactivate more than the
            limit and `allow_mass_deactivation` does not cover it (nothing was changed); the
            exception's `report` has the counts. A dry run reports it in `is_mass_deactivation`.
        RosterImportError: the writes failed, for example because another import changed the
            same people at the same time (nothing was changed).
    """
    if allow_mass_deactivation is not None and allow_mass_deactivation < 0:
        raise ValueError("allow_mass_deactivation must be a count, 0 or more")
    roster = read_roster(path, progress=progress)
    report = RosterImportReport(
        path=str(path),
        dry_run=dry_run,
        apply_valid=apply_valid,
        allow_mass_deactivation=allow_mass_deactivation,
        deactivation_percent=settings.ROSTER_MAX_DEACTIVATION_PERCENT,
    )
    try:
        _import_roster(roster, report, progress=progress)
    except IntegrityError as exc:
        # The database's message may quote an email; the operator gets a plain line instead.
        raise RosterImportError(
            "the database refused the import (did another import run at the same time?); "
            "nothing was changed, run the import again"
        ) from exc
    return report


@dataclass(slots=True)
class _Stored:
    """An account as stored, with its foreign keys as natural keys for comparing to a row."""

    pk: int
    email: str
    first_name: str
    last_name: str
    department: str | None
    job_class: str | None
    hired_on: date | None
    supervisor_pk: int | None
    supervisor: str
    preferred_language: str
    is_active: bool


@dataclass(slots=True)
class _Plan:
    rows: list[RosterRow]
    new_departments: dict[str, tuple[str, str]] = field(default_factory=dict)
    new_job_classes: dict[str, tuple[str, str]] = field(default_factory=dict)
    creates: list[RosterRow] = field(default_factory=list)
    updates: list[tuple[_Stored, RosterRow]] = field(default_factory=list)
    deactivate_pks: list[int] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    manages_supervisor: bool = False


@transaction.atomic
def _import_roster(
    roster: Roster, report: RosterImportReport, *, progress: ProgressCallback | None
) -> None:
    departments = _codes(Department.objects.values_list("code", "id"))
    job_classes = _codes(JobClass.objects.values_list("code", "id"))
    stored, email_owners, superusers = _load_accounts(departments, job_classes)

    roster = check_against_database(
        roster,
        stored_employee_ids=stored.keys(),
        email_owners=email_owners,
        superuser_employee_ids=superusers,
    )
    plan = _plan(roster, report, stored, departments, job_classes, superusers)
    report.active_employees = sum(before.is_active for before in stored.values())
    report.deactivation_limit = math.floor(
        report.active_employees * report.deactivation_percent / 100
    )
    if report.is_mass_deactivation and not report.dry_run:
        raise RosterDeactivationRefused(report.refusal(), report=report)
    report.applied = not report.dry_run and not report.is_blocked and bool(roster.rows)
    if report.applied:
        _apply(plan, stored, progress=progress)


def _codes(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    """code -> id, keyed case-insensitively: "gsd" in a file is the stored "GSD"."""
    return {code.casefold(): pk for code, pk in pairs}


def _load_accounts(
    departments: dict[str, int], job_classes: dict[str, int]
) -> tuple[dict[str, _Stored], dict[str, str | None], set[str]]:
    """Every account, in one query: employees by id, owners of emails, superusers' ids."""
    department_key = {pk: key for key, pk in departments.items()}
    job_class_key = {pk: key for key, pk in job_classes.items()}
    rows = list(
        User.objects.order_by().values_list(
            "pk",
            "employee_id",
            "email",
            "first_name",
            "last_name",
            "department_id",
            "job_class_id",
            "hired_on",
            "supervisor_id",
            "preferred_language",
            "is_active",
            "is_superuser",
        )
    )
    employee_id_of = {row[0]: row[1] for row in rows}
    stored: dict[str, _Stored] = {}
    email_owners: dict[str, str | None] = {}
    superusers: set[str] = set()
    for (
        pk,
        employee_id,
        email,
        first_name,
        last_name,
        department_id,
        job_class_id,
        hired_on,
        supervisor_id,
        preferred_language,
        is_active,
        is_superuser,
    ) in rows:
        email_owners[email.lower()] = employee_id
        if employee_id is None:
            continue
        if is_superuser:
            superusers.add(employee_id)
        if supervisor_id is None:
            supervisor = ""
        else:
            # A supervisor without employee_id cannot be named in a file; this key never
            # equals a row's value, so the row replaces it.
            supervisor = employee_id_of.get(supervisor_id) or f"pk:{supervisor_id}"
        stored[employee_id] = _Stored(
            pk=pk,
            email=email,
            first_name=first_name,
            last_name=last_name,
            department=department_key.get(department_id),
            job_class=job_class_key.get(job_class_id),
            hired_on=hired_on,
            supervisor_pk=supervisor_id,
            supervisor=supervisor,
            preferred_language=preferred_language,
            is_active=is_active,
        )
    return stored, email_owners, superusers


def _plan(
    roster: Roster,
    report: RosterImportReport,
    stored: dict[str, _Stored],
    departments: dict[str, int],
    job_classes: dict[str, int],
    superusers: set[str],
) -> _Plan:
    """Decide every change and count it in `report`, without writing."""
    columns = roster.columns
    plan = _Plan(
        rows=roster.rows,
        fields=[name for name, column in _MANAGED_FIELDS.items() if column in (None, *columns)],
        manages_supervisor=_SUPERVISOR_COLUMN in columns,
    )
    report.rows_read = roster.rows_read
    report.bad_rows = roster.bad_rows

    for row in roster.rows:
        department = row.department_code.casefold()
        if department not in departments:
            code, name = plan.new_departments.get(department, (row.department_code, ""))
            plan.new_departments[department] = (code, name or row.department_name)
        job_class = row.job_class_code.casefold()
        if job_class and "job_class_code" in columns and job_class not in job_classes:
            code, title = plan.new_job_classes.get(job_class, (row.job_class_code, ""))
            plan.new_job_classes[job_class] = (code, title or row.job_class_title)

        before = stored.get(row.employee_id)
        if before is None:
            plan.creates.append(row)
            report.created += 1
            continue
        changed = _changed_fields(before, row, plan.fields)
        if changed:
            plan.updates.append((before, row))
        if before.is_active and not row.is_active:
            report.deactivated += 1
        elif row.is_active and not before.is_active:
            report.reactivated += 1
        elif changed or (
            plan.manages_supervisor and before.supervisor != row.supervisor_employee_id
        ):
            report.updated += 1
        else:
            report.unchanged += 1

    in_file = roster.employee_ids
    plan.deactivate_pks = [
        before.pk
        for employee_id, before in stored.items()
        if before.is_active and employee_id not in in_file and employee_id not in superusers
    ]
    report.deactivated += len(plan.deactivate_pks)
    report.departments_created = len(plan.new_departments)
    report.job_classes_created = len(plan.new_job_classes)
    return plan


def _changed_fields(before: _Stored, row: RosterRow, fields: list[str]) -> list[str]:
    wanted = {
        "email": row.email,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "department": row.department_code.casefold(),
        "job_class": row.job_class_code.casefold() or None,
        "hired_on": row.hired_on,
        "preferred_language": row.preferred_language,
        "is_active": row.is_active,
    }
    return [name for name in fields if getattr(before, name) != wanted[name]]


def _apply(plan: _Plan, stored: dict[str, _Stored], *, progress: ProgressCallback | None) -> None:
    departments = _create_codes(Department, plan.new_departments, "name")
    job_classes = _create_codes(JobClass, plan.new_job_classes, "title")

    def account(row: RosterRow, **extra: object) -> User:
        return User(
            email=row.email,
            first_name=row.first_name,
            last_name=row.last_name,
            department_id=departments[row.department_code.casefold()],
            job_class_id=job_classes.get(row.job_class_code.casefold()),
            hired_on=row.hired_on,
            preferred_language=row.preferred_language,
            is_active=row.is_active,
            **extra,
        )

    _free_swapped_emails(plan)
    pk_of = {employee_id: before.pk for employee_id, before in stored.items()}
    supervisor_pk_of = {employee_id: before.supervisor_pk for employee_id, before in stored.items()}
    _create_accounts(plan, account, pk_of, supervisor_pk_of, progress=progress)
    _in_batches(
        [account(row, pk=before.pk) for before, row in plan.updates],
        lambda batch: User.objects.bulk_update(batch, plan.fields),
        _Counter("updated employees", len(plan.updates), progress),
    )
    _in_batches(
        plan.deactivate_pks,
        lambda batch: User.objects.filter(pk__in=batch).update(is_active=False),
        _Counter("deactivated employees", len(plan.deactivate_pks), progress),
    )
    relinked: set[int] = set()
    if plan.manages_supervisor:
        relinked = _link_supervisors(plan, pk_of, supervisor_pk_of, progress=progress)
    _note_moves(plan)
    from .signals import roster_changed

    roster_changed.send(
        sender=User,
        user_ids={before.pk for before, _row in plan.updates}
        | set(plan.deactivate_pks)
        | {pk_of[row.employee_id] for row in plan.creates}
        | relinked,
    )


def _note_moves(plan: _Plan) -> None:
    """Dates the transfers and job-class changes of this import: a move into a requirement's
    audience starts that person's clock (see `courses.compliance.rule.entered_on`)."""
    today = timezone.localdate()
    moved = [
        before.pk
        for before, row in plan.updates
        if "department" in plan.fields and before.department != row.department_code.casefold()
    ]
    promoted = [
        before.pk
        for before, row in plan.updates
        if "job_class" in plan.fields
        and before.job_class != (row.job_class_code.casefold() or None)
    ]
    for pks, name in ((moved, "department_since"), (promoted, "job_class_since")):
        for start in range(0, len(pks), BATCH_SIZE):
            User.objects.filter(pk__in=pks[start : start + BATCH_SIZE]).update(**{name: today})


def _create_codes(
    model: type[Department] | type[JobClass], new: dict[str, tuple[str, str]], label: str
) -> dict[str, int]:
    """Create the new departments or job classes; return code -> id for all of them."""
    if new:
        model.objects.bulk_create(
            [model(code=code, **{label: text or code}) for code, text in new.values()],
            batch_size=BATCH_SIZE,
        )
    return _codes(model.objects.values_list("code", "id"))


def _free_swapped_emails(plan: _Plan) -> None:
    """Park emails that change hands within this import, so no write breaks email uniqueness.

    When employee A takes the email B had and B gets a new one in the same file, writing A
    first would clash with B's old email for a moment; B gets a placeholder first.
    """
    moving = [(before, row) for before, row in plan.updates if before.email.lower() != row.email]
    if not moving:
        return
    wanted = {row.email for row in plan.creates} | {row.email for _before, row in moving}
    parked = [
        User(pk=before.pk, email=f"roster-import-{before.pk}@parked.invalid")
        for before, _row in moving
        if before.email.lower() in wanted
    ]
    if parked:
        User.objects.bulk_update(parked, ["email"], batch_size=BATCH_SIZE)


def _create_accounts(
    plan: _Plan,
    account: Callable[..., User],
    pk_of: dict[str, int],
    supervisor_pk_of: dict[str, int | None],
    *,
    progress: ProgressCallback | None,
) -> None:
    """Insert the new employees in waves, each after the wave holding their supervisors.

    Linking a new employee to a supervisor who is also new needs the supervisor's id, so the
    people whose supervisor already has one go first. The waves are as many as the levels of
    the reporting chain among new people (a handful), not one per row, and they spare a
    second pass over every new employee. `pk_of` and `supervisor_pk_of` are updated in place.
    """
    counter = _Counter("created employees", len(plan.creates), progress)
    waiting = plan.creates
    while waiting:
        if plan.manages_supervisor:
            wave = [row for row in waiting if _has_id(row.supervisor_employee_id, pk_of)]
            waiting = [row for row in waiting if not _has_id(row.supervisor_employee_id, pk_of)]
            if not wave:
                # A reporting loop among new people: insert them unlinked, link them after.
                wave, waiting = waiting, []
        else:
            wave, waiting = waiting, []
        accounts = [
            account(
                row,
                employee_id=row.employee_id,
                password=_unusable_password(),
                supervisor_id=pk_of.get(row.supervisor_employee_id),
            )
            for row in wave
        ]
        _in_batches(accounts, User.objects.bulk_create, counter)
        if all(created.pk is not None for created in accounts):
            pk_of.update((created.employee_id, created.pk) for created in accounts)
        else:
            # Databases that do not return ids from a bulk insert: read them back, once a wave.
            pk_of.update(
                User.objects.order_by()
                .filter(employee_id__isnull=False)
                .values_list("employee_id", "pk")
            )
        supervisor_pk_of.update(
            (created.employee_id, created.supervisor_id) for created in accounts
        )


def _has_id(supervisor_employee_id: str, pk_of: dict[str, int]) -> bool:
    return not supervisor_employee_id or supervisor_employee_id in pk_of


def _unusable_password() -> str:
    """What `set_unusable_password()` stores: the unusable prefix and a random suffix.

    Built from one `secrets` call instead of `make_password(None)`, whose character-by-character
    draw costs seconds over a city's roster.
    """
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _link_supervisors(
    plan: _Plan,
    pk_of: dict[str, int],
    supervisor_pk_of: dict[str, int | None],
    *,
    progress: ProgressCallback | None,
) -> set[int]:
    """Second pass: set the supervisors that changed or could not be set at creation.

    Returns the people whose supervisor changed and their old and new supervisors."""
    changes = []
    touched: set[int] = set()
    for row in plan.rows:
        wanted = pk_of[row.supervisor_employee_id] if row.supervisor_employee_id else None
        before = supervisor_pk_of[row.employee_id]
        if wanted != before:
            changes.append(User(pk=pk_of[row.employee_id], supervisor_id=wanted))
            touched.update(pk for pk in (pk_of[row.employee_id], wanted, before) if pk)
    _in_batches(
        changes,
        lambda batch: User.objects.bulk_update(batch, ["supervisor"]),
        _Counter("linked supervisors", len(changes), progress),
    )
    return touched


@dataclass(slots=True)
class _Counter:
    """Counts written items and reports a plain line every PROGRESS_EVERY, for long lists."""

    label: str
    total: int
    progress: ProgressCallback | None
    done: int = 0

    def add(self, count: int) -> None:
        before, self.done = self.done, self.done + count
        if self.progress is None or self.total < PROGRESS_EVERY:
            return
        if self.done // PROGRESS_EVERY > before // PROGRESS_EVERY or self.done == self.total:
            self.progress(f"{self.label}: {self.done} of {self.total}")


def _in_batches[T](
    items: Sequence[T], write: Callable[[Sequence[T]], object], counter: _Counter
) -> None:
    """Write `items` in batches of BATCH_SIZE, counting them."""
    for start in range(0, len(items), BATCH_SIZE):
        batch = items[start : start + BATCH_SIZE]
        write(batch)
        counter.add(len(batch))
