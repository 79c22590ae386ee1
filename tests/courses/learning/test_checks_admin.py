"""Editors see per-question knowledge-check results in the Wagtail admin; counts, never names."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from content.roles import ORE_ANALYSTS, ORE_EDITORS
from courses.learning.attempts import check_results_for_course
from tests.courses.learning.test_checks import (
    add_lesson,
    check_block,
    checks_of,
    half_right_answers,
    right_answers,
    submit,
    wrong_answers,
)
from tests.factories import UserFactory, course_with_lessons, publish

INDEX_URL = "courses_check_results"
COURSE_URL = "courses_check_results_course"


def course_url(course) -> str:
    return reverse(COURSE_URL, args=[course.pk])


@pytest.fixture
def results(course, learner, liaison):
    """Three learners' attempts at a two-question check (first question single choice).

    learner: attempt 1 first right, second wrong; attempt 2 both right.
    liaison: attempt 1 both wrong.
    third:   attempt 1 both right.
    """
    lesson = add_lesson(course, check_block(title="Bias basics"))
    check = checks_of(lesson)[0]
    third = UserFactory(first_name="Zelda", last_name="Quartermain")
    submit(learner, lesson, check, half_right_answers(check), 1)
    submit(learner, lesson, check, right_answers(check), 2)
    submit(liaison, lesson, check, wrong_answers(check), 1)
    submit(third, lesson, check, right_answers(check), 1)
    return {"lesson": lesson, "check": check, "people": [learner, liaison, third]}


@pytest.mark.django_db
def test_results_count_learners_first_attempts_and_all_attempts(course, results):
    (entry,) = check_results_for_course(course=course)
    assert entry.check.title == "Bias basics"
    assert entry.lesson.pk == results["lesson"].pk
    assert (entry.learners, entry.attempts) == (3, 4)
    first, second = entry.questions
    assert (first.learners, first.first_right, first.attempts, first.attempts_right) == (3, 2, 4, 3)
    assert (first.first_percent, first.attempts_percent) == (67, 75)
    assert (second.learners, second.first_right, second.attempts, second.attempts_right) == (
        3,
        1,
        4,
        2,
    )
    assert (second.first_percent, second.attempts_percent) == (33, 50)


@pytest.mark.django_db
def test_a_check_nobody_answered_has_no_percentages(course):
    add_lesson(course)
    (entry,) = check_results_for_course(course=course)
    assert entry.learners == 0
    assert all(q.first_percent is None and q.attempts_percent is None for q in entry.questions)


@pytest.mark.django_db
def test_results_cover_only_this_course_and_its_live_lessons(course, learner, results):
    other_course, _lessons = course_with_lessons(lessons=1, title="Another course")
    other = add_lesson(other_course)
    other_check = checks_of(other)[0]
    submit(learner, other, other_check, right_answers(other_check), 1)
    results["lesson"].unpublish()
    assert check_results_for_course(course=course) == []
    (entry,) = check_results_for_course(course=other_course)
    assert entry.attempts == 1


@pytest.mark.django_db
def test_results_read_in_two_queries_whatever_their_size(
    course, results, django_assert_num_queries
):
    second = add_lesson(course, check_block(), check_block(is_scored=False))
    for person in results["people"]:
        for check in checks_of(second):
            submit(person, second, check, right_answers(check), 1)
    with django_assert_num_queries(2):
        entries = check_results_for_course(course=course)
    assert len(entries) == 3


@pytest.mark.django_db
def test_ore_picks_a_course_and_sees_per_question_results_without_names(
    client, ore, course, results
):
    client.force_login(ore)
    index = client.get(reverse(INDEX_URL))
    assert index.status_code == 200
    assert course_url(course) in index.content.decode()
    assert course.title in index.content.decode()

    response = client.get(course_url(course))
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup.select("table.listing tbody tr")
    ]
    assert rows == [
        ["1. What is implicit bias?", "3", "2", "67%", "4", "3", "75%"],
        [
            "2. Which of these reduce the effect of bias in hiring?",
            "3",
            "1",
            "33%",
            "4",
            "2",
            "50%",
        ],
    ]
    assert "Bias basics" in html
    for person in results["people"]:
        for private in (person.email, person.first_name, person.last_name, person.employee_id):
            if private and private != "Person":
                assert private not in html


@pytest.mark.django_db
def test_course_without_checks_says_so(client, ore, course):
    client.force_login(ore)
    html = client.get(course_url(course)).content.decode()
    assert "This course has no knowledge checks in its published lessons." in html


@pytest.mark.django_db
def test_unknown_course_is_404(client, ore):
    client.force_login(ore)
    assert client.get(reverse(COURSE_URL, args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["learner", "liaison"])
def test_learners_and_liaisons_cannot_see_results(client, request, course, results, who):
    client.force_login(request.getfixturevalue(who))
    for url in (reverse(INDEX_URL), course_url(course)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_admin_access_alone_is_not_enough(client, course, groups):
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    person = UserFactory()
    person.groups.add(group)
    client.force_login(person)
    # The Wagtail admin turns a refusal into "no permission" on its dashboard.
    for url in (reverse(INDEX_URL), course_url(course)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_an_ore_editor_sees_results_through_page_permissions(client, course, groups, results):
    editor = UserFactory(department=None)
    editor.groups.add(groups[ORE_EDITORS])
    client.force_login(editor)
    assert client.get(reverse(INDEX_URL)).status_code == 200
    assert client.get(course_url(course)).status_code == 200


@pytest.mark.django_db
def test_an_analyst_with_admin_access_sees_every_course(client, course, groups):
    analyst = UserFactory(department=None)
    analyst.groups.add(groups[ORE_ANALYSTS])
    client.force_login(analyst)
    # Whether or not the analysts' group grants admin access, with it they see every course.
    access = Group.objects.create(name="Admin access only")
    access.permissions.add(Permission.objects.get(codename="access_admin"))
    analyst.groups.add(access)
    assert not course.permissions_for_user(analyst).can_edit()
    assert course_url(course) in client.get(reverse(INDEX_URL)).content.decode()
    assert client.get(course_url(course)).status_code == 200


@pytest.mark.django_db
def test_menu_item_and_course_page_actions_link_to_the_results(client, ore, course):
    client.force_login(ore)
    assert reverse(INDEX_URL) in client.get("/admin/").content.decode()
    # The course's own page in the explorer, and its row in the catalogue's listing.
    explorer = client.get(reverse("wagtailadmin_explore", args=[course.pk])).content.decode()
    assert course_url(course) in explorer
    listing = client.get(
        reverse("wagtailadmin_explore", args=[course.get_parent().pk])
    ).content.decode()
    assert course_url(course) in listing


@pytest.mark.django_db
def test_draft_courses_are_listed_too(client, ore, course):
    course.title = "Renamed draft title"
    publish(course)
    course.unpublish()
    client.force_login(ore)
    html = client.get(reverse(INDEX_URL)).content.decode()
    assert "Renamed draft title" in html
    assert "Draft" in html
