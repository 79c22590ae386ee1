"""Excusing a person from a requirement, and taking the excuse back.

Both writes check their input, store the exemption, refresh that person's assignment under the
requirement at once (so the liaison sees "Exempt", or the real status again, on the next page),
and write an audit entry. Who may call them is the views' business (the department gates); the
services take `actor` for the audit and the record.
"""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from courses.compliance.assignments import assignments_refresh
from courses.compliance.audit import audit_record
from courses.compliance.models import Assignment, AuditAction, Exemption, Requirement
from lms.users.models import User

logger = logging.getLogger(__name__)

REASON_MAX_LENGTH = 1000


def _clean_reason(reason: str | None, *, field: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: _("Give the reason. It is kept in the audit log.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {field: _("Keep the reason under %(count)s characters.") % {"count": REASON_MAX_LENGTH}}
        )
    return reason


def _date_text(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _current_assignment(*, user: User, requirement: Requirement) -> Assignment | None:
    return Assignment.objects.filter(user=user, requirement=requirement, is_current=True).first()


def _assignment_state(assignment: Assignment | None) -> dict:
    if assignment is None:
        return {"assignment_id": None, "status": None, "due_on": None}
    return {
        "assignment_id": assignment.pk,
        "status": assignment.status,
        "due_on": assignment.due_on.isoformat(),
    }


def _refresh(*, user: User, requirement: Requirement, as_of: date) -> Assignment | None:
    assignments_refresh(as_of=as_of, user_ids=[user.pk], requirement_ids=[requirement.pk])
    return _current_assignment(user=user, requirement=requirement)


def _already_exempt(exemption: Exemption, requirement: Requirement) -> ValidationError:
    if exemption.until_on is None:
        message = _("Already exempt from “%(requirement)s”, with no end date.") % {
            "requirement": requirement.name
        }
    else:
        message = _("Already exempt from “%(requirement)s” until %(date)s.") % {
            "requirement": requirement.name,
            "date": _date_text(exemption.until_on),
        }
    return ValidationError({"requirement": message})


@transaction.atomic
def exemption_grant(
    *,
    actor: User,
    user: User,
    requirement: Requirement,
    reason: str,
    until_on: date | None = None,
    as_of: date,
) -> Exemption:
    """Excuses `user` from `requirement` because of `reason`, until `until_on` (inclusive) or
    with no end date, and brings their assignment up to date as of `as_of`.

    Writes the exemption and an audit entry (before: the assignment's status and due date;
    after: the exemption's id, reason and end date, and the new status). An exemption whose
    end date has passed is closed (marked revoked, as expired) when a new one replaces it.

    Returns the new exemption. Raises ValidationError, keyed by the argument at fault and
    changing nothing, when the reason is blank or too long, `until_on` is before `as_of`, the
    person has no assignment under the requirement (not in its audience), or an exemption is
    already in force.
    """
    reason = _clean_reason(reason, field="reason")
    if until_on is not None and until_on < as_of:
        raise ValidationError(
            {
                "until_on": _("The end date cannot be before today (%(date)s).")
                % {"date": _date_text(as_of)}
            }
        )
    assignment = _current_assignment(user=user, requirement=requirement)
    if assignment is None:
        raise ValidationError(
            {
                "requirement": _("This person is not required to take “%(requirement)s”.")
                % {"requirement": requirement.name}
            }
        )
    # Lock the person's exemptions from this requirement so two grants at once queue up.
    unrevoked = (
        Exemption.objects.select_for_update()
        .filter(user=user, requirement=requirement, revoked_at__isnull=True)
        .first()
    )
    superseded_id = None
    if unrevoked is not None:
        if unrevoked.until_on is None or unrevoked.until_on >= as_of:
            raise _already_exempt(unrevoked, requirement)
        # Expired but still the one unrevoked row: close it so the new one can take its place.
        unrevoked.revoked_at = timezone.now()
        unrevoked.revoked_by = actor
        unrevoked.revoke_reason = _("Expired on %(date)s; replaced by a new exemption.") % {
            "date": _date_text(unrevoked.until_on)
        }
        unrevoked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        superseded_id = unrevoked.pk

    before = _assignment_state(assignment)
    try:
        with transaction.atomic():
            exemption = Exemption.objects.create(
                requirement=requirement,
                user=user,
                reason=reason,
                granted_by=actor,
                granted_at=timezone.now(),
                until_on=until_on,
            )
    except IntegrityError:
        # Another grant committed between our check and our insert.
        in_force = Exemption.objects.get(
            user=user, requirement=requirement, revoked_at__isnull=True
        )
        raise _already_exempt(in_force, requirement) from None

    after_assignment = _refresh(user=user, requirement=requirement, as_of=as_of)
    after = {
        "exemption_id": exemption.pk,
        "reason": reason,
        "until_on": until_on.isoformat() if until_on else None,
        "status": after_assignment.status if after_assignment else None,
    }
    if superseded_id is not None:
        after["replaces_exemption_id"] = superseded_id
    audit_record(
        actor=actor,
        action=AuditAction.EXEMPTION_GRANTED,
        employee=user,
        requirement=requirement,
        before=before,
        after=after,
    )
    logger.info(
        "exemption pk=%s granted: employee pk=%s requirement pk=%s by pk=%s",
        exemption.pk,
        user.pk,
        requirement.pk,
        actor.pk,
    )
    return exemption


@transaction.atomic
def exemption_revoke(*, actor: User, exemption: Exemption, reason: str, as_of: date) -> Exemption:
    """Takes back `exemption` because of `reason`; the person's assignment under the requirement
    shows its real status again as of `as_of`.

    Writes revoked_at, revoked_by and revoke_reason, and an audit entry (before: the exemption
    and the exempt status; after: the reason and the new status).

    Returns the updated exemption. Raises ValidationError, changing nothing, when the reason is
    blank or too long, or the exemption was already revoked.
    """
    reason = _clean_reason(reason, field="reason")
    locked = (
        Exemption.objects.select_for_update()
        .select_related("user", "requirement")
        .get(pk=exemption.pk)
    )
    if locked.revoked_at is not None:
        raise ValidationError(
            _("This exemption was already revoked on %(date)s.")
            % {"date": _date_text(timezone.localdate(locked.revoked_at))}
        )
    user, requirement = locked.user, locked.requirement
    before = {
        **_assignment_state(_current_assignment(user=user, requirement=requirement)),
        "exemption_id": locked.pk,
        "until_on": locked.until_on.isoformat() if locked.until_on else None,
    }
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.revoke_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])

    after_assignment = _refresh(user=user, requirement=requirement, as_of=as_of)
    audit_record(
        actor=actor,
        action=AuditAction.EXEMPTION_REVOKED,
        employee=user,
        requirement=requirement,
        before=before,
        after={
            "exemption_id": locked.pk,
            "revoke_reason": reason,
            "status": after_assignment.status if after_assignment else None,
        },
    )
    logger.info(
        "exemption pk=%s revoked: employee pk=%s requirement pk=%s by pk=%s",
        locked.pk,
        user.pk,
        requirement.pk,
        actor.pk,
    )
    return locked
