"""The demo city: loads what the demo needs, and a second run adds nothing."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from wagtail.models import Locale

from courses.compliance.models import Assignment, Exemption, Requirement
from courses.learning.models import CourseCompletion, CoursePage, LessonPage, LessonProgress
from courses.sessions.models import LiveSession, SessionRegistration
from lms.users.models import Department, LiaisonScope, User

SIGN_INS = [
    "learner@demo.lacity.test",
    "liaison@demo.lacity.test",
    "ore@demo.lacity.test",
    "admin@demo.lacity.test",
]


def _counts():
    return (
        User.objects.count(),
        Department.objects.count(),
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        Requirement.objects.count(),
        LessonProgress.objects.count(),
        CourseCompletion.objects.count(),
        LiaisonScope.objects.count(),
        Assignment.objects.count(),
        Exemption.objects.count(),
        LiveSession.objects.count(),
        SessionRegistration.objects.count(),
    )


@pytest.mark.django_db
def test_seed_demo_loads_the_city_and_is_idempotent(capsys, client):
    call_command("seed_demo", employees=300)
    output = capsys.readouterr().out
    for email in SIGN_INS:
        assert email in output
        assert authenticate(username=email, password="equity-demo-2026") is not None, email
    first = _counts()
    assert first[0] == 300 + 4
    assert first[1] == 44  # every department of the reference list, and no more
    foundations = CoursePage.objects.get(title="Implicit Bias: Foundations")
    lessons = LessonPage.objects.child_of(foundations).live()
    assert lessons.count() == 4
    assert all(len(lesson.body) >= 3 for lesson in lessons)
    assert CourseCompletion.objects.exists()
    learner = User.objects.get(email="learner@demo.lacity.test")
    assert not LessonProgress.objects.filter(user=learner).exists()
    # General Services shows a realistic mix: every status, a recurring requirement, sessions.
    gsd = Assignment.objects.filter(department__code="GSD", is_current=True)
    assert set(gsd.values_list("status", flat=True)) >= {
        "completed_on_time",
        "overdue",
        "not_started",
        "exempt",
    }
    assert Requirement.objects.filter(recurrence_months__isnull=False).exists()
    assert Assignment.objects.filter(cycle=2).exists()  # someone's renewal is open
    assert LiveSession.objects.filter(department__code="GSD").count() == 2
    assert SessionRegistration.objects.filter(status="waitlisted").exists()
    assert CourseCompletion.objects.exclude(evidence="").exists()  # attendance recorded
    # Every image, English and Spanish, is described (one seed for the whole check: seeding
    # is the slow part of these tests).
    for lesson in LessonPage.objects.all():
        for block in lesson.body:
            if block.block_type == "image":
                assert len(block.value["alt_text"]) > 40, lesson.title
    # The demo learner has a live session coming up on My learning.
    client.force_login(learner)
    assert (
        "Equity in Everyday Decisions: citywide virtual session"
        in client.get("/learn/").content.decode()
    )

    # One packaged lesson of each kind, written for the demo, with the course in Spanish too,
    # required of General Services.
    partner = CoursePage.objects.get(slug="partner-city-courses", locale__language_code="en")
    kinds = [
        lesson.package.current_version.kind
        for lesson in LessonPage.objects.child_of(partner).live().order_by("path")
    ]
    assert kinds == ["scorm12", "scorm2004", "cmi5"]
    assert partner.get_translation(Locale.objects.get(language_code="es")).title == (
        "Cursos de ciudades asociadas"
    )
    assert Assignment.objects.filter(
        requirement__course=partner, department__code="GSD", user=learner
    ).exists()

    call_command("seed_demo", employees=300)
    assert _counts() == first

    # A smaller demo over this one would deactivate most of the city: refused, nothing changes.
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already holds a larger demo city"):
        call_command("seed_demo", employees=0)
    assert _counts() == first
    assert User.objects.filter(is_active=True).count() == 300 + 4


@pytest.mark.django_db
def test_seed_demo_refuses_a_silly_size(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--employees"):
        call_command("seed_demo", employees=-1)
    assert not User.objects.exists()
