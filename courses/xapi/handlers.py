"""Every completion in the LMS also becomes an xAPI statement (courses.xapi.lms_statements),
stored in the transaction that recorded it (so it is there exactly when the completion is) and
forwarded later. Receivers of courses.signals, connected by CoursesConfig.ready().

A statement that cannot be built or stored is logged (by row id) and skipped, inside its own
savepoint: the learner's completion never fails because of its xAPI copy."""

import logging

from django.dispatch import receiver

from courses.signals import (
    attendance_recorded,
    check_attempted,
    courses_completed,
    lesson_completed,
    package_result_recorded,
)
from courses.xapi import lms_statements
from courses.xapi.errors import XapiError
from courses.xapi.store import statements_record

logger = logging.getLogger(__name__)


def _record(kind: str, statements: list[dict]) -> None:
    statements = [statement for statement in statements if statement is not None]
    if not statements:
        return
    try:
        statements_record(statements=statements)
    except XapiError as error:
        logger.error("xAPI %s statements not stored: %s", kind, error.message)


@receiver(lesson_completed)
def lesson_completed_statement(sender, *, progress, **kwargs):
    names = lms_statements.PageNames([progress.course, progress.lesson])
    _record("lesson", [lms_statements.lesson_done_statement(progress, names)])


@receiver(courses_completed)
def courses_completed_statements(sender, *, completions, **kwargs):
    names = lms_statements.PageNames({c.course for c in completions})
    _record(
        "course",
        [
            lms_statements.course_completed_statement(completion, names)
            for completion in completions
        ],
    )


@receiver(check_attempted)
def check_attempted_statement(sender, *, attempt, **kwargs):
    names = lms_statements.PageNames([attempt.course, attempt.lesson])
    _record("check", [lms_statements.check_attempt_statement(attempt, names)])


@receiver(attendance_recorded)
def attendance_recorded_statements(sender, *, session, registrations, **kwargs):
    names = lms_statements.PageNames([session.course])
    _record(
        "attendance",
        [
            lms_statements.attended_statement(registration, session, names)
            for registration in registrations
        ],
    )


@receiver(package_result_recorded)
def package_result_statement(sender, *, attempt=None, au_state=None, **kwargs):
    # A cmi5 AU's result is told by the AU's own statements (already in this store) and the
    # cmi5 part's "satisfied"; only SCORM attempts need one written for them.
    if attempt is None:
        return
    names = lms_statements.PageNames([attempt.course, attempt.lesson])
    _record("package", [lms_statements.package_attempt_statement(attempt, names)])
