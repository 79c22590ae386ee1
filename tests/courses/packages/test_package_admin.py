"""The packages admin: ORE leads upload a package as a lesson and replace it with a new
version; a refused package shows every problem and stores nothing; nobody else may."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content.roles import ORE_EDITORS, ORE_LEADS, roles_ensure
from courses.learning.models import LessonPage
from courses.packages.importing import package_import
from courses.packages.models import Package, PackageVersion
from tests.courses.packages.builders import sample_files, scorm12_package, zip_bytes
from tests.factories import UserFactory

UPLOAD_URL = "/admin/package-import/upload/"
LIST_URL = "/admin/snippets/courses/package/"


def _member(group_name: str):
    groups = roles_ensure()
    user = UserFactory(email=f"{group_name.split()[1]}@example.lacity.test", department=None)
    user.groups.add(groups[group_name])
    return user


@pytest.fixture
def ore_lead(db):
    return _member(ORE_LEADS)


@pytest.fixture
def ore_editor(db):
    return _member(ORE_EDITORS)


def _zip(name: str, files: dict | None = None) -> SimpleUploadedFile:
    data = zip_bytes(files if files is not None else sample_files(name))
    return SimpleUploadedFile(f"{name}.zip", data, content_type="application/zip")


def test_urls_are_where_the_tests_say():
    assert reverse("courses_packages_admin:upload") == UPLOAD_URL
    assert reverse("wagtailsnippets_courses_package:list") == LIST_URL


def test_an_ore_lead_uploads_a_package_and_lands_on_the_lesson_edit_page(client, ore_lead, course):
    client.force_login(ore_lead)
    page = client.get(UPLOAD_URL)
    assert page.status_code == 200
    html = BeautifulSoup(page.content, "html.parser")
    for name in ("file", "course", "title"):
        field = html.find(attrs={"name": name})
        assert html.find("label", attrs={"for": field["id"]}), f"{name} has a label"

    response = client.post(
        UPLOAD_URL,
        {"file": _zip("scorm2004_3rd_sequential"), "course": course.pk, "title": ""},
        follow=True,
    )

    lesson = LessonPage.objects.get(package__isnull=False)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{lesson.pk}/edit/"
    assert "Package imported as the lesson “Fair hiring practices”" in response.content.decode()
    assert lesson.get_parent().pk == course.pk
    assert lesson.package.current_version.imported_by == ore_lead


def test_a_refused_upload_lists_every_problem_and_stores_nothing(
    client, ore_lead, course, package_root
):
    client.force_login(ore_lead)
    files = scorm12_package(default="ORG-GONE")
    del files["sco1/index.html"]

    response = client.post(
        UPLOAD_URL, {"file": _zip("bad", files), "course": course.pk, "title": "Mine"}
    )

    assert response.status_code == 422
    html = BeautifulSoup(response.content, "html.parser")
    summary = html.find(id="package-problems")
    assert summary["role"] == "alert"
    assert "refused because of 1 problem. Nothing was stored." in summary.h2.get_text(" ")
    assert [li.get_text() for li in summary.find_all("li")] == [
        "imsmanifest.xml: the default organization “ORG-GONE” does not exist."
    ]
    assert html.find(attrs={"name": "title"})["value"] == "Mine"
    assert not Package.objects.exists()
    assert not LessonPage.objects.filter(package__isnull=False).exists()
    assert not package_root.exists() or not any(package_root.iterdir())


def test_a_file_that_is_not_a_zip_is_refused_in_the_form(client, ore_lead, course):
    client.force_login(ore_lead)
    upload = SimpleUploadedFile("notes.zip", b"hello", content_type="application/zip")

    response = client.post(UPLOAD_URL, {"file": upload, "course": course.pk})

    assert response.status_code == 422
    assert "The file is not a zip archive." in response.content.decode()
    assert not Package.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(client, ore_lead, course, settings):
    settings.PACKAGE_MAX_UPLOAD_BYTES = 200
    client.force_login(ore_lead)

    response = client.post(UPLOAD_URL, {"file": _zip("cmi5_single"), "course": course.pk})

    assert response.status_code == 422
    html = BeautifulSoup(response.content, "html.parser")
    assert "larger than the 200" in html.find(attrs={"role": "alert"}).get_text()
    assert not Package.objects.exists()


def test_a_missing_file_and_course_are_listed_in_the_error_summary(client, ore_lead):
    client.force_login(ore_lead)

    response = client.post(UPLOAD_URL, {"course": "²"})

    assert response.status_code == 422
    summary = BeautifulSoup(response.content, "html.parser").find(attrs={"role": "alert"})
    links = {a["href"] for a in summary.find_all("a")}
    assert links == {"#id_file", "#id_course"}


@pytest.mark.parametrize("who", ["ore_editor", "liaison", "learner"])
def test_others_may_not_upload(client, request, course, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(UPLOAD_URL).status_code == 302
    response = client.post(UPLOAD_URL, {"file": _zip("cmi5_single"), "course": course.pk})

    assert response.status_code == 302
    assert not Package.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, course):
    response = client.post(UPLOAD_URL, {"file": _zip("cmi5_single"), "course": course.pk})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "/admin/login/" in response["Location"]
    assert not Package.objects.exists()


def test_the_list_shows_kind_edition_version_and_lessons_in_fixed_queries(
    client, ore_lead, course, tmp_path, django_assert_max_num_queries
):
    for name in ("cmi5_single", "scorm12_multi"):
        path = tmp_path / f"{name}.zip"
        path.write_bytes(zip_bytes(sample_files(name)))
        package_import(file=path, course=course)
    client.force_login(ore_lead)

    with django_assert_max_num_queries(40) as captured:
        response = client.get(LIST_URL)
    few = len(captured)
    path = tmp_path / "more.zip"
    path.write_bytes(zip_bytes(sample_files("scorm2004_4th_sequential")))
    package_import(file=path, course=course)
    with django_assert_max_num_queries(few):
        client.get(LIST_URL)

    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
    texts = sorted(" ".join(row.get_text(" ").split()) for row in rows)
    assert len(texts) == 2
    assert texts[0].startswith("Data for equity")
    assert texts[0].endswith("SCORM 1.2 1.2 1 1")
    assert texts[1].startswith("The equity glossary in practice")
    assert texts[1].endswith("cmi5 cmi5 1 1")


def test_editors_do_not_see_the_list_but_may_choose_a_package(client, ore_editor, course, tmp_path):
    path = tmp_path / "p.zip"
    path.write_bytes(zip_bytes(sample_files("cmi5_single")))
    package_import(file=path, course=course)
    client.force_login(ore_editor)

    assert client.get(LIST_URL).status_code == 302
    chooser = client.get("/admin/snippets/choose/courses/package/")
    assert chooser.status_code == 200
    assert "The equity glossary in practice" in chooser.content.decode()


def test_an_ore_lead_replaces_a_package_with_a_new_version(client, ore_lead, course, tmp_path):
    path = tmp_path / "p.zip"
    path.write_bytes(zip_bytes(sample_files("scorm12_multi")))
    lesson = package_import(file=path, course=course)
    url = reverse("courses_packages_admin:replace", args=[lesson.package_id])
    client.force_login(ore_lead)

    page = client.get(url)
    assert page.status_code == 200
    text = " ".join(BeautifulSoup(page.content, "html.parser").get_text(" ").split())
    assert "Retake required since" in text
    assert lesson.title in text

    response = client.post(url, {"file": _zip("scorm2004_4th_sequential")})

    assert response.status_code == 302
    lesson.package.refresh_from_db()
    assert lesson.package.current_version.number == 2
    assert PackageVersion.objects.filter(package=lesson.package).count() == 2


def test_a_refused_new_version_changes_nothing(client, ore_lead, course, tmp_path):
    path = tmp_path / "p.zip"
    path.write_bytes(zip_bytes(sample_files("cmi5_single")))
    lesson = package_import(file=path, course=course)
    url = reverse("courses_packages_admin:replace", args=[lesson.package_id])
    client.force_login(ore_lead)

    response = client.post(url, {"file": _zip("bad", {"index.html": "<p>no manifest</p>"})})

    assert response.status_code == 422
    assert "no imsmanifest.xml (SCORM) or cmi5.xml (cmi5)" in response.content.decode()
    assert PackageVersion.objects.count() == 1


@pytest.mark.parametrize("who", ["ore_editor", "liaison", "learner"])
def test_others_may_not_replace(client, request, course, tmp_path, who):
    path = tmp_path / "p.zip"
    path.write_bytes(zip_bytes(sample_files("cmi5_single")))
    lesson = package_import(file=path, course=course)
    url = reverse("courses_packages_admin:replace", args=[lesson.package_id])
    client.force_login(request.getfixturevalue(who))

    response = client.post(url, {"file": _zip("cmi5_multi")})

    assert response.status_code == 302
    assert PackageVersion.objects.count() == 1


def _imported(course, tmp_path, name="cmi5_single"):
    path = tmp_path / f"{name}.zip"
    path.write_bytes(zip_bytes(sample_files(name)))
    return package_import(file=path, course=course)


def test_a_package_a_lesson_plays_cannot_be_deleted(client, admin_user, course, tmp_path):
    lesson = _imported(course, tmp_path)
    client.force_login(admin_user)

    client.post(f"{LIST_URL}delete/{lesson.package_id}/")

    assert Package.objects.filter(pk=lesson.package_id).exists()


def test_a_package_with_attempts_on_record_cannot_be_deleted(
    client, admin_user, learner, course, tmp_path
):
    from django.utils import timezone

    from courses.packages.models import PackageAttempt

    lesson = _imported(course, tmp_path)
    package = lesson.package
    version = package.current_version
    now = timezone.now()
    PackageAttempt.objects.create(
        user=learner,
        item=version.items.first(),
        version=version,
        course=course,
        lesson=lesson,
        started_at=now,
        updated_at=now,
    )
    lesson.package = None
    lesson.save()
    client.force_login(admin_user)

    response = client.post(f"{LIST_URL}delete/{package.pk}/", follow=True)

    text = BeautifulSoup(response.content, "html.parser").get_text()
    assert "cannot be deleted: learners' attempts at it are on record" in text
    assert Package.objects.filter(pk=package.pk).exists()


def test_deleting_an_unused_package_removes_its_files(
    client, admin_user, course, tmp_path, django_capture_on_commit_callbacks
):
    from courses.packages.importing import package_files_root

    lesson = _imported(course, tmp_path)
    package = lesson.package
    folder = package_files_root(package.current_version)
    lesson.package = None
    lesson.save()
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{LIST_URL}delete/{package.pk}/")

    assert response.status_code == 302
    assert not Package.objects.filter(pk=package.pk).exists()
    assert not folder.exists()


def test_an_ore_lead_renames_a_package(client, ore_lead, course, tmp_path):
    lesson = _imported(course, tmp_path)
    client.force_login(ore_lead)

    response = client.post(f"{LIST_URL}edit/{lesson.package_id}/", {"title": "Glossary (vendor)"})

    assert response.status_code == 302
    lesson.package.refresh_from_db()
    assert lesson.package.title == "Glossary (vendor)"


def test_a_course_offers_upload_a_package_to_ore_leads_only(client, ore_lead, ore_editor, course):
    edit_url = f"/admin/pages/{course.pk}/edit/"
    upload = f"{UPLOAD_URL}?course={course.pk}"
    client.force_login(ore_lead)
    assert upload in client.get(edit_url).content.decode()
    form = BeautifulSoup(client.get(upload).content, "html.parser")
    assert form.find("select", attrs={"name": "course"}).find("option", selected=True)[
        "value"
    ] == str(course.pk)

    client.force_login(ore_editor)
    assert upload not in client.get(edit_url).content.decode()
