"""Keeping the snapshots fresh: changed assignments queue an incremental analytics run."""

from django.dispatch import receiver

from analytics.tasks import analytics_refresh_touched_task
from courses.signals import assignments_changed


@receiver(assignments_changed, dispatch_uid="analytics_assignments_changed")
def assignments_changed_handler(sender, *, touched, as_of, **kwargs) -> None:
    analytics_refresh_touched_task.delay_on_commit(
        touched={str(pk): day.isoformat() for pk, day in touched.items()},
        as_of=as_of.isoformat(),
    )
