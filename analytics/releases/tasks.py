"""Celery tasks of the monitoring dataset: publish a release, push one, and the nightly run that
ends with a release. Thin wrappers around `analytics.releases.publishing`,
`analytics.releases.pushing` and the pipeline's services; arguments are ids and ISO dates. They
keep the names they were registered under (`analytics.tasks_publishing.<name>`,
`analytics.tasks.analytics_nightly_task`): lms/celery.py and queued messages use them."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from analytics.pipeline import services
from analytics.releases import publishing, pushing
from lms.users.models import User


@shared_task(name="analytics.tasks_publishing.monitoring_release_publish_task", acks_late=True)
def monitoring_release_publish_task(*, as_of: str | None = None, user_id: int | None = None) -> int:
    """Publishes a release (`as_of`: the reporting date, ISO; default that of the visible runs)
    and returns its id. A worker that dies part-way leaves at most an unrecorded directory;
    running again writes a new version."""
    release = publishing.monitoring_release_publish(
        as_of=date.fromisoformat(as_of) if as_of else None,
        created_by=User.objects.filter(pk=user_id).first() if user_id else None,
    )
    return release.pk


@shared_task(name="analytics.tasks_publishing.monitoring_release_push_task", acks_late=True)
def monitoring_release_push_task(*, release_id: int) -> str:
    """Pushes a valid release (retrying inside, see `analytics.releases.pushing`); returns the push
    status. Repeating it after a success sends nothing."""
    return pushing.monitoring_release_push(release_id=release_id).push_status


@shared_task(name="analytics.tasks.analytics_nightly_task", acks_late=True)
def analytics_nightly_task(*, as_of: str | None = None) -> int:
    """The nightly full run, then the monitoring release built from it. Returns the run id."""
    run = services.analytics_run_full(
        as_of=date.fromisoformat(as_of) if as_of else timezone.localdate()
    )
    publishing.monitoring_release_publish(as_of=run.as_of)
    return run.pk
