"""Celery tasks of the monitoring dataset: publish a release, push one. Thin wrappers around
`analytics.publishing` and `analytics.pushing`; arguments are ids and ISO dates."""

from datetime import date

from celery import shared_task

from analytics import publishing, pushing
from lms.users.models import User


@shared_task(acks_late=True)
def monitoring_release_publish_task(*, as_of: str | None = None, user_id: int | None = None) -> int:
    """Publishes a release (`as_of`: the reporting date, ISO; default that of the visible runs)
    and returns its id. A worker that dies part-way leaves at most an unrecorded directory;
    running again writes a new version."""
    release = publishing.monitoring_release_publish(
        as_of=date.fromisoformat(as_of) if as_of else None,
        created_by=User.objects.filter(pk=user_id).first() if user_id else None,
    )
    return release.pk


@shared_task(acks_late=True)
def monitoring_release_push_task(*, release_id: int) -> str:
    """Pushes a valid release (retrying inside, see `analytics.pushing`); returns the push
    status. Repeating it after a success sends nothing."""
    return pushing.monitoring_release_push(release_id=release_id).push_status
