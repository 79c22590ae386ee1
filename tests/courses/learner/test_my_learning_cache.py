"""My learning's cached course cards are never stale: each change a learner can see shows on their
very next page, and one learner's cards never reach another (courses/learner/fragments.py)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone

from courses.certificates.services import certificate_revoke
from courses.compliance.models import Exemption
from courses.learning.models import CourseCompletion
from courses.learning.services import lesson_complete
from tests.factories import (
    RequirementFactory,
    UserFactory,
    compliance_refresh,
    course_with_lessons,
    publish,
)


def page(client) -> BeautifulSoup:
    response = client.get("/learn/")
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def section(soup, heading_text):
    heading = soup.find("h2", string=heading_text)
    assert heading is not None, f"no section headed {heading_text!r}"
    return heading.find_parent("section")


def cached_keys() -> int:
    return sum(1 for key in cache._cache if "courses:my-learning:" in key)


@pytest.fixture
def assigned(learner, course, requirement):
    compliance_refresh()
    return course


@pytest.mark.django_db
def test_a_second_visit_uses_the_cached_cards(client, learner, assigned):
    client.force_login(learner)
    first = page(client)
    assert cached_keys() == 1
    second = page(client)
    assert cached_keys() == 1
    assert text_of(section(first, "To do")) == text_of(section(second, "To do"))


@pytest.mark.django_db
def test_marking_a_lesson_done_shows_at_once(client, learner, assigned, lessons):
    client.force_login(learner)
    assert "0 of 3 lessons done" in text_of(section(page(client), "To do"))
    client.post(f"/learn/lessons/{lessons[0].pk}/done/")  # enrols the learner too
    assert "1 of 3 lessons done" in text_of(section(page(client), "To do"))
    response = client.post(f"/learn/lessons/{lessons[1].pk}/done/")  # progress, nothing else
    assert response.status_code == 302
    to_do = section(page(client), "To do")
    assert "2 of 3 lessons done" in text_of(to_do)
    resume = to_do.find("a", class_="button")
    assert "Resume" in text_of(resume)
    assert resume["href"] == lessons[2].get_url()


@pytest.mark.django_db
def test_completing_a_course_moves_it_to_completed_at_once(client, learner, assigned, lessons):
    client.force_login(learner)
    page(client)
    for lesson in lessons:
        client.post(f"/learn/lessons/{lesson.pk}/done/")
    # The compliance engine stores the assignment's new status (a queued task in production).
    compliance_refresh()
    soup = page(client)
    assert "Nothing is required of you right now." in text_of(section(soup, "To do"))
    assert "Implicit Bias: Foundations" in text_of(section(soup, "Completed"))
    assert "View your certificate" in text_of(section(soup, "Completed"))


@pytest.mark.django_db
def test_a_new_assignment_shows_at_once(client, learner, assigned):
    client.force_login(learner)
    assert len(section(page(client), "To do").find_all("li")) == 1
    later, _lessons = course_with_lessons(lessons=2, title="Language Access Basics")
    RequirementFactory(course=later, due_on=timezone.localdate() + timedelta(days=30))
    compliance_refresh()
    titles = [text_of(li.h3) for li in section(page(client), "To do").find_all("li")]
    assert "Language Access Basics" in titles
    assert len(titles) == 2


@pytest.mark.django_db
def test_an_exemption_shows_at_once(client, learner, assigned, requirement, admin_user):
    client.force_login(learner)
    assert len(section(page(client), "To do").find_all("li")) == 1
    Exemption.objects.create(
        requirement=requirement,
        user=learner,
        reason="Military leave",
        granted_by=admin_user,
        granted_at=timezone.now(),
    )
    compliance_refresh()
    soup = page(client)
    assert "Nothing is required of you right now." in text_of(section(soup, "To do"))
    assert "Implicit Bias: Foundations" in text_of(section(soup, "Exempt"))


@pytest.mark.django_db
def test_a_revoked_certificate_shows_at_once(client, learner, assigned, lessons, admin_user):
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    compliance_refresh()
    client.force_login(learner)
    assert "Revoked" not in text_of(section(page(client), "Completed"))
    completion = CourseCompletion.objects.get(user=learner)
    certificate_revoke(certificate=completion.certificate, by=admin_user, reason="Issued in error")
    assert "Revoked" in text_of(section(page(client), "Completed"))


@pytest.mark.django_db
def test_a_course_published_again_shows_its_new_title_at_once(client, learner, assigned):
    client.force_login(learner)
    assert "Implicit Bias: Foundations" in text_of(section(page(client), "To do"))
    assigned.title = "Implicit Bias: Foundations (2027)"
    publish(assigned)
    assert "Implicit Bias: Foundations (2027)" in text_of(section(page(client), "To do"))


@pytest.mark.django_db
def test_switching_language_switches_the_cards_both_ways(client, learner, assigned):
    client.force_login(learner)
    assert "Due" in text_of(section(page(client), "To do"))
    client.post("/i18n/setlang/", {"language": "es", "next": "/learn/"})
    soup = page(client)
    assert soup.find("h2", string="Por hacer") is not None
    assert "lecciones" in text_of(section(soup, "Por hacer"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/learn/"})
    assert "0 of 3 lessons done" in text_of(section(page(client), "To do"))


@pytest.mark.django_db
def test_one_learners_cards_never_reach_another(client, learner, assigned, lessons, department):
    other = UserFactory(email="other@example.lacity.test", department=department)
    compliance_refresh()
    lesson_complete(user=learner, lesson=lessons[0])
    client.force_login(learner)
    assert "1 of 3 lessons done" in text_of(section(page(client), "To do"))
    client.force_login(other)
    to_do = text_of(section(page(client), "To do"))
    assert "0 of 3 lessons done" in to_do
    assert "1 of 3" not in to_do
    client.force_login(learner)
    assert "1 of 3 lessons done" in text_of(section(page(client), "To do"))
