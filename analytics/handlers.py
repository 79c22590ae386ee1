"""Keeping the snapshots fresh: changed assignments queue an incremental analytics run."""

from django.dispatch import receiver

from analytics.services import analytics_mark_dirty
from analytics.tasks import analytics_refresh_dirty_task
from courses.signals import assignments_changed


@receiver(assignments_changed, dispatch_uid="analytics_assignments_changed")
def assignments_changed_handler(sender, *, touched, as_of, **kwargs) -> None:
    analytics_mark_dirty(touched=touched)
    analytics_refresh_dirty_task.delay_on_commit(as_of=as_of.isoformat())
