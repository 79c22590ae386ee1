"""Every URL against every role: who gets in, who is sent to sign in, who is refused."""

import pytest

ROLES = ["anonymous", "learner", "liaison", "other_liaison", "ore", "admin_user"]

ORE_ONLY = {
    "anonymous": "login",
    "learner": 403,
    "liaison": 403,
    "other_liaison": 403,
    "ore": 200,
    "admin_user": 200,
}

# url, then per role: a status code, "login" (sent to sign in) or "refused" (Wagtail admin
# sends a signed-in person without the permission back to its dashboard).
MATRIX = [
    (
        "/",
        {
            "anonymous": 200,
            "learner": 200,
            "liaison": 200,
            "other_liaison": 200,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    ("/health/", dict.fromkeys(ROLES, 200)),
    ("/accounts/login/", {"anonymous": 200}),
    (
        "/learn/",
        {
            "anonymous": "login",
            "learner": 200,
            "liaison": 200,
            "other_liaison": 200,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "{course}",
        {
            "anonymous": "login",
            "learner": 200,
            "liaison": 200,
            "other_liaison": 200,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "{lesson}",
        {
            "anonymous": "login",
            "learner": 200,
            "liaison": 200,
            "other_liaison": 200,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    ("/courses/", {"anonymous": "login", "learner": 200, "ore": 200}),
    (
        "/liaison/",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 302,
            "other_liaison": 302,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/liaison/GSD/",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/liaison/LAPL/",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 404,
            "other_liaison": 200,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    ("/liaison/NOPE/", {"anonymous": "login", "learner": 403, "liaison": 404, "ore": 404}),
    (
        "/admin/",
        {
            "anonymous": "login",
            "learner": "login",
            "liaison": "login",
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/django-admin/",
        {"anonymous": "login", "learner": "login", "ore": "login", "admin_user": 200},
    ),
    (
        "/admin/snippets/courses/requirement/",
        {
            "anonymous": "login",
            "learner": "login",
            "liaison": "login",
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/admin/snippets/users/department/",
        {"anonymous": "login", "ore": "refused", "admin_user": 200},
    ),
    (
        "/learn/transcript/",
        {"anonymous": "login", "learner": 200, "liaison": 200, "ore": 200, "admin_user": 200},
    ),
    ("/certificates/verify/", dict.fromkeys(ROLES, 200)),
    ("/certificates/jwks.json", dict.fromkeys(ROLES, 200)),
    ("/certificates/issuer/", dict.fromkeys(ROLES, 200)),
    (
        "/admin/certificates/",
        {
            "anonymous": "login",
            "learner": "login",
            "liaison": "login",
            "ore": 200,  # ORE leads revoke certificates
            "admin_user": 200,
        },
    ),
    ("/glossary/", dict.fromkeys(ROLES, 200)),
    ("/resources/", dict.fromkeys(ROLES, 200)),
    ("/api/glossary/", dict.fromkeys(ROLES, 200)),
    (
        "/ta/",
        {
            "anonymous": "login",
            "learner": 200,
            "liaison": 200,
            "other_liaison": 200,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    ("/ta/new/", {"anonymous": "login", "learner": 200, "liaison": 200, "ore": 200}),
    (
        "/ta/summary/",
        {"anonymous": "login", "learner": 403, "liaison": 403, "ore": 200, "admin_user": 200},
    ),
    ("{document}", {"anonymous": "login", "learner": 200, "liaison": 200, "ore": 200}),
    (
        "/liaison/GSD/people/{learner}/",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/liaison/GSD/people/{learner}/exemptions/new/",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/liaison/GSD/export.csv",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/liaison/GSD/export.xlsx",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    # An Excel export job asked for by `liaison`: theirs and ORE's only.
    (
        "/liaison/GSD/exports/{export_job}/",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/liaison/GSD/exports/{export_job}/download/",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    ("/liaison/LAPL/exports/{export_job}/", {"other_liaison": 404, "ore": 404}),
    (
        "/liaison/GSD/audit/",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    # A GSD employee asked for under another department: nobody finds them there.
    (
        "/liaison/LAPL/people/{learner}/",
        {"learner": 403, "liaison": 404, "other_liaison": 404, "ore": 404, "admin_user": 404},
    ),
    ("/liaison/GSD/export.pdf", {"liaison": 404, "ore": 404}),
    (
        "/sessions/",
        {
            "anonymous": "login",
            "learner": 200,
            "liaison": 200,
            "other_liaison": 200,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/sessions/new/",
        {"anonymous": "login", "learner": 403, "liaison": 200, "ore": 200, "admin_user": 200},
    ),
    (
        "/admin/compliance-audit/",
        {
            "anonymous": "login",
            "learner": "login",
            "liaison": "login",
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/admin/compliance-exemptions/",
        {"anonymous": "login", "learner": "login", "ore": 200, "admin_user": 200},
    ),
    (
        "/admin/live-sessions/",
        {"anonymous": "login", "learner": "login", "ore": 200, "admin_user": 200},
    ),
    (
        "/admin/stuck-reminders/",
        {
            "anonymous": "login",
            "learner": "login",
            "liaison": "login",
            "other_liaison": "login",
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/analytics/",
        ORE_ONLY,
    ),
    ("/analytics/?download=compliance", ORE_ONLY),
    ("/analytics/?download=ta", ORE_ONLY),
    ("/analytics/releases/", ORE_ONLY),
    ("/analytics/releases/{release}/", ORE_ONLY),
    ("/analytics/releases/{release}/files/csv/", ORE_ONLY),
    ("/analytics/releases/{release}/files/parquet/", ORE_ONLY),
    ("/analytics/releases/{release}/files/datapackage/", ORE_ONLY),
    ("/analytics/releases/{release}/files/secrets/", {"ore": 404, "admin_user": 404}),
    ("/analytics/releases/no-such-version/", {"ore": 404, "liaison": 403}),
    # Publishing is a POST; a GET is refused whoever asks.
    ("/analytics/releases/publish/", dict.fromkeys(ROLES, 405)),
]


def _public_indexes():
    from content.glossary.models import GlossaryIndexPage
    from content.resources.models import ResourceIndexPage
    from tests.factories import home_page, publish

    home = home_page()
    for model, slug in ((GlossaryIndexPage, "glossary"), (ResourceIndexPage, "resources")):
        if not model.objects.exists():
            page = model(title=slug.title(), slug=slug)
            home.add_child(instance=page)
            publish(page)


def _export_job(request) -> int:
    """A finished Excel export of GSD's staff list, asked for by the `liaison` fixture."""
    from courses.compliance.selectors import requirement_list_for_department
    from courses.workbench.jobs import export_job_create, export_job_run
    from courses.workbench.selectors import StaffFilters
    from lms.users.models import Department

    department = Department.objects.get(code="GSD")
    job = export_job_create(
        user=request.getfixturevalue("liaison"),
        department=department,
        requirements=requirement_list_for_department(department=department),
        filters=StaffFilters(),
    )
    export_job_run(job_id=job.pk)
    return job.pk


def _url(template, lessons, course, learner, request=None):
    _public_indexes()
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="captions", file=ContentFile(b"WEBVTT\n", name="captions.vtt")
    )
    release = ""
    if "{release}" in template:
        from analytics.pipeline.services import analytics_run_full
        from analytics.releases.publishing import monitoring_release_publish

        analytics_run_full()
        release = monitoring_release_publish().version
    export_job = _export_job(request) if "{export_job}" in template else ""
    return template.format(
        export_job=export_job,
        course=course.url,
        lesson=lessons[0].url,
        document=document.url,
        learner=learner.pk,
        release=release,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("template", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_every_role_against_every_url(
    client, template, expected, request, course, lessons, requirement, other_department
):
    from tests.factories import compliance_refresh

    learner = request.getfixturevalue("learner")
    compliance_refresh()
    url = _url(template, lessons, course, learner, request)
    for role, outcome in expected.items():
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        response = client.get(url)
        if outcome == "login":
            assert response.status_code == 302, (role, url, response.status_code)
            assert (
                "/accounts/login/" in response["Location"] or "/login/" in response["Location"]
            ), (
                role,
                response["Location"],
            )
        elif outcome == "refused":
            # Wagtail's way of refusing a signed-in editor: back to the dashboard with a message
            assert response.status_code == 302, (role, url, response.status_code)
            assert response["Location"] == "/admin/", (role, response["Location"])
        else:
            assert response.status_code == outcome, (role, url, response.status_code)


@pytest.mark.django_db
def test_learner_is_refused_every_liaison_page(client, learner, department, other_department):
    client.force_login(learner)
    for url in ["/liaison/", "/liaison/GSD/", "/liaison/LAPL/"]:
        assert client.get(url).status_code == 403, url
