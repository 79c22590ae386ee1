"""The compliance audit log: every liaison or ORE action on people's compliance, written once."""

from django.db import transaction

from courses.compliance.models import AuditAction, AuditEntry, Requirement
from lms.users.models import Department, User


@transaction.atomic
def audit_record(
    *,
    actor: User | None,
    action: AuditAction | str,
    employee: User | None = None,
    requirement: Requirement | None = None,
    department: Department | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Writes one audit entry: who (`actor`) did what (`action`) to whom, with the state before
    and after as JSON-ready dicts (ids, dates as ISO strings, reasons; never names).

    The department defaults to the employee's. Entries are never edited or deleted.
    """
    if department is None and employee is not None:
        department = employee.department
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        employee=employee,
        requirement=requirement,
        department=department,
        before=before or {},
        after=after or {},
    )
