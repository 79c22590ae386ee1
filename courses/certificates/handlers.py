"""A certificate for each completion of a course that gives one."""

from django.dispatch import receiver

from courses.certificates.services import certificate_issue
from courses.signals import course_completed


@receiver(course_completed)
def course_completed_certificate_issue(sender, *, completion, **kwargs):
    if completion.course.has_certificate:
        certificate_issue(completion=completion)
