"""The statements the LMS writes for every completion: lesson done, course completed, knowledge
check attempt, live-session attendance, a SCORM package's result. Stable ids (the same record
twice is one statement), opaque actors, activities named in English and Spanish, and a fixed
number of queries for bulk attendance."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.learning.models import CourseCompletion, LessonProgress
from courses.learning.services import course_completion_record, lesson_complete
from courses.sessions.models import LiveSession, SessionMode
from courses.sessions.services import attendance_record, session_register_people
from courses.signals import courses_completed, lesson_completed, package_result_recorded
from courses.xapi.ids import statement_id_for
from courses.xapi.models import Statement
from tests.courses.learning.test_checks import (
    add_lesson,
    checks_of,
    right_answers,
    submit,
    wrong_answers,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADL = "http://adlnet.gov/expapi/verbs/"


def statements(verb=None):
    queryset = Statement.objects.order_by("pk")
    if verb:
        queryset = queryset.filter(verb_id=ADL + verb)
    return [row.payload for row in queryset]


def test_a_lesson_done_is_a_completed_statement_with_a_stable_id(learner, course, lessons):
    progress, _completion = lesson_complete(user=learner, lesson=lessons[0])
    [statement] = statements()
    assert statement["id"] == str(statement_id_for("lesson-done", progress.pk))
    assert statement["verb"]["id"] == ADL + "completed"
    assert statement["actor"]["account"]["name"] == f"user-{learner.pk}"
    assert learner.email not in str(statement)
    assert learner.first_name not in str(statement)
    assert statement["object"]["id"].endswith(f"/courses/{course.slug}/lessons/{lessons[0].slug}")
    assert statement["object"]["definition"]["name"]["en-US"] == lessons[0].title
    assert statement["context"]["contextActivities"]["parent"][0]["id"].endswith(
        f"/courses/{course.slug}"
    )
    # the same lesson again, and the same signal sent twice: still one statement
    lesson_complete(user=learner, lesson=lessons[0])
    lesson_completed.send(sender=LessonProgress, progress=progress)
    assert Statement.objects.count() == 1


def test_a_course_completed(learner, course, lessons):
    for lesson in lessons:
        _progress, completion = lesson_complete(user=learner, lesson=lesson)
    assert completion is not None
    [statement] = statements("completed")[-1:]
    assert statement["object"]["id"].endswith(f"/courses/{course.slug}")
    assert statement["id"] == str(statement_id_for("course-completed", completion.pk))
    assert statement["result"]["completion"] is True
    assert len(statements("completed")) == len(lessons) + 1
    courses_completed.send(sender=CourseCompletion, completions=[completion])
    assert len(statements("completed")) == len(lessons) + 1


def test_course_names_in_english_and_spanish(learner, course, lessons):
    from wagtail.models import Locale

    spanish = course.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.title = "Sesgo implícito: fundamentos"
    spanish.save_revision().publish()
    completion = course_completion_record(user=learner, course=course)
    [statement] = statements("completed")
    assert statement["id"] == str(statement_id_for("course-completed", completion.pk))
    assert statement["object"]["definition"]["name"] == {
        "en-US": course.title,
        "es": "Sesgo implícito: fundamentos",
    }


def test_knowledge_check_attempts_pass_and_fail(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    failed = submit(learner, lesson, check, wrong_answers(check), 1).attempt
    passed = submit(learner, lesson, check, right_answers(check), 2).attempt
    [fail_statement] = statements("failed")
    [pass_statement] = statements("passed")
    assert fail_statement["id"] == str(statement_id_for("check-attempt", failed.pk))
    assert fail_statement["result"]["score"] == {"scaled": 0.0, "raw": 0, "min": 0, "max": 100}
    assert fail_statement["result"]["success"] is False
    assert pass_statement["id"] == str(statement_id_for("check-attempt", passed.pk))
    assert pass_statement["result"]["score"]["scaled"] == 1.0
    assert pass_statement["object"]["id"].endswith(f"/lessons/{lesson.slug}/checks/{check.id}")


START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
BEFORE = START - timedelta(days=7)
DURING = START + timedelta(hours=1)


def _session(course, starts=START):
    return LiveSession.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        mode=SessionMode.IN_PERSON,
        location="City Hall",
        capacity=40,
        title_es="Sesión en persona",
    )


def test_attendance_is_attended_and_completed_statements(ore, course):
    session = _session(course)
    people = UserFactory.create_batch(3)
    with time_machine.travel(BEFORE, tick=False):
        session_register_people(actor=ore, session=session, user_ids=[p.pk for p in people])
    with time_machine.travel(DURING, tick=False):
        result = attendance_record(
            actor=ore, session=session, user_ids=[p.pk for p in people], as_of=DURING
        )
    attended = statements("attended")
    assert len(attended) == 3
    assert {s["id"] for s in attended} == {
        str(statement_id_for("attended", r.pk)) for r in result.recorded
    }
    assert attended[0]["object"]["id"].endswith(f"/courses/{course.slug}/sessions/{session.pk}")
    assert attended[0]["object"]["definition"]["name"]["es"] == "Sesión en persona"
    completed = statements("completed")
    assert len(completed) == 3
    evidence = next(iter(completed[0]["context"]["extensions"].values()))
    assert evidence.startswith(f"Attended live session {session.pk}")
    # recording the same attendance again writes nothing new
    with time_machine.travel(DURING, tick=False):
        attendance_record(actor=ore, session=session, user_ids=[p.pk for p in people], as_of=DURING)
    assert Statement.objects.count() == 6


def test_bulk_attendance_statements_take_a_fixed_number_of_queries(ore, course):
    counts = {}
    for size in (2, 20):
        session = _session(course)
        people = UserFactory.create_batch(size)
        with time_machine.travel(BEFORE, tick=False):
            session_register_people(actor=ore, session=session, user_ids=[p.pk for p in people])
        caches["pages"].clear()  # the pages' names are read on each size's first run alike
        with time_machine.travel(DURING, tick=False), CaptureQueriesContext(connection) as queries:
            attendance_record(
                actor=ore, session=session, user_ids=[p.pk for p in people], as_of=DURING
            )
        counts[size] = len(queries)
        assert Statement.objects.filter(verb_id=ADL + "attended").count() == (
            2 if size == 2 else 22
        )
    assert counts[2] == counts[20]


def test_a_scorm_result_once_per_distinct_result(learner, course, lessons):
    from django.utils import timezone

    from courses.packages.models import (
        Package,
        PackageAttempt,
        PackageItem,
        PackageKind,
        PackageVersion,
    )

    now = timezone.now()
    package = Package.objects.create(title="Vendor course", created_at=now)
    version = PackageVersion.objects.create(
        package=package,
        number=1,
        kind=PackageKind.choices[0][0],
        edition="1.2",
        identifier="vendor",
        title="Vendor course",
        sha256="0" * 64,
        file_count=1,
        size_bytes=1,
        imported_at=now,
    )
    item = PackageItem.objects.create(version=version, identifier="sco1", title="SCO one", order=1)
    attempt = PackageAttempt.objects.create(
        user=learner,
        item=item,
        version=version,
        course=course,
        lesson=lessons[0],
        started_at=now,
        updated_at=now,
    )
    package_result_recorded.send(sender=PackageAttempt, attempt=attempt)
    assert not Statement.objects.exists()  # nothing to report yet
    attempt.completion_status, attempt.success_status = "completed", "passed"
    attempt.score_raw, attempt.score_min, attempt.score_max, attempt.score_scaled = 85, 0, 100, 0.85
    package_result_recorded.send(sender=PackageAttempt, attempt=attempt)
    package_result_recorded.send(sender=PackageAttempt, attempt=attempt)
    [statement] = statements("passed")
    assert statement["result"] == {
        "completion": True,
        "success": True,
        "score": {"scaled": 0.85, "raw": 85, "min": 0, "max": 100},
    }
    assert statement["object"]["definition"]["name"] == {"en-US": "SCO one"}
    # a cmi5 AU's result is told by the AU's own statements: nothing written here
    package_result_recorded.send(sender=PackageAttempt, au_state=object())
    assert Statement.objects.count() == 1


def test_a_statement_that_cannot_be_stored_never_breaks_the_completion(
    learner, course, lessons, monkeypatch, caplog
):
    from courses.xapi import lms_statements

    def broken(progress, names):
        return {"id": str(uuid.uuid4()), "actor": {}, "verb": {}, "object": {}}

    monkeypatch.setattr(lms_statements, "lesson_done_statement", broken)
    progress, _completion = lesson_complete(user=learner, lesson=lessons[0])
    assert LessonProgress.objects.filter(pk=progress.pk).exists()
    assert not Statement.objects.exists()
    assert "not stored" in caplog.text


def test_statement_ids_are_stable_and_distinct():
    assert statement_id_for("lesson-done", 1) == statement_id_for("lesson-done", 1)
    assert statement_id_for("lesson-done", 1) != statement_id_for("course-completed", 1)
    assert statement_id_for("a", 1, 2) != statement_id_for("a", 2, 1)
    assert statement_id_for("a", 1).version == 5
    with time_machine.travel("2030-01-01"):
        assert statement_id_for("lesson-done", 1) == statement_id_for("lesson-done", 1)
