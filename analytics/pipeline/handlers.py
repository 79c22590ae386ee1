"""Keeping the snapshots fresh: changed assignments and TA requests queue an incremental
analytics run, at most one queued or running at a time (lms.queueing.delay_coalesced)."""

from django.dispatch import receiver

from analytics.pipeline.services import analytics_mark_dirty
from analytics.pipeline.tasks import analytics_refresh_dirty_task, analytics_refresh_ta_task
from content.ta.signals import ta_requests_changed
from courses.signals import assignments_changed
from lms.queueing import delay_coalesced


@receiver(assignments_changed, dispatch_uid="analytics_assignments_changed")
def assignments_changed_handler(sender, *, touched, as_of, **kwargs) -> None:
    analytics_mark_dirty(touched=touched)
    delay_coalesced(analytics_refresh_dirty_task.name, as_of=as_of.isoformat())


@receiver(ta_requests_changed, dispatch_uid="analytics_ta_requests_changed")
def ta_requests_changed_handler(sender, *, as_of, **kwargs) -> None:
    analytics_refresh_ta_task.delay_on_commit(as_of=as_of.isoformat())
