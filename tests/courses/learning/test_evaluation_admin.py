"""ORE's evaluation report in the Wagtail admin: who may see it, and what it holds back."""

import pytest
from django.urls import reverse
from django.utils import timezone

from content.roles import ORE_EDITORS
from courses.learning.evaluation import SUPPRESSION_THRESHOLD, feedback_submit, feedback_summary
from courses.learning.models import FeedbackResponse
from courses.learning.reflections import reflection_save
from courses.learning.services import course_completion_record
from tests.courses.learning.test_evaluation import ratings, record, with_bank
from tests.factories import UserFactory


def report_url(course) -> str:
    return reverse("courses_evaluation_report", args=[course.pk])


INDEX_URL = "/admin/evaluation/"


@pytest.fixture
def editor_only(groups):
    """An ORE editor who is not an analyst: in the admin, but not allowed this report."""
    user = UserFactory(email="editor@example.lacity.test", department=None)
    user.groups.add(groups[ORE_EDITORS])
    return user


def respond(course, count: int, *, comment=lambda n: f"Comment {n}") -> list:
    """`count` learners complete `course` and answer the survey; returns the learners."""
    people = []
    for number in range(count):
        person = UserFactory(first_name=f"Respondent{number}", last_name="Named")
        course_completion_record(user=person, course=course)
        feedback_submit(
            user=person, course=course, ratings=ratings(1 + number % 5), comment=comment(number)
        )
        people.append(person)
    return people


# --- access -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("learner", False),
        ("liaison", False),
        ("editor_only", False),
        ("ore", True),
        ("admin_user", True),
    ],
)
def test_only_ore_analysts_and_superusers_see_the_report(request, client, course, who, allowed):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in (INDEX_URL, report_url(course)):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200
            assert "Evaluation of learning" in response.content.decode()
        else:
            assert response.status_code == 302
            assert "Knowledge gain" not in response.content.decode()


@pytest.mark.django_db
def test_the_reports_menu_offers_it_to_analysts_only(client, ore, editor_only):
    client.force_login(ore)
    assert INDEX_URL in client.get("/admin/").content.decode()
    client.force_login(editor_only)
    assert INDEX_URL not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_an_unknown_course_is_not_found(client, ore):
    client.force_login(ore)
    assert client.get(reverse("courses_evaluation_report", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_the_index_lists_each_course_once(client, ore, course):
    client.force_login(ore)
    html = client.get(INDEX_URL).content.decode()
    assert course.title in html
    assert report_url(course) in html


# --- what the report shows --------------------------------------------------------------------


@pytest.mark.django_db
def test_with_fewer_than_eleven_responses_only_the_count_is_known(client, ore, course):
    respond(course, SUPPRESSION_THRESHOLD - 1)
    summary = feedback_summary(course=course)
    assert summary == {
        "responses": SUPPRESSION_THRESHOLD - 1,
        "is_suppressed": True,
        "questions": None,
        "comments": None,
    }
    client.force_login(ore)
    html = client.get(report_url(course)).content.decode()
    assert "too few responses to show" in html
    assert "Comment 1" not in html
    assert "Strongly agree" not in html


@pytest.mark.django_db
def test_from_eleven_responses_means_distribution_and_comments_without_names(client, ore, course):
    comments = {0: "Zebra crossings were a good example.", 5: "apples and oranges", 7: ""}
    people = respond(course, SUPPRESSION_THRESHOLD, comment=lambda n: comments.get(n, ""))
    summary = feedback_summary(course=course)
    assert summary["responses"] == 11
    relevant = summary["questions"][0]
    assert relevant["key"] == "relevant"
    # ratings cycle 1..5 over eleven people: 1,2,3,4,5,1,2,3,4,5,1
    assert [point["count"] for point in relevant["distribution"]] == [3, 2, 2, 2, 2]
    assert relevant["mean"] == 2.8  # 31 / 11
    assert summary["comments"] == ["apples and oranges", "Zebra crossings were a good example."]

    client.force_login(ore)
    html = client.get(report_url(course)).content.decode()
    assert "apples and oranges" in html
    assert html.index("apples and oranges") < html.index("Zebra crossings")
    assert "too few responses" not in html
    for person in people:
        assert person.first_name not in html
        assert person.email not in html
    today = timezone.localdate()
    assert today.isoformat() not in html
    assert today.strftime("%B %-d, %Y") not in html


@pytest.mark.django_db
def test_survey_responses_hold_no_trace_of_who_gave_them(course):
    respond(course, 2)
    for response in FeedbackResponse.objects.values():
        assert set(response) == {"id", "course_id", "submitted_on", "ratings", "comment"}
        assert set(response["ratings"]) == set(ratings())


@pytest.mark.django_db
def test_knowledge_gain_in_the_report_is_withheld_under_eleven(client, ore, course):
    course = with_bank(course)
    for _number in range(SUPPRESSION_THRESHOLD - 1):
        record(UserFactory(), course, pre=30, post=80)
    client.force_login(ore)
    html = client.get(report_url(course)).content.decode()
    assert "have taken both the pre- and the post-assessment: too few to show" in html
    assert "Mean knowledge gain" not in html

    record(UserFactory(), course, pre=30, post=80)
    html = client.get(report_url(course)).content.decode()
    assert "Mean knowledge gain" in html
    assert "50.0 percentage points" in html


@pytest.mark.django_db
def test_reflections_never_appear_in_the_report(client, ore, course, learner):
    from courses.learning.models import LessonPage
    from tests.factories import publish

    lesson = LessonPage(
        title="Reflect",
        slug="reflect",
        body=[{"type": "reflection", "value": {"prompt": "What did you notice?"}}],
    )
    course.add_child(instance=lesson)
    lesson = publish(lesson)
    block_id = str(lesson.body[0].id)
    reflection_save(user=learner, lesson=lesson, block_id=block_id, text="A private thought.")
    respond(course, SUPPRESSION_THRESHOLD)
    client.force_login(ore)
    for url in (INDEX_URL, report_url(course)):
        assert "A private thought." not in client.get(url).content.decode()
