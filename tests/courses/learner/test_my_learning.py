"""My learning: to do (with days overdue and a progress bar), exempt, upcoming live sessions,
completed (with certificates and their expiry) and optional courses, in the reader's language,
in a number of queries that does not grow with the learner's records."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone
from wagtail.models import Locale, Site

from courses.compliance.models import Exemption
from courses.learner.selectors import my_learning_for_user
from courses.learning.models import LessonProgress
from courses.learning.services import course_completion_record, lesson_complete
from courses.sessions.models import (
    LiveSession,
    RegistrationStatus,
    SessionMode,
    SessionRegistration,
)
from tests.factories import RequirementFactory, compliance_refresh, course_with_lessons


def page(client):
    response = client.get("/learn/")
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def section(soup, heading_text):
    """The <section> whose h2 says `heading_text`."""
    heading = soup.find("h2", string=heading_text)
    assert heading is not None, f"no section headed {heading_text!r}"
    return heading.find_parent("section")


def day(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def session_for(course, *, days: float, **fields):
    starts = timezone.now() + timedelta(days=days)
    return LiveSession.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **{"mode": SessionMode.IN_PERSON, "location": "City Hall East, room 1500", **fields},
    )


@pytest.mark.django_db
def test_sections_have_headings_in_order(client, learner):
    client.force_login(learner)
    headings = [text_of(h) for h in page(client).find("main").find_all("h2")]
    assert headings == ["To do", "Upcoming live sessions", "Completed", "Optional"]


@pytest.mark.django_db
def test_to_do_says_days_overdue_and_days_left_in_words(client, learner, course):
    today = timezone.localdate()
    later, _lessons = course_with_lessons(lessons=2, title="Language Access Basics")
    RequirementFactory(course=course, due_on=today - timedelta(days=3))
    RequirementFactory(course=later, due_on=today + timedelta(days=5))
    compliance_refresh()
    client.force_login(learner)
    to_do = section(page(client), "To do")
    items = to_do.find_all("li")
    assert [text_of(item.h3) for item in items] == [
        "Implicit Bias: Foundations",
        "Language Access Basics",
    ]
    assert "3 days overdue" in text_of(items[0])
    assert "Due in 5 days" in text_of(items[1])


@pytest.mark.django_db
def test_to_do_has_a_progress_bar_named_by_its_text(client, learner, requirement, lessons):
    lesson_complete(user=learner, lesson=lessons[0])
    compliance_refresh()
    client.force_login(learner)
    item = section(page(client), "To do").find("li")
    bar = item.find("progress")
    assert bar["max"] == "3"
    assert bar["value"] == "1"
    label = item.find(id=bar["aria-labelledby"])
    assert text_of(label) == "1 of 3 lessons done"
    assert "In progress" in text_of(item)


@pytest.mark.django_db
def test_completed_shows_the_date_certificate_and_expiry_of_a_recurring_requirement(
    client, learner, course
):
    requirement = RequirementFactory(course=course, recurrence_months=12, renewal_window_days=60)
    completion = course_completion_record(
        user=learner, course=course, as_of=timezone.now() - timedelta(days=10)
    )
    compliance_refresh()
    client.force_login(learner)
    soup = page(client)
    assert "Nothing is required of you right now." in text_of(section(soup, "To do"))
    item = section(soup, "Completed").find("li")
    text = text_of(item)
    completed_on = timezone.localdate(completion.completed_at)
    expires = completed_on.replace(year=completed_on.year + 1)
    assert f"Completed on {day(completed_on)}" in text
    assert f"Expires on {day(expires)}: renew by then." in text
    opens = expires - timedelta(days=requirement.renewal_window_days)
    assert f"The renewal appears under “To do” on {day(opens)}." in text
    link = item.find("a", href=f"/learn/certificates/{completion.certificate.code}/")
    assert link is not None
    assert "View your certificate" in text_of(link)


@pytest.mark.django_db
def test_courses_not_assigned_are_optional_and_started_ones_come_first(
    client, learner, requirement
):
    _started, started_lessons = course_with_lessons(lessons=2, title="Zoning and Equity")
    course_with_lessons(lessons=1, title="Accessible Meetings")
    lesson_complete(user=learner, lesson=started_lessons[0])
    compliance_refresh()
    client.force_login(learner)
    soup = page(client)
    optional = section(soup, "Optional")
    titles = [text_of(item.h3) for item in optional.find_all("li")]
    assert titles == ["Zoning and Equity", "Accessible Meetings"]
    assert "1 of 2 lessons done" in text_of(optional)
    to_do_titles = [text_of(item.h3) for item in section(soup, "To do").find_all("li")]
    assert to_do_titles == ["Implicit Bias: Foundations"]


@pytest.mark.django_db
def test_exempt_requirement_is_not_to_do(client, learner, requirement, admin_user):
    Exemption.objects.create(
        requirement=requirement,
        user=learner,
        reason="Military leave",
        granted_by=admin_user,
        granted_at=timezone.now(),
    )
    compliance_refresh()
    client.force_login(learner)
    soup = page(client)
    assert "Nothing is required of you right now." in text_of(section(soup, "To do"))
    headings = [text_of(h) for h in soup.find("main").find_all("h2")]
    assert headings == ["To do", "Exempt", "Upcoming live sessions", "Completed", "Optional"]
    exempt = section(soup, "Exempt")
    assert "Implicit Bias: Foundations" in text_of(exempt.h3)
    assert "Exempt" in text_of(exempt.find("li"))


@pytest.mark.django_db
def test_upcoming_sessions_show_when_where_and_the_join_link(client, learner, course):
    workshop = session_for(course, days=3, title="Workshop at City Hall East")
    virtual = session_for(
        course,
        days=5,
        title="Citywide virtual session",
        mode=SessionMode.VIRTUAL,
        location="",
        join_url="https://meet.example.lacity.test/equity",
    )
    past = session_for(course, days=-7, title="Last week's workshop")
    not_mine = session_for(course, days=4, title="A session I did not register for")
    for session in (workshop, virtual, past):
        SessionRegistration.objects.create(
            session=session, user=learner, status=RegistrationStatus.REGISTERED
        )
    SessionRegistration.objects.create(
        session=not_mine, user=learner, status=RegistrationStatus.CANCELLED
    )
    client.force_login(learner)
    sessions = section(page(client), "Upcoming live sessions")
    items = sessions.find_all("li")
    assert [text_of(item.h3) for item in items] == [
        "Workshop at City Hall East",
        "Citywide virtual session",
    ]
    assert "City Hall East, room 1500" in text_of(items[0])
    assert "Registered" in text_of(items[0])
    start = timezone.localtime(workshop.starts_at)
    assert day(start) in text_of(items[0])
    join = items[1].find("a", href="https://meet.example.lacity.test/equity")
    assert join is not None


@pytest.fixture
def spanish_reader(learner):
    learner.preferred_language = "es"
    learner.save()
    return learner


@pytest.mark.django_db
def test_spanish_reader_sees_spanish_titles_and_english_ones_marked(
    client, spanish_reader, course, requirement
):
    spanish = course.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.title = "Sesgo implícito: fundamentos"
    spanish.save_revision().publish()
    course_with_lessons(lessons=1, title="Accessible Meetings")
    compliance_refresh()
    client.force_login(spanish_reader)
    soup = page(client)
    to_do = section(soup, "Por hacer")
    title = to_do.find("h3").find("a")
    assert text_of(title) == "Sesgo implícito: fundamentos"
    assert not title.has_attr("lang")
    optional = section(soup, "Opcionales")
    english = optional.find("a", string="Accessible Meetings")
    assert english["lang"] == "en"
    assert "Sesgo implícito: fundamentos" not in text_of(
        optional
    )  # the Spanish copy is not a course of its own
    assert "0 de 3 lecciones completadas" in text_of(to_do)


def _records(learner, count):
    """`count` courses, each required (due in the past), half a lesson done, with a live session
    registered for; and `count` more courses completed."""
    today = timezone.localdate()
    for number in range(count):
        course, lessons = course_with_lessons(lessons=2, title=f"Required {number}")
        RequirementFactory(course=course, due_on=today - timedelta(days=number + 1))
        lesson_complete(user=learner, lesson=lessons[0])
        session = session_for(course, days=number + 1)
        SessionRegistration.objects.create(
            session=session, user=learner, status=RegistrationStatus.REGISTERED
        )
        done, _lessons = course_with_lessons(lessons=1, title=f"Done {number}")
        course_completion_record(user=learner, course=done)
    compliance_refresh()


# My learning's queries, whatever the number of courses, assignments and sessions:
# a learner whose records have not changed since their last visit (the course cards from the
# cache): the session, the user, the fingerprint of the records, the live sessions, the
# navigation's roles (a reader of Spanish: and the Spanish locale and titles of the sessions'
# courses);
CACHED = {"en": 5, "es": 6}
# after a change, the cards are built again: their assignments, runs, courses, completions,
# lessons, lesson progress and the request's Wagtail site (the links); a reader of Spanish:
# the Spanish locale and titles, twice, for the courses and for the sessions' courses.
BUILT = {"en": 5 + 7, "es": 5 + 7 + 4}


def _queries_of_my_learning(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/learn/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
def test_my_learning_queries_do_not_grow_with_courses_assignments_and_sessions(
    client, learner, language
):
    learner.preferred_language = language
    learner.save()
    client.force_login(learner)
    _records(learner, 1)
    Site.get_site_root_paths()  # Wagtail's cached site roots, read once by every process
    assert _queries_of_my_learning(client) == BUILT[language]
    assert _queries_of_my_learning(client) == CACHED[language]
    _records(learner, 11)
    assert _queries_of_my_learning(client) == BUILT[language]
    assert _queries_of_my_learning(client) == CACHED[language]
    soup = page(client)
    assert len(section(soup, "To do" if language == "en" else "Por hacer").find_all("li")) == 12
    assert LessonProgress.objects.filter(user=learner).count() == 12


@pytest.mark.django_db
def test_a_renewal_is_to_do_and_says_so(client, learner, course):
    RequirementFactory(course=course, recurrence_months=12, renewal_window_days=60)
    completion = course_completion_record(
        user=learner, course=course, as_of=timezone.now() - timedelta(days=330)
    )
    compliance_refresh()
    client.force_login(learner)
    item = section(page(client), "To do").find("li")
    text = text_of(item)
    assert "A renewal: your last completion of this course stops counting on the due date." in text
    completed_on = timezone.localdate(completion.completed_at)
    expires = completed_on.replace(year=completed_on.year + 1)
    assert f"Due {day(expires)}" in text
    assert f"Due in {(expires - timezone.localdate()).days} days" in text


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "most"), [("en", 7), ("es", 11)])
def test_my_learning_selector_is_a_fixed_number_of_queries(
    learner, language, most, django_assert_max_num_queries
):
    _records(learner, 3)
    with django_assert_max_num_queries(most):
        learning = my_learning_for_user(
            user=learner, as_of=timezone.localdate(), now=timezone.now(), language=language
        )
    assert (len(learning.to_do), len(learning.completed), len(learning.sessions)) == (3, 3, 3)


@pytest.mark.django_db
def test_a_registration_shows_at_the_next_visit_and_a_cancelled_one_goes(client, learner, course):
    """My learning looks for live sessions only while the learner holds a registration (the
    fingerprint counts them): the first one, made after a visit, shows at once; cancelled, it
    goes; on the waiting list, it shows again."""
    client.force_login(learner)

    def listed() -> list[str]:
        return [text_of(item.h3) for item in section(page(client), "Upcoming live sessions")("li")]

    assert listed() == []
    workshop = session_for(course, days=3, title="Workshop at City Hall East")
    registration = SessionRegistration.objects.create(
        session=workshop, user=learner, status=RegistrationStatus.REGISTERED
    )
    assert listed() == ["Workshop at City Hall East"]
    registration.status = RegistrationStatus.CANCELLED
    registration.save()
    assert listed() == []
    registration.status = RegistrationStatus.WAITLISTED
    registration.save()
    assert listed() == ["Workshop at City Hall East"]
