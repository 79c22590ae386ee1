"""Department and job-class codes and names: what the forms accept, and pages that survive
whatever an older import left in the database (a code with a space, a slash, an accent)."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.compliance.models import AssignmentStatus
from lms.users.models import Department, JobClass
from tests.courses.workbench.workbench_data import assign
from tests.factories import LiaisonScopeFactory, UserFactory

# Codes that the checks now refuse but that an older import stored as they were.
AWKWARD_CODES = [
    "SEC REL",
    "SEC/REL",
    "SÉCREL",
    "SEC?REL",
    "SEC#REL",
    "SEC%2FREL",
    "..",
    "-X",
    'SEC"REL',
    "SEC\nREL",
    "<b>SEC</b>",
]


@pytest.fixture
def awkward(db, requirement):
    """One department per awkward code, each with an employee in a job class with an awkward
    code and a formula-like title, created directly in the database."""
    job_class = JobClass.objects.create(code="13 68/A", title="=HYPERLINK(1)")
    departments = []
    for n, code in enumerate(AWKWARD_CODES):
        department = Department.objects.create(code=code, name=f"Odd Department {n}")
        person = UserFactory(department=department, job_class=job_class)
        assign(person, requirement, status=AssignmentStatus.OVERDUE)
        departments.append((department, person))
    return departments


@pytest.mark.django_db
def test_department_and_job_class_validation_refuses_codes_that_are_not_url_safe():
    for code in ["SEC REL", "SEC/REL", "SÉCREL", "-SEC", "SEC.REL", "١٢٣"]:
        with pytest.raises(ValidationError) as caught:
            Department(code=code, name="Security").full_clean()
        assert "code" in caught.value.message_dict
        with pytest.raises(ValidationError) as caught:
            JobClass(code=code, title="Clerk").full_clean()
        assert "code" in caught.value.message_dict

    Department(code="SEC_REL-2", name="Security").full_clean()
    JobClass(code="1368", title="Clerk").full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "  =1", "\u00a0@x"]
)
def test_department_name_and_job_class_title_may_not_start_like_a_formula(name):
    with pytest.raises(ValidationError) as caught:
        Department(code="SEC", name=name).full_clean()
    assert list(caught.value.message_dict) == ["name"]
    with pytest.raises(ValidationError) as caught:
        JobClass(code="1368", title=name).full_clean()
    assert list(caught.value.message_dict) == ["title"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/django-admin/users/department/add/", {"code": "SEC REL", "name": "Sec"}, "code"),
        ("/django-admin/users/department/add/", {"code": "SEC", "name": "=1+2"}, "name"),
        ("/django-admin/users/jobclass/add/", {"code": "13/68", "title": "Clerk"}, "code"),
        ("/django-admin/users/jobclass/add/", {"code": "1368", "title": " @x"}, "title"),
        ("/admin/snippets/users/department/add/", {"code": "SÉC", "name": "Sec"}, "code"),
        ("/admin/snippets/users/department/add/", {"code": "SEC", "name": "+x"}, "name"),
    ],
)
def test_admin_forms_refuse_bad_codes_and_formula_names(client, admin_user, url, data, field):
    client.force_login(admin_user)

    response = client.post(url, data)

    assert response.status_code == 200
    # Django's admin names its form `adminform`, Wagtail's snippet views `form`.
    form = response.context["adminform"].form if "adminform" in response.context else None
    form = form or response.context["form"]
    assert field in form.errors
    assert not Department.objects.filter(code=data["code"]).exists()
    assert not JobClass.objects.filter(code=data["code"]).exists()


def _links(html: str, prefix: str) -> list[str]:
    return [
        unescape(href) for href in re.findall(r'href="([^"]+)"', html) if href.startswith(prefix)
    ]


@pytest.mark.django_db
def test_every_department_url_round_trips_whatever_its_code(awkward):
    for department, person in awkward:
        url = reverse("workbench:liaison_department", args=[department.code])
        assert url.startswith("/liaison/")
        assert url.count("/") == 3, url
        person_url = reverse("workbench:liaison_person", args=[department.code, person.pk])
        assert person_url.endswith(f"/people/{person.pk}/")


@pytest.mark.django_db
def test_liaison_pages_list_and_open_departments_with_awkward_codes(client, ore, awkward):
    client.force_login(ore)

    response = client.get("/liaison/")

    assert response.status_code == 200
    links = _links(response.content.decode(), "/liaison/")
    for department, person in awkward:
        [link] = [
            link
            for link in links
            if link == reverse("workbench:liaison_department", args=[department.code])
        ]
        page = client.get(link)
        assert page.status_code == 200, department.code
        assert page.context["department"] == department
        html = page.content.decode()
        for sub in _links(html, link):
            if "#" in sub:
                continue
            assert client.get(sub).status_code in (200, 405), (department.code, sub)
        assert client.get(link, {"job_class": person.job_class_id}).status_code == 200
        for path in (
            reverse("workbench:liaison_person", args=[department.code, person.pk]),
            reverse("workbench:liaison_export", args=[department.code, "csv"]),
            reverse("workbench:liaison_export", args=[department.code, "xlsx"]),
            reverse("workbench:audit_log", args=[department.code]),
            reverse("workbench:exemption_grant", args=[department.code, person.pk]),
        ):
            assert client.get(path).status_code == 200, (department.code, path)
        switched = client.get("/liaison/", {"department": department.code})
        assert switched.status_code == 302
        assert switched.url == link


@pytest.mark.django_db
def test_liaison_of_a_department_with_an_awkward_code_reaches_it(client, awkward):
    department, _person = awkward[1]
    liaison = UserFactory(department=department)
    LiaisonScopeFactory(user=liaison, department=department)
    client.force_login(liaison)

    response = client.get("/liaison/", follow=True)

    assert response.status_code == 200
    assert response.context["department"] == department


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/analytics/",
        "/sessions/",
        "/sessions/new/",
        "/ta/",
        "/ta/new/",
        "/ta/summary/",
        "/admin/snippets/users/department/",
        "/django-admin/users/department/",
        "/django-admin/users/jobclass/",
        "/django-admin/users/user/",
    ],
)
def test_pages_that_list_departments_survive_awkward_codes(client, admin_user, awkward, url):
    client.force_login(admin_user)

    response = client.get(url)

    assert response.status_code == 200


@pytest.mark.django_db
def test_filters_and_edit_pages_of_awkward_departments_and_job_classes_answer(
    client, admin_user, awkward
):
    client.force_login(admin_user)
    department, person = awkward[1]
    job_class = person.job_class

    for url in (
        f"/analytics/?department={department.pk}",
        f"/analytics/?job_class={job_class.pk}",
        f"/django-admin/users/department/{department.pk}/change/",
        f"/django-admin/users/jobclass/{job_class.pk}/change/",
        f"/django-admin/users/user/{person.pk}/change/",
        f"/django-admin/users/user/?department__id__exact={department.pk}",
        f"/admin/snippets/users/department/edit/{department.pk}/",
        f"/sessions/new/?department={department.pk}",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_saving_an_awkward_department_in_the_admin_asks_for_a_url_safe_code(
    client, admin_user, awkward
):
    client.force_login(admin_user)
    department, _person = awkward[0]
    url = f"/django-admin/users/department/{department.pk}/change/"

    response = client.post(url, {"code": department.code, "name": "Security Relations"})

    assert "code" in response.context["adminform"].form.errors
    department.refresh_from_db()
    assert department.name == "Odd Department 0"

    response = client.post(url, {"code": "SEC-REL", "name": "Security Relations"})

    assert response.status_code == 302
    department.refresh_from_db()
    assert (department.code, department.name) == ("SEC-REL", "Security Relations")


@pytest.mark.django_db
def test_export_file_name_of_an_awkward_code_is_a_safe_header(client, ore, awkward):
    client.force_login(ore)
    department = next(d for d, _person in awkward if d.code == "SEC\nREL")

    response = client.get(reverse("workbench:liaison_export", args=[department.code, "csv"]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="sec-rel-staff-')
    assert "\n" not in response["Content-Disposition"]


@pytest.mark.django_db
def test_resource_library_filters_by_an_owner_with_an_awkward_code(client, learner, awkward):
    from tests.content.resources.factories import make_resource, resource_library

    library = resource_library()
    for department, _person in awkward:
        make_resource(
            title=f"Toolkit of {department.pk}", library=library, owner_department=department
        )
    client.force_login(learner)

    assert client.get("/resources/").status_code == 200
    for department, _person in awkward:
        response = client.get("/resources/", {"owner": department.code})
        assert response.status_code == 200, department.code
        assert f"Toolkit of {department.pk}" in response.content.decode(), department.code


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/liaison/%00/", "/liaison/%2500/", "/liaison/GSD%00/audit/", f"/liaison/{'X' * 21}/"]
)
def test_department_paths_that_cannot_be_a_code_are_not_found(client, ore, path):
    client.force_login(ore)

    assert client.get(path).status_code == 404
