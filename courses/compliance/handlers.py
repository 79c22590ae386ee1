"""Reactions to changes elsewhere that may change who must take what: each marks the affected
people or requirements stale for the compliance engine (`courses.assignments`)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from courses.compliance.assignments import assignments_mark_stale
from courses.compliance.models import Exemption, Requirement
from courses.compliance.summary import summary_recount_for_people
from courses.freshness import compliance_version_bump
from courses.learning.models import CoursePage
from courses.signals import courses_completed, progress_recorded
from lms.users.models import LiaisonScope, User
from lms.users.signals import roster_changed


@receiver(roster_changed, sender=User)
def roster_changed_mark_stale(sender, *, user_ids, **kwargs):
    # Names, job classes and supervisors show on the workbench even when no status moves.
    compliance_version_bump()
    assignments_mark_stale(user_ids=user_ids)


@receiver(roster_changed, sender=User)
def roster_changed_recount_summary(sender, *, user_ids, **kwargs):
    # Sent inside the import's transaction: someone deactivated (or back) leaves (or rejoins)
    # their department's counts with it, before the engine closes their assignments.
    summary_recount_for_people(user_ids=user_ids)


@receiver(post_save, sender=Requirement)
def requirement_saved_mark_stale(sender, instance, raw=False, **kwargs):
    if not raw:
        assignments_mark_stale(requirement_ids=[instance.pk])


def _audience_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Requirement):
        assignments_mark_stale(requirement_ids=[instance.pk])


for _through in (
    Requirement.departments.through,
    Requirement.job_classes.through,
    Requirement.excluded_employees.through,
):
    m2m_changed.connect(_audience_changed, sender=_through, weak=False)


@receiver(page_published)
def course_published_mark_stale(sender, instance, **kwargs):
    # A new version may require a retake; a course going live starts its requirements.
    if isinstance(instance, CoursePage):
        assignments_mark_stale(
            requirement_ids=Requirement.objects.filter(course=instance).values_list("pk", flat=True)
        )


@receiver(post_save, sender=LiaisonScope)
@receiver(post_delete, sender=LiaisonScope)
def liaison_scope_changed_mark_stale(sender, instance, **kwargs):
    assignments_mark_stale(user_ids=[instance.user_id])


@receiver(post_save, sender=Exemption)
def exemption_saved_mark_stale(sender, instance, raw=False, **kwargs):
    if not raw:
        assignments_mark_stale(user_ids=[instance.user_id])


@receiver(post_save, sender=User, dispatch_uid="courses_user_saved_freshness")
@receiver(post_delete, sender=User, dispatch_uid="courses_user_deleted_freshness")
def user_changed_bump_version(sender, instance, update_fields=None, **kwargs):
    """Names, departments and supervisors show on the workbench; signing in changes none."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    compliance_version_bump()


@receiver(progress_recorded)
def progress_recorded_mark_stale(sender, *, user_ids, **kwargs):
    assignments_mark_stale(user_ids=user_ids)


@receiver(courses_completed)
def courses_completed_mark_stale(sender, *, completions, **kwargs):
    assignments_mark_stale(user_ids=[completion.user_id for completion in completions])
