"""SCORM 2004 on the server: forced sequential order, global objectives, the post-test whose
result satisfies the course, and the navigation requests a SCO sends."""

import pytest
from django.test import RequestFactory

from courses.learning.models import LessonProgress
from courses.packages import runtime
from courses.packages.importing import package_import
from courses.packages.player import navigation_url, player_context
from tests.courses.packages.builders import sample_zip

pytestmark = pytest.mark.django_db


def _lesson(tmp_path, course, name):
    lesson = package_import(file=sample_zip(tmp_path, name), course=course)
    items = {
        item.identifier: item
        for item in lesson.package.current_version.items.filter(is_launchable=True)
    }
    return lesson, items


def _finish(user, lesson, item, values):
    attempt = runtime.attempt_for(user=user, lesson=lesson, item=item)
    return runtime.attempt_commit(
        attempt_id=attempt.pk, user=user, revision=attempt.revision, values=values, finish=True
    )


def _page(user, lesson, **query):
    request = RequestFactory().get(lesson.url, query)
    request.user = user
    return player_context(lesson, request)["package_player"]


def _done(user, lesson):
    return LessonProgress.objects.filter(user=user, lesson=lesson).exists()


@pytest.mark.parametrize("sample", ["scorm2004_3rd", "scorm2004_4th"])
def test_forced_order_and_post_test_rollup(tmp_path, course, learner, sample):
    lesson, items = _lesson(tmp_path, course, sample)
    page = _page(learner, lesson)
    assert page["item"].identifier == "MODULE-1"
    # No choice: the table of contents offers nothing to choose. Continue is offered where
    # module 2 is open (in the 4th Edition sample it waits for module 1 to be passed).
    assert not any(row.get("url") for row in page["toc"])
    assert bool(page["continue_url"]) == (sample == "scorm2004_3rd")
    assert page["config"]["navValid"] == {
        "continue": "true" if sample == "scorm2004_3rd" else "false",
        "previous": "false",
    }
    # Asking for the post-test directly is refused; the page stays at module 1.
    page = _page(learner, lesson, nav="choice", item="POST-TEST")
    assert page["item"].identifier == "MODULE-1"
    assert page["notice"]
    done = {"cmi.completion_status": "completed", "cmi.success_status": "passed"}
    _finish(learner, lesson, items["MODULE-1"], {**done, "adl.nav.request": "continue"})
    assert _page(learner, lesson, nav="continue", **{"from": "MODULE-1"})["item"].identifier == (
        "MODULE-2"
    )
    _finish(learner, lesson, items["MODULE-2"], {"cmi.completion_status": "completed"})
    assert not _done(learner, lesson)
    # A failed post-test: completed, not satisfied.
    attempt = _finish(
        learner,
        lesson,
        items["POST-TEST"],
        {"cmi.completion_status": "completed", "cmi.score.scaled": "0.5"},
    )
    assert attempt.success_status == "failed"
    assert not _done(learner, lesson)
    # The passing score (0.8, from the manifest) decides, not the SCO's own success_status.
    attempt = _finish(
        learner,
        lesson,
        items["POST-TEST"],
        {"cmi.score.scaled": "0.85", "cmi.success_status": "failed"},
    )
    assert attempt.success_status == "passed"
    assert _done(learner, lesson)


def test_4th_edition_module_2_is_disabled_until_module_1_is_passed(tmp_path, course, learner):
    lesson, items = _lesson(tmp_path, course, "scorm2004_4th")
    # Module 1 completed but not passed: the global objective is not satisfied.
    _finish(learner, lesson, items["MODULE-1"], {"cmi.completion_status": "completed"})
    page = _page(learner, lesson, nav="continue", **{"from": "MODULE-1"})
    assert page["notice"]
    assert page["item"].identifier == "MODULE-1"
    _finish(learner, lesson, items["MODULE-1"], {"cmi.success_status": "passed"})
    page = _page(learner, lesson, nav="continue", **{"from": "MODULE-1"})
    assert page["item"].identifier == "MODULE-2"


def test_a_navigation_request_sends_the_player_on(tmp_path, course, learner):
    lesson, items = _lesson(tmp_path, course, "scorm2004_3rd")
    attempt = _finish(
        learner,
        lesson,
        items["MODULE-1"],
        {"cmi.completion_status": "completed", "adl.nav.request": "continue"},
    )
    request = RequestFactory().post("/")
    assert navigation_url(attempt=attempt, request=request) == (
        f"{lesson.url}?nav=continue&from=MODULE-1"
    )
    attempt.nav_request = "exitAll"
    assert navigation_url(attempt=attempt, request=request) == f"{lesson.url}?left=exitAll"
    attempt.nav_request = "_none_"
    assert navigation_url(attempt=attempt, request=request) == ""


def test_2004_launch_values_carry_the_manifest_settings(tmp_path, course, learner):
    lesson, items = _lesson(tmp_path, course, "scorm2004_3rd")
    attempt = runtime.attempt_for(user=learner, lesson=lesson, item=items["POST-TEST"])
    values = runtime.launch_values(attempt=attempt, user=learner, language="es")
    assert values["cmi.scaled_passing_score"] == "0.8"
    assert values["cmi.entry"] == "ab-initio"
    assert values["cmi.learner_preference.language"] == "es"
    assert values["cmi.learner_name"] == learner.get_full_name()


def test_a_global_objective_stays_satisfied_when_a_new_attempt_starts(tmp_path, course, learner):
    lesson, items = _lesson(tmp_path, course, "scorm2004_4th")
    first = _finish(
        learner,
        lesson,
        items["MODULE-1"],
        {"cmi.completion_status": "completed", "cmi.success_status": "passed"},
    )
    # Module 1 opened again after a normal exit of a completed attempt: a new attempt.
    second = runtime.attempt_for(user=learner, lesson=lesson, item=items["MODULE-1"])
    assert second.number == first.number + 1
    page = _page(learner, lesson, nav="continue", **{"from": "MODULE-1"})
    assert page["item"].identifier == "MODULE-2"


def test_the_player_hides_the_controls_the_sco_offers_itself(tmp_path, course, learner):
    lesson, items = _lesson(tmp_path, course, "scorm2004_3rd")
    assert _page(learner, lesson)["continue_url"]
    module = items["MODULE-1"]
    module.data["hide_lms_ui"] = ["continue", "suspendAll"]  # adlnav:hideLMSUI, as imported
    module.save()
    page = _page(learner, lesson)
    assert page["item"].identifier == "MODULE-1"
    assert page["continue_url"] == ""
    assert page["suspend_url"] == ""
    assert page["exit_url"]
