"""Durations, scores and status by the rules of each SCORM version: pure functions."""

import pytest

from courses.packages import scoring


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("00:01:30", 90),
        ("0001:00:00.50", 3600.5),
        ("PT1H2M3.5S", 3723.5),
        ("PT45S", 45),
        ("P1DT1S", 86401),
        ("", None),
        ("90", None),
        ("PT", None),
        ("P", None),
        ("00:61:00", None),
    ],
)
def test_duration_seconds(value, seconds):
    assert scoring.duration_seconds(value) == seconds


def test_scorm12_completed_without_a_score_is_done():
    result = scoring.scorm12_result(
        {"cmi.core.lesson_status": "completed"}, mastery_score=None, pass_mark=80
    )
    assert result.is_satisfied


def test_scorm12_pass_mark_on_the_score_range():
    values = {
        "cmi.core.lesson_status": "passed",
        "cmi.core.score.raw": "8",
        "cmi.core.score.min": "0",
        "cmi.core.score.max": "10",
    }
    assert scoring.scorm12_result(values, mastery_score=None, pass_mark=80).is_satisfied
    assert not scoring.scorm12_result(values, mastery_score=None, pass_mark=90).is_satisfied


def test_scorm12_no_credit_keeps_the_packages_status():
    values = {
        "cmi.core.lesson_status": "passed",
        "cmi.core.score.raw": "10",
        "cmi.core.credit": "no-credit",
    }
    assert scoring.scorm12_result(values, mastery_score=80, pass_mark=80).is_satisfied


def test_scorm2004_completion_threshold_and_progress_measure():
    values = {"cmi.completion_status": "incomplete", "cmi.progress_measure": "0.8"}
    result = scoring.scorm2004_result(
        values, completion_threshold=0.75, scaled_passing_score=None, pass_mark=80
    )
    assert result.completion_status == "completed"
    assert result.is_satisfied
    result = scoring.scorm2004_result(
        {"cmi.completion_status": "completed", "cmi.progress_measure": "0.5"},
        completion_threshold=0.75,
        scaled_passing_score=None,
        pass_mark=80,
    )
    assert not result.is_completed


def test_scorm2004_failed_is_not_done_even_when_completed():
    result = scoring.scorm2004_result(
        {"cmi.completion_status": "completed", "cmi.success_status": "failed"},
        completion_threshold=None,
        scaled_passing_score=None,
        pass_mark=80,
    )
    assert result.is_completed
    assert not result.is_satisfied
