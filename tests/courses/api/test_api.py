"""The automation API: who may call it (only ORE leads' tokens), each call, and bad input
(a clear 400 or 404 that changes nothing)."""

import io
import logging
import uuid
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import resolve
from wagtail.models import APIToken

from courses.learning.models import LessonPage
from courses.packages.models import (
    Cmi5Registration,
    Package,
    PackageAttempt,
    PackageVersion,
)
from tests.courses.api.conftest import Api, token_for
from tests.courses.packages.rows import package_make
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UNKNOWN = uuid.UUID(int=1)
# Every call, as (method, path): each needs a token of an ORE lead.
CALLS = [
    ("get", "/api/packages"),
    ("post", "/api/packages"),
    ("get", "/api/packages/1"),
    ("get", "/api/packages/1/items"),
    ("post", "/api/launch-url"),
    ("get", "/api/registrations?package_id=1&employee_id=1"),
    ("get", f"/api/registrations/{UNKNOWN}/results"),
    ("post", f"/api/registrations/{UNKNOWN}/waive"),
    ("post", f"/api/sessions/{UNKNOWN}/abandon"),
]


# --- who may call ----------------------------------------------------------------------------


@pytest.fixture
def person(request, learner, liaison, editor, analyst, lead, ore, admin_user):
    return {
        "learner": learner,
        "liaison": liaison,
        "ORE editor": editor,
        "ORE analyst": analyst,
        "ORE lead": lead,
        "ORE (editor, analyst and lead)": ore,
        "superuser": admin_user,
    }[request.param]


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("learner", 403),
        ("liaison", 403),
        ("ORE editor", 403),
        ("ORE analyst", 403),
        ("ORE lead", 200),
        ("ORE (editor, analyst and lead)", 200),
        ("superuser", 200),
    ],
    indirect=["person"],
)
def test_only_ore_leads_tokens_may_call(client, person, status):
    response = Api(client, token_for(person)).get("/api/packages")
    assert response.status_code == status
    if status == 403:
        assert "ORE lead" in response.json()["detail"]


@pytest.mark.parametrize(("method", "path"), CALLS)
def test_every_call_without_a_token_is_401(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "path"), CALLS)
def test_every_call_refuses_a_learners_token(client, learner, method, path):
    response = getattr(Api(client, token_for(learner)), method)(path)
    assert response.status_code == 403


@pytest.mark.parametrize("token", ["nonsense", "wagtail_" + "A" * 34, "x" * 500])
def test_a_bad_token_is_401(client, token):
    assert Api(client, token).get("/api/packages").status_code == 401


def test_a_revoked_token_is_401(client, lead):
    row, token = APIToken.create_token(user=lead, name="revoked")
    row.revoke()
    assert Api(client, token).get("/api/packages").status_code == 401


def test_a_token_stops_working_when_its_owner_leaves_the_role(client, lead, groups):
    token = token_for(lead)
    assert Api(client, token).get("/api/packages").status_code == 200
    lead.groups.clear()
    assert Api(client, token).get("/api/packages").status_code == 403
    lead.is_active = False
    lead.save()
    assert Api(client, token).get("/api/packages").status_code == 401


def test_a_signed_in_session_is_not_a_token(client, lead):
    client.force_login(lead)
    assert client.get("/api/packages").status_code == 401
    assert client.post("/api/launch-url", {}, content_type="application/json").status_code == 401


def test_the_last_use_of_a_token_is_recorded(api, lead):
    assert api.get("/api/packages").status_code == 200
    assert APIToken.objects.get(user=lead).last_used_at is not None


def test_calls_are_logged_with_ids_never_names(api, lead, caplog):
    with caplog.at_level(logging.INFO, logger="courses.api"):
        api.get("/api/packages")
        api.get("/api/packages/999999")
    lines = [record.getMessage() for record in caplog.records if record.name == "courses.api"]
    assert len(lines) == 2
    assert "GET /api/packages -> 200" in lines[0]
    assert f"user={lead.pk}" in lines[0]
    assert "-> 404" in lines[1]
    assert "999999" not in lines[1]  # the route, not the values in it
    for line in lines:
        assert lead.email not in line
        assert lead.first_name not in line


# --- the OpenAPI document and the neighbours under /api/ -----------------------------------


def test_the_openapi_document_lists_every_call(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Equity LMS automation API"
    paths = set(document["paths"])
    assert {
        "/api/packages",
        "/api/packages/{package_id}",
        "/api/packages/{package_id}/items",
        "/api/launch-url",
        "/api/registrations",
        "/api/registrations/{registration_id}/results",
        "/api/registrations/{registration_id}/waive",
        "/api/sessions/{session_id}/abandon",
    } <= paths
    assert "TokenAuth" in document["components"]["securitySchemes"]


def test_there_are_no_interactive_docs(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/api/docs", follow=True).status_code == 404


def test_the_glossary_open_data_keeps_its_paths():
    assert resolve("/api/glossary/").namespace == "glossary_api"
    assert resolve("/api/glossary.csv").namespace == "glossary_api"
    assert resolve("/api/packages").namespace == "ore_api"


# --- list packages and items -----------------------------------------------------------------


def test_list_packages(api, scorm_package, cmi5_package, course):
    response = api.get("/api/packages")
    assert response.status_code == 200
    by_title = {row["title"]: row for row in response.json()}
    assert set(by_title) == {"Vendor SCORM", "Partner cmi5"}
    scorm = by_title["Vendor SCORM"]
    assert scorm["id"] == scorm_package.pk
    assert scorm["kind"] == "scorm2004"
    assert scorm["version"] == 1
    assert scorm["versions"] == 1
    [lesson] = scorm["lessons"]
    assert lesson["course_slug"] == course.slug
    assert lesson["live"] is True
    assert lesson["url"].endswith(f"/package-{scorm_package.pk}/")
    assert by_title["Partner cmi5"]["kind"] == "cmi5"


def test_list_packages_takes_the_same_queries_for_2_or_6(api, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure(count):
        for n in range(count - Package.objects.count()):
            package_make(title=f"Package {n}", course=course)
        api.get("/api/packages")  # the token's last use and Wagtail's site roots, cached once
        with CaptureQueriesContext(connection) as captured:
            assert len(api.get("/api/packages").json()) == count
        return len(captured)

    assert measure(2) == measure(6)


def test_one_package_and_unknown(api, scorm_package):
    assert api.get(f"/api/packages/{scorm_package.pk}").json()["title"] == "Vendor SCORM"
    response = api.get("/api/packages/999999")
    assert response.status_code == 404
    assert "999999" in response.json()["detail"]


def test_items_of_scorm_and_cmi5(api, scorm_package, cmi5_package):
    scos = api.get(f"/api/packages/{scorm_package.pk}/items").json()
    assert [(item["identifier"], item["kind"]) for item in scos] == [
        ("sco-1", "sco"),
        ("sco-2", "sco"),
    ]
    aus = api.get(f"/api/packages/{cmi5_package.pk}/items").json()
    assert [item["kind"] for item in aus] == ["au", "au"]
    assert aus[0]["activity_id"] == "https://example.org/au/au-1"
    assert aus[0]["move_on"] == "CompletedOrPassed"
    assert aus[0]["mastery_score"] == 0.8


def test_items_of_an_older_version(api, scorm_package):
    from tests.courses.packages.rows import version_add

    version_add(scorm_package, items=("new-sco",))
    current = api.get(f"/api/packages/{scorm_package.pk}/items").json()
    assert [item["identifier"] for item in current] == ["new-sco"]
    first = api.get(f"/api/packages/{scorm_package.pk}/items", {"version": 1}).json()
    assert [item["identifier"] for item in first] == ["sco-1", "sco-2"]
    assert api.get(f"/api/packages/{scorm_package.pk}/items", {"version": 9}).status_code == 404
    bad = api.get(f"/api/packages/{scorm_package.pk}/items", {"version": "one"})
    assert bad.status_code == 400
    assert bad.json()["problems"]


# --- launch URLs -----------------------------------------------------------------------------


def test_launch_url_of_a_scorm_package_is_the_lesson_page(api, scorm_package, learner):
    response = api.post(
        "/api/launch-url",
        {"employee_id": learner.employee_id, "package_id": scorm_package.pk, "item": "sco-2"},
    )
    assert response.status_code == 200
    lesson = LessonPage.objects.get(package=scorm_package)
    assert response.json()["url"] == lesson.get_full_url()
    assert response.json()["kind"] == "scorm2004"


@pytest.mark.parametrize(
    ("change", "status", "says"),
    [
        ({"employee_id": "no-such-person"}, 404, "employee"),
        ({"item": "no-such-item"}, 400, "no-such-item"),
        ({"package_id": 999999}, 400, "999999"),
        ({"lesson_id": 999999}, 400, "lesson"),
        ({"launch_mode": "Sideways"}, 400, "launch_mode"),
        ({"employee_id": None}, 400, "employee_id"),
    ],
)
def test_launch_url_bad_input(api, cmi5_package, learner, change, status, says):
    body = {"employee_id": learner.employee_id, "package_id": cmi5_package.pk, "item": "au-1"}
    body.update(change)
    response = api.post("/api/launch-url", body)
    assert response.status_code == status
    assert says in str(response.json())
    assert not Cmi5Registration.objects.exists()


def test_launch_url_for_an_inactive_employee_is_refused(api, scorm_package, learner):
    learner.is_active = False
    learner.save()
    response = api.post(
        "/api/launch-url",
        {"employee_id": learner.employee_id, "package_id": scorm_package.pk, "item": "sco-1"},
    )
    assert response.status_code == 404


def test_launch_url_when_two_lessons_play_the_package(api, scorm_package, course, learner):
    from tests.factories import publish

    other = LessonPage(title="Again", slug="again", package=scorm_package)
    course.add_child(instance=other)
    publish(other)
    body = {"employee_id": learner.employee_id, "package_id": scorm_package.pk, "item": "sco-1"}
    response = api.post("/api/launch-url", body)
    assert response.status_code == 400
    assert "lesson_id" in response.json()["detail"]
    response = api.post("/api/launch-url", {**body, "lesson_id": other.pk})
    assert response.json()["url"] == other.get_full_url()


def test_launch_url_of_a_cmi5_au(api, cmi5_package, learner):
    response = api.post(
        "/api/launch-url",
        {"employee_id": learner.employee_id, "package_id": cmi5_package.pk, "item": "au-1"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "cmi5"
    assert "endpoint=" in body["url"]
    registration = Cmi5Registration.objects.get(user=learner)
    assert body["registration"] == str(registration.pk)


# --- registrations, waivers, sessions --------------------------------------------------------


def test_registrations_of_a_learner(api, cmi5_package, learner):
    from tests.courses.packages.rows import registration_add

    registration = registration_add(user=learner, package=cmi5_package)
    response = api.get(
        "/api/registrations", {"package_id": cmi5_package.pk, "employee_id": learner.employee_id}
    )
    assert response.status_code == 200
    [row] = response.json()
    assert row["id"] == str(registration.pk)
    assert row["version"] == 1
    assert "email" not in row
    assert "name" not in row
    missing = api.get("/api/registrations", {"package_id": cmi5_package.pk, "employee_id": "x"})
    assert missing.status_code == 404


def test_unknown_registration_and_session_are_404(api):
    assert api.get(f"/api/registrations/{UNKNOWN}/results").status_code == 404
    response = api.post(
        f"/api/registrations/{UNKNOWN}/waive", {"item": "au-1", "reason": "Administrative"}
    )
    assert response.status_code == 404
    assert api.post(f"/api/sessions/{UNKNOWN}/abandon").status_code == 404
    assert api.get("/api/registrations/not-a-uuid/results").status_code == 400


def test_waive_with_a_reason_cmi5_does_not_know_is_400(api, cmi5_package, learner):
    from courses.packages.models import Cmi5AuState
    from tests.courses.packages.rows import registration_add

    registration = registration_add(user=learner, package=cmi5_package)
    response = api.post(
        f"/api/registrations/{registration.pk}/waive", {"item": "au-1", "reason": "Because"}
    )
    assert response.status_code == 400
    assert any("reason" in problem for problem in response.json()["problems"])
    assert not Cmi5AuState.objects.exists()


def test_waive_an_au_and_read_the_results(api, cmi5_package, learner):
    from courses.packages.models import Cmi5AuState
    from tests.courses.packages.rows import registration_add

    registration = registration_add(user=learner, package=cmi5_package)
    unknown = api.post(
        f"/api/registrations/{registration.pk}/waive", {"item": "au-9", "reason": "Tested Out"}
    )
    assert unknown.status_code == 400
    response = api.post(
        f"/api/registrations/{registration.pk}/waive", {"item": "au-1", "reason": "Tested Out"}
    )
    assert response.status_code == 200
    state = Cmi5AuState.objects.get(registration=registration, item__identifier="au-1")
    assert state.waived_at is not None
    assert state.waive_reason == "Tested Out"
    results = api.get(f"/api/registrations/{registration.pk}/results")
    assert results.status_code == 200
    assert results.json() == response.json()


# --- import ----------------------------------------------------------------------------------


def _zip(files: dict[str, str]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    buffer.seek(0)
    buffer.name = "package.zip"
    return buffer


def test_import_into_an_unknown_course_is_404_and_changes_nothing(api):
    response = api.post(
        "/api/packages", {"file": _zip({"a.txt": "x"}), "course": "no-such-course"}, multipart=True
    )
    assert response.status_code == 404
    assert "no-such-course" in response.json()["detail"]
    assert not Package.objects.exists()


def test_import_without_a_file_is_400(api, course):
    response = api.post("/api/packages", {"course": course.slug}, multipart=True)
    assert response.status_code == 400
    assert any("file" in problem for problem in response.json()["problems"])


def test_import_of_a_bad_package_lists_the_problems_and_changes_nothing(api, course):
    lessons = LessonPage.objects.count()
    response = api.post(
        "/api/packages",
        {"file": _zip({"readme.txt": "no manifest here"}), "course": course.slug},
        multipart=True,
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The package was refused."
    assert body["problems"]
    assert not PackageVersion.objects.exists()
    assert LessonPage.objects.count() == lessons


SCORM12_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="api-test" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>API test</title>
    <item identifier="item-1" identifierref="res-1"><title>Only SCO</title></item>
  </organization></organizations>
  <resources><resource identifier="res-1" type="webcontent" adlcp:scormtype="sco"
    href="index.html"><file href="index.html"/></resource></resources>
</manifest>"""


def test_import_a_package(api, course, lead, settings, tmp_path):
    settings.PACKAGE_ROOT = tmp_path / "packages"
    response = api.post(
        "/api/packages",
        {
            "file": _zip({"imsmanifest.xml": SCORM12_MANIFEST, "index.html": "<p>Hi</p>"}),
            "course": course.slug,
            "title": "Imported by the API",
        },
        multipart=True,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    package = Package.objects.get(pk=body["package"]["id"])
    assert body["package"]["kind"] == "scorm12"
    assert body["lesson"]["course_slug"] == course.slug
    assert package.current_version.imported_by == lead
    assert not PackageAttempt.objects.exists()


# --- the token command -----------------------------------------------------------------------


def test_api_token_create_prints_a_working_token_once(client, lead, capsys):
    call_command("api_token_create", user=lead.email.upper(), name="conformance")
    out = capsys.readouterr()
    token = out.out.strip()
    assert token.startswith("wagtail_")
    row = APIToken.objects.get(user=lead)
    assert row.name == "conformance"
    assert token not in row.key_hash
    assert lead.email not in out.err
    assert Api(client, token).get("/api/packages").status_code == 200


@pytest.mark.parametrize("who", ["learner", "editor", "nobody"])
def test_api_token_create_refuses_anyone_but_leads(learner, editor, who):
    email = {"learner": learner.email, "editor": editor.email, "nobody": "no@example.test"}[who]
    with pytest.raises(CommandError):
        call_command("api_token_create", user=email, name="x")
    assert not APIToken.objects.exists()


def test_api_token_create_needs_a_name(lead):
    with pytest.raises(CommandError, match="name"):
        call_command("api_token_create", user=lead.email, name="  ")
    assert not APIToken.objects.exists()


def test_tokens_are_per_person(client, lead):
    other_lead = UserFactory(email="lead2@example.lacity.test")
    other_lead.groups.add(*lead.groups.all())
    assert Api(client, token_for(other_lead)).get("/api/packages").status_code == 200


def test_abandon_a_session(api, cmi5_package, learner):
    from courses.packages.models import Cmi5Session

    launched = api.post(
        "/api/launch-url",
        {"employee_id": learner.employee_id, "package_id": cmi5_package.pk, "item": "au-2"},
    )
    session = Cmi5Session.objects.get(registration_id=launched.json()["registration"])
    response = api.post(f"/api/sessions/{session.pk}/abandon")
    assert response.status_code == 200
    body = response.json()
    assert body["item"] == "au-2"
    assert body["abandoned_at"] is not None
    session.refresh_from_db()
    assert session.abandoned_at is not None
    # Again: nothing more happens, the same answer.
    again = api.post(f"/api/sessions/{session.pk}/abandon")
    assert again.json()["abandoned_at"] == body["abandoned_at"]


def test_launch_in_review_mode(api, cmi5_package, learner):
    from courses.packages.models import Cmi5Session

    response = api.post(
        "/api/launch-url",
        {
            "employee_id": learner.employee_id,
            "package_id": cmi5_package.pk,
            "item": "au-1",
            "launch_mode": "Review",
            "return_url": "https://lms.example.test/back",
        },
    )
    assert response.status_code == 200
    assert Cmi5Session.objects.get().launch_mode == "Review"


HUGE = "9" * 30


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", f"/api/packages/{HUGE}", None),
        ("get", f"/api/packages/{HUGE}/items", None),
        ("get", "/api/packages/1/items?version=99999999", None),
        ("get", f"/api/registrations?package_id={HUGE}&employee_id=1", None),
        ("post", "/api/launch-url", {"employee_id": "1", "package_id": int(HUGE), "item": "x"}),
        (
            "post",
            "/api/launch-url",
            {"employee_id": "1", "package_id": 1, "item": "x", "lesson_id": int(HUGE)},
        ),
        ("post", "/api/launch-url", {"employee_id": "1" * 500, "package_id": 1, "item": "x"}),
    ],
)
def test_out_of_range_input_is_400(api, method, path, body):
    response = api.post(path, body) if method == "post" else api.get(path)
    assert response.status_code == 400
    assert response.json()["problems"]


def test_import_of_a_too_large_upload_is_refused(api, course, settings):
    settings.PACKAGE_MAX_UPLOAD_BYTES = 100
    response = api.post(
        "/api/packages",
        {
            "file": _zip({"imsmanifest.xml": SCORM12_MANIFEST, "index.html": "x" * 500}),
            "course": course.slug,
        },
        multipart=True,
    )
    assert response.status_code == 400
    assert "larger" in response.json()["problems"][0]
    assert not Package.objects.exists()


def test_import_as_a_draft(api, course, settings, tmp_path):
    settings.PACKAGE_ROOT = tmp_path / "packages"
    response = api.post(
        "/api/packages",
        {
            "file": _zip({"imsmanifest.xml": SCORM12_MANIFEST, "index.html": "<p>Hi</p>"}),
            "course": course.slug,
            "publish": "false",
        },
        multipart=True,
    )
    assert response.status_code == 201
    assert response.json()["lesson"]["live"] is False
    assert not LessonPage.objects.get(pk=response.json()["lesson"]["id"]).live
