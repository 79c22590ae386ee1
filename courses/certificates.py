"""Certificates: issuing, revoking, and what verification shows."""

import secrets

from django.db import transaction

from .models import Certificate, CourseCompletion

CODE_BYTES = 15  # 120 bits of randomness: unguessable, and short enough to read aloud


def certificate_code_new() -> str:
    """A fresh verification code: URL-safe, unguessable, grouped for reading."""
    raw = secrets.token_hex(CODE_BYTES).upper()
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


@transaction.atomic
def certificate_issue(*, completion: CourseCompletion) -> Certificate:
    """The certificate of `completion`, issued once; the holder's name and course are snapshots."""
    existing = Certificate.objects.filter(completion=completion).first()
    if existing:
        return existing
    revision = completion.course_revision
    return Certificate.objects.create(
        completion=completion,
        code=certificate_code_new(),
        holder_name=completion.user.get_full_name() or completion.user.email,
        course_title=completion.course.title,
        course_version=str(revision.pk) if revision else "",
        issued_at=completion.completed_at,
    )
