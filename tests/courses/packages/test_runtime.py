"""The SCORM runtime on the server: attempts, commits, status by each version's rules, the
lesson completed when the package says so, resume data, interactions, runs."""

import pytest

from courses.learning.models import LessonProgress
from courses.learning.services import course_retake_start
from courses.packages import runtime
from courses.packages.importing import package_import
from courses.packages.models import PackageAttempt, PackageInteraction
from courses.signals import package_result_recorded
from tests.courses.packages.builders import sample_zip

pytestmark = pytest.mark.django_db


def _lesson(tmp_path, course, name):
    lesson = package_import(file=sample_zip(tmp_path, name), course=course)
    items = list(lesson.package.current_version.items.filter(is_launchable=True))
    return lesson, items


def _done(user, lesson) -> bool:
    return LessonProgress.objects.filter(user=user, lesson=lesson).exists()


def test_scorm12_single_sco_completed_with_a_score_over_the_pass_mark_completes_the_lesson(
    tmp_path, course, learner
):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=0,
        values={"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "90"},
    )
    assert not _done(learner, lesson)
    attempt = runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=1,
        values={"cmi.core.lesson_status": "completed", "cmi.core.session_time": "00:01:30.50"},
        finish=True,
    )
    assert attempt.completion_status == "completed"
    assert attempt.success_status == "passed"
    assert attempt.score_raw == 90
    assert attempt.total_seconds == pytest.approx(90.5)
    assert attempt.satisfied_at is not None
    assert _done(learner, lesson)


def test_scorm12_score_under_the_course_pass_mark_does_not_count(tmp_path, course, learner):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    attempt = runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=0,
        values={"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "60"},
        finish=True,
    )
    assert attempt.success_status == "failed"
    assert attempt.satisfied_at is None
    assert not _done(learner, lesson)


def test_scorm12_mastery_score_decides_passed_or_failed(tmp_path, course, learner):
    lesson, [first, second] = _lesson(tmp_path, course, "scorm12_two_scos")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=second)
    attempt = runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=0,
        values={"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "70"},
    )
    assert attempt.completion_status == "failed"
    attempt = runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=1,
        values={"cmi.core.score.raw": "85"},
    )
    assert attempt.completion_status == "passed"
    # One of two SCOs done: the lesson is not.
    assert not _done(learner, lesson)
    other = runtime.attempt_for(user=learner, lesson=lesson, item=first)
    runtime.attempt_commit(
        attempt_id=other.pk, user=learner, revision=0, values={"cmi.core.lesson_status": "passed"}
    )
    assert _done(learner, lesson)


def test_two_commits_with_different_keys_lose_nothing(tmp_path, course, learner):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    # Two tabs, both at revision 0, each sending the keys it changed.
    runtime.attempt_commit(
        attempt_id=attempt.pk, user=learner, revision=0, values={"cmi.suspend_data": "tab-1"}
    )
    runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=0,
        values={"cmi.core.lesson_location": "page-7"},
    )
    attempt.refresh_from_db()
    assert attempt.cmi["cmi.suspend_data"] == "tab-1"
    assert attempt.cmi["cmi.core.lesson_location"] == "page-7"
    assert attempt.suspend_data == "tab-1"
    assert attempt.location == "page-7"
    assert attempt.revision == 2


def test_suspend_and_resume_gives_the_stored_data_back(tmp_path, course, learner):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=0,
        values={
            "cmi.core.lesson_location": "page-2",
            "cmi.suspend_data": "visited=1,2",
            "cmi.core.exit": "suspend",
            "cmi.core.session_time": "00:00:10",
        },
        finish=True,
    )
    again = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    assert again.pk == attempt.pk
    values = runtime.launch_values(attempt=again, user=learner, language="es")
    assert values["cmi.core.entry"] == "resume"
    assert values["cmi.core.lesson_location"] == "page-2"
    assert values["cmi.suspend_data"] == "visited=1,2"
    assert values["cmi.core.total_time"] == "0000:00:10.00"
    assert values["cmi.student_preference.language"] == "es"
    assert values["cmi.core.student_id"] == runtime.learner_id(learner)
    assert learner.email not in str(values)


def test_a_normal_exit_of_a_completed_attempt_starts_a_new_attempt(tmp_path, course, learner):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=0,
        values={"cmi.core.lesson_status": "completed", "cmi.core.exit": ""},
        finish=True,
    )
    again = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    assert again.number == 2
    assert (
        runtime.launch_values(attempt=again, user=learner, language="en")["cmi.core.entry"]
        == "ab-initio"
    )


def test_a_retake_of_the_course_starts_over_and_keeps_the_old_attempts(tmp_path, course, learner):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    # The course's native lessons done too, so the course completes.
    from courses.learning.models import LessonPage
    from courses.learning.services import lesson_complete

    for other in LessonPage.objects.child_of(course).live().exclude(pk=lesson.pk):
        lesson_complete(user=learner, lesson=other)
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=0,
        values={"cmi.core.lesson_status": "passed", "cmi.core.exit": "suspend"},
        finish=True,
    )
    course_retake_start(user=learner, course=course)
    fresh = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    assert (fresh.run, fresh.number, fresh.revision) == (2, 1, 0)
    assert PackageAttempt.objects.filter(user=learner, item=item).count() == 2


def test_interactions_are_recorded_and_replaced_by_index(tmp_path, course, learner):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    values = {
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.type": "choice",
        "cmi.interactions.0.student_response": "a",
        "cmi.interactions.0.result": "wrong",
        "cmi.interactions.0.latency": "00:00:05",
        "cmi.interactions.0.correct_responses.0.pattern": "b",
    }
    runtime.attempt_commit(attempt_id=attempt.pk, user=learner, revision=0, values=values)
    runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=1,
        values={"cmi.interactions.0.student_response": "b", "cmi.interactions.0.result": "correct"},
    )
    [interaction] = PackageInteraction.objects.filter(attempt=attempt)
    assert interaction.interaction_id == "q1"
    assert interaction.learner_response == "b"
    assert interaction.result == "correct"
    assert interaction.correct_responses == ["b"]
    assert interaction.latency_seconds == 5


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"cmi.core.lesson_status": ["completed"]}, "must be text or a number"),
        ({"lms.secret": "x"}, "is not a SCORM data model element"),
        ({"cmi.suspend_data": "x" * 5000}, "longer than 4096"),
        ({"cmi.core._children": "x"}, "is not a SCORM data model element"),
    ],
)
def test_a_bad_commit_is_refused_and_changes_nothing(tmp_path, course, learner, values, message):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    with pytest.raises(runtime.CommitInvalid, match=message):
        runtime.attempt_commit(
            attempt_id=attempt.pk,
            user=learner,
            revision=0,
            values={"cmi.core.lesson_location": "p1", **values},
        )
    attempt.refresh_from_db()
    assert (attempt.revision, attempt.cmi, attempt.location) == (0, {}, "")


def test_values_the_lms_sets_are_not_taken_from_a_commit(tmp_path, course, learner):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    attempt = runtime.attempt_commit(
        attempt_id=attempt.pk,
        user=learner,
        revision=0,
        values={"cmi.core.student_name": "Person, Test", "cmi.core.total_time": "9999:00:00"},
    )
    assert attempt.cmi == {}


def test_someone_elses_attempt_cannot_be_committed(tmp_path, course, learner, liaison):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    with pytest.raises(PackageAttempt.DoesNotExist):
        runtime.attempt_commit(
            attempt_id=attempt.pk,
            user=liaison,
            revision=0,
            values={"cmi.core.lesson_status": "completed"},
        )


def test_a_result_change_sends_package_result_recorded(tmp_path, course, learner):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    received = []

    def receiver(sender, attempt, **kwargs):
        received.append((attempt.completion_status, attempt.score_raw))

    package_result_recorded.connect(receiver)
    try:
        runtime.attempt_commit(
            attempt_id=attempt.pk,
            user=learner,
            revision=0,
            values={"cmi.suspend_data": "nothing about the result"},
        )
        runtime.attempt_commit(
            attempt_id=attempt.pk,
            user=learner,
            revision=1,
            values={"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "95"},
        )
    finally:
        package_result_recorded.disconnect(receiver)
    assert received == [("completed", 95.0)]


def test_a_commit_takes_a_fixed_number_of_queries(
    tmp_path, course, learner, django_assert_max_num_queries
):
    lesson, [item] = _lesson(tmp_path, course, "scorm12_single")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=item)
    values = {f"cmi.interactions.{n}.id": f"q{n}" for n in range(3)}
    runtime.attempt_commit(attempt_id=attempt.pk, user=learner, revision=0, values=values)
    # A routine commit (the package's place) while the lesson is not done yet.
    with django_assert_max_num_queries(7):
        runtime.attempt_commit(
            attempt_id=attempt.pk,
            user=learner,
            revision=1,
            values={"cmi.core.lesson_location": "page-3"},
        )
