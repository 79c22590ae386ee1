"""ORE's releases page: who may see it, the table, the diff, downloads, the publish button."""

import json

import pytest
from django.urls import NoReverseMatch, include, path, reverse

from analytics.releases.models import MonitoringRelease, PushAttempt, ReleaseStatus
from analytics.releases.tasks import monitoring_release_publish_task
from lms import urls as site_urls
from tests.analytics.releases.data import two_releases


def _site_mounts_releases() -> bool:
    try:
        reverse("releases:list", urlconf="lms.urls")
    except NoReverseMatch:
        return False
    return True


# Until lms/urls.py mounts the releases at /analytics/releases/, these tests mount them there
# themselves, ahead of the site's own patterns (which end with Wagtail's catch-all).
urlpatterns = (
    []
    if _site_mounts_releases()
    else [path("analytics/releases/", include("analytics.releases.urls"))]
) + list(site_urls.urlpatterns)

pytestmark = pytest.mark.urls(__name__)

ROLES = ["learner", "liaison", "ore", "admin_user"]
ALLOWED = {"ore", "admin_user"}


@pytest.fixture
def releases(tmp_path, settings, requirement, department, other_department):
    """Two valid releases with different numbers, the second the latest."""
    settings.MONITORING_RELEASE_DIR = tmp_path / "releases"
    settings.MONITORING_PUSH_URL = ""
    return two_releases(
        requirement=requirement, department=department, other_department=other_department
    )


def urls(release) -> list[str]:
    return [
        "/analytics/releases/",
        f"/analytics/releases/{release.version}/",
        f"/analytics/releases/{release.version}/files/csv/",
        f"/analytics/releases/{release.version}/files/parquet/",
        f"/analytics/releases/{release.version}/files/datapackage/",
    ]


def test_the_urls_are_where_the_lead_mounts_them():
    assert reverse("releases:list") == "/analytics/releases/"
    assert reverse("releases:publish") == "/analytics/releases/publish/"


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, releases):
    for url in [*urls(releases[1]), "/analytics/releases/publish/"]:
        response = client.get(url) if "publish" not in url else client.post(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_only_ore_and_superusers_see_releases(client, request, releases, role):
    client.force_login(request.getfixturevalue(role))
    for url in urls(releases[1]):
        response = client.get(url)
        expected = 200 if role in ALLOWED else 403
        assert response.status_code == expected, (role, url)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["learner", "liaison"])
def test_others_cannot_publish(client, request, releases, role, django_capture_on_commit_callbacks):
    client.force_login(request.getfixturevalue(role))
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/analytics/releases/publish/")
    assert response.status_code == 403
    assert callbacks == []


@pytest.mark.django_db
def test_the_list_shows_each_release(client, ore, releases):
    first, second = releases
    MonitoringRelease.objects.filter(pk=first.pk).update(
        status=ReleaseStatus.INVALID,
        validation_errors=[{"type": "missing-definition", "note": "No page has the code 'x'."}],
    )
    PushAttempt.objects.create(
        release=second,
        attempted_at=second.created_at,
        number=1,
        url="https://portal.example/releases",
        idempotency_key="k",
        status_code=503,
    )
    client.force_login(ore)
    html = client.get("/analytics/releases/").content.decode()
    assert "2 releases, newest first</caption>" in html
    assert html.index(f">{second.version}</a>") < html.index(f">{first.version}</a>")
    assert "<strong>Latest</strong>" in html
    assert "<strong>Invalid</strong>" in html
    assert "No page has the code &#x27;x&#x27;." in html
    assert "(1 attempt)" in html
    assert '<th scope="col">Withheld cells</th>' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Publish a release now" in html


@pytest.mark.django_db
def test_the_detail_compares_headline_numbers_with_the_previous_valid_release(
    client, ore, releases, requirement
):
    first, second = releases
    client.force_login(ore)
    html = client.get(f"/analytics/releases/{second.version}/").content.decode()
    assert f"the previous valid release, {first.version}" in html
    row = html[html.index(f"Training completion rate: {requirement.name}") :]
    row = row[: row.index("</tr>")]
    # 190 of 320, then 200 of 320.
    assert "59.4%" in row
    assert "62.5%" in row
    assert "+3.1 pp" in row
    for kind in ("csv", "parquet", "datapackage"):
        assert f"/analytics/releases/{second.version}/files/{kind}/" in html
    assert "<h1>Release " in html


@pytest.mark.django_db
def test_the_first_release_has_nothing_to_compare_with(client, admin_user, releases):
    client.force_login(admin_user)
    html = client.get(f"/analytics/releases/{releases[0].version}/").content.decode()
    assert "No earlier valid release to compare with" in html


@pytest.mark.django_db
def test_each_file_downloads_with_its_content(client, ore, releases):
    release = releases[1]
    client.force_login(ore)
    response = client.get(f"/analytics/releases/{release.version}/files/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        f'filename="{release.version}-training-indicators.csv"' in response["Content-Disposition"]
    )
    csv_text = b"".join(response.streaming_content).decode()
    assert csv_text.startswith("indicator_id,")
    assert len(csv_text.splitlines()) == release.row_count + 1

    response = client.get(f"/analytics/releases/{release.version}/files/datapackage/")
    package = json.loads(b"".join(response.streaming_content))
    assert package["version"] == release.version

    response = client.get(f"/analytics/releases/{release.version}/files/parquet/")
    assert b"".join(response.streaming_content)[:4] == b"PAR1"


@pytest.mark.django_db
def test_unknown_files_and_versions_are_not_found(client, ore, releases):
    client.force_login(ore)
    version = releases[1].version
    assert client.get(f"/analytics/releases/{version}/files/settings/").status_code == 404
    assert client.get(f"/analytics/releases/{version}/files/..%2F..%2FLATEST/").status_code == 404
    assert client.get("/analytics/releases/1999-01-01T000000Z/").status_code == 404
    assert client.get("/analytics/releases/1999-01-01T000000Z/files/csv/").status_code == 404


@pytest.mark.django_db
def test_the_publish_button_queues_a_release_and_says_so(
    client, ore, releases, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # with a broker (embedded: test_publish_now.py)
    client.force_login(ore)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/analytics/releases/publish/", follow=True)
    assert len(callbacks) == 1
    assert response.redirect_chain[-1][0] == "/analytics/releases/"
    assert "A new release has been queued" in response.content.decode()
    assert MonitoringRelease.objects.count() == 2  # queued, not run here

    # What the queued task does, called as a function (CI may have a real broker).
    release = MonitoringRelease.objects.get(pk=monitoring_release_publish_task(user_id=ore.pk))
    assert release.created_by == ore
    assert release.is_latest
    html = client.get("/analytics/releases/").content.decode()
    assert html.index(f">{release.version}</a>") < html.index(f">{releases[1].version}</a>")


@pytest.mark.django_db
def test_publishing_needs_a_post(client, ore, releases):
    client.force_login(ore)
    assert client.get("/analytics/releases/publish/").status_code == 405


def test_the_list_shows_recent_analytics_runs_with_any_failure(client, ore, releases):
    from django.utils import timezone

    from analytics.pipeline.models import AnalyticsRun, RunKind, RunStatus

    AnalyticsRun.objects.create(
        kind=RunKind.FULL,
        status=RunStatus.FAILED,
        as_of=timezone.localdate(),
        started_at=timezone.now(),
        error="OperationalError: the database went away",
    )
    client.force_login(ore)
    html = client.get("/analytics/releases/").content.decode()
    assert "Analytics runs" in html
    assert "OperationalError: the database went away" in html
    assert "<strong>Failed</strong>" in html


def test_a_run_whose_worker_died_is_shown_and_recorded_as_abandoned(
    client, settings, ore, releases
):
    from datetime import timedelta

    from django.utils import timezone

    from analytics.pipeline.models import AnalyticsRun, RunKind, RunStatus

    settings.ANALYTICS_RUN_HEARTBEAT_TIMEOUT = 600
    silent = timezone.now() - timedelta(minutes=11)
    dead = AnalyticsRun.objects.create(
        kind=RunKind.FULL, as_of=timezone.localdate(), started_at=silent, heartbeat_at=silent
    )
    alive = AnalyticsRun.objects.create(
        kind=RunKind.INCREMENTAL,
        as_of=timezone.localdate(),
        started_at=silent,
        heartbeat_at=timezone.now() - timedelta(minutes=2),
    )
    client.force_login(ore)
    html = client.get("/analytics/releases/").content.decode()
    assert "<strong>Abandoned</strong>: its worker stopped before it finished" in html
    assert "no sign of life for 10 minutes" in html
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, alive.status) == (RunStatus.ABANDONED, RunStatus.RUNNING)
    assert dead.finished_at is not None

    spanish = client.get("/analytics/releases/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<strong>Abandonada</strong>" in spanish
