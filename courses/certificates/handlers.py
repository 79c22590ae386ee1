"""A certificate for each completion of a course that gives one."""

from django.dispatch import receiver

from courses.certificates.services import certificate_issue, certificates_issue_many
from courses.signals import courses_completed


@receiver(courses_completed)
def courses_completed_certificates_issue(sender, *, completions, **kwargs):
    by_course: dict[int, list] = {}
    for completion in completions:
        if completion.course.has_certificate:
            by_course.setdefault(completion.course_id, []).append(completion)
    for earned in by_course.values():
        if len(earned) == 1:
            certificate_issue(completion=earned[0])
        else:
            certificates_issue_many(earned)
