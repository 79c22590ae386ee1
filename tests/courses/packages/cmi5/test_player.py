"""The cmi5 lesson page: the AUs (blocks as nested lists) with their status and a Launch button."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.packages.cmi5.player import cmi5_player_context
from tests.courses.packages.cmi5.helpers import au_item, cmi5_lesson, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(course):
    return cmi5_lesson(course)


def page(client, lesson) -> BeautifulSoup:
    response = client.get(lesson.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_lesson_lists_every_au_with_a_launch_form(learner, lesson):
    client = Client()
    client.force_login(learner)
    soup = page(client, lesson)
    section = soup.find("section", class_="cmi5-player")
    assert section.find("h2").get_text(strip=True) == "Activities in this lesson"
    forms = section.find_all("form")
    assert len(forms) == 5
    assert all(form["method"] == "post" for form in forms)
    assert forms[0]["action"] == reverse(
        "courses:cmi5:launch", args=[lesson.pk, au_item(lesson, "completed").pk]
    )
    assert all(form.find("input", {"name": "csrfmiddlewaretoken"}) for form in forms)
    # the block is a heading with its AUs in a nested list
    block = section.find("h3")
    assert block.get_text(strip=True) == "block"
    assert len(block.find_next_sibling("ul").find_all("form")) == 2
    # each button names its AU for a screen reader
    assert "completed" in forms[0].find("button").get_text(" ", strip=True)


def test_statuses_follow_the_results(learner, lesson):
    au = launch(learner, lesson, "completed")
    au.initialized()
    au.completed()
    au.terminated()
    failed = launch(learner, lesson, "passed")
    failed.initialized()
    failed.failed()
    failed.terminated()
    client = Client()
    client.force_login(learner)
    soup = page(client, lesson)
    statuses = [
        s.get_text(" ", strip=True) for s in soup.select(".cmi5-player__au .cmi5-player__status")
    ]
    assert statuses == [
        "Status: Done",
        "Status: Not passed yet",
        "Status: Not started",
        "Status: Not started",
        "Status: Done",
    ]
    buttons = [
        b.get_text(" ", strip=True).split(" ")[0] for b in soup.select(".cmi5-player__au button")
    ]
    assert buttons == ["Review", "Resume", "Launch", "Launch", "Review"]


def test_the_au_titles_follow_the_readers_language(learner, lesson, rf):
    from django.utils import translation

    request = rf.get("/")
    request.user = learner
    with translation.override("es"):
        context = cmi5_player_context(lesson, request, lesson.package.current_version)
    assert context["cmi5"]["tree"][0]["title"] == "completed (es)"


def test_the_player_reads_in_a_fixed_number_of_queries(learner, lesson, course, rf):
    request = rf.get("/")
    request.user = learner
    launch(learner, lesson, "completed", fetch=False)
    with CaptureQueriesContext(connection) as small:
        cmi5_player_context(lesson, request, lesson.package.current_version)
    big = cmi5_lesson(
        course,
        structure=[{"id": f"au{n}", "move_on": "Completed"} for n in range(30)],
    )
    launch(learner, big, "au3", fetch=False)
    with CaptureQueriesContext(connection) as large:
        cmi5_player_context(big, request, big.package.current_version)
    assert len(large) == len(small)
