"""Embedded mode (no broker): "Publish a release now" answers at once and builds the release
after the response has been sent, instead of making the page wait while it publishes."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware

from analytics.releases.models import MonitoringRelease
from analytics.releases.views import release_publish
from tests.analytics.releases.data import two_releases

# Tasks run in-process here: the first CI pass (no broker) runs these.
pytestmark = pytest.mark.embedded


@pytest.fixture
def releases(tmp_path, settings, requirement, department, other_department):
    settings.MONITORING_RELEASE_DIR = tmp_path / "releases"
    settings.MONITORING_PUSH_URL = ""
    return two_releases(
        requirement=requirement, department=department, other_department=other_department
    )


def _post(rf, user):
    request = rf.post("/analytics/releases/publish/")
    request.user = user
    SessionMiddleware(lambda request: None).process_request(request)
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.django_db
def test_publish_now_answers_before_the_release_is_built(
    rf, ore, releases, settings, django_capture_on_commit_callbacks
):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    request = _post(rf, ore)
    with django_capture_on_commit_callbacks(execute=True):
        response = release_publish(request)
    assert response.status_code == 302
    assert MonitoringRelease.objects.count() == 2  # the page has not waited for it
    said = [str(message) for message in get_messages(request)]
    assert any("being published now" in message for message in said)

    response.close()  # the server has sent the response
    assert MonitoringRelease.objects.count() == 3
    release = MonitoringRelease.objects.latest("pk")
    assert release.created_by == ore
