"""The day a change is marked from: the compliance engine marks a requirement dirty from the
earliest day whose figures a change can move, and no earlier, so the incremental run after it
recomputes as few fiscal years as it can and still agrees, cell for cell, with a full run."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from analytics.pipeline import services
from analytics.pipeline.models import AnalyticsRun, DirtyMark, SnapshotSlice
from analytics.pipeline.selectors import visible_cells_frame
from courses.compliance.assignments import assignments_mark_stale, assignments_refresh_stale
from courses.learning.models import CourseCompletion, LessonProgress
from courses.learning.services import enrollment_ensure
from lms.fiscal import fiscal_year_of
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def at(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


@pytest.fixture
def city(department, other_department, course):
    """A yearly requirement in force for three fiscal years: people who completed long ago
    (and are in their second cycle), people who never did, in two departments."""
    requirement = RequirementFactory(
        course=course,
        effective_on=today() - timedelta(days=800),
        due_on=None,
        due_days_after_entry=30,
        recurrence_months=12,
    )
    people = {}
    for name, days_ago in (("old", 500), ("older", 700), ("open", None), ("idle", None)):
        for where in (department, other_department):
            person = UserFactory(department=where, hired_on=today() - timedelta(days=900))
            if days_ago is not None:
                CourseCompletion.objects.create(
                    user=person, course=course, completed_at=at(today() - timedelta(days=days_ago))
                )
            people.setdefault(name, []).append(person)
    # Hired ten days ago: not started, due in twenty days.
    people["new"] = [UserFactory(department=department, hired_on=today() - timedelta(days=10))]
    compliance_refresh()
    services.analytics_run_full()
    return requirement, people


def cells():
    return visible_cells_frame().drop(columns=["run_id", "computed_at"]).reset_index(drop=True)


def refresh_then_compare_with_a_full_run(requirement) -> set[str]:
    """The engine's refresh and the incremental run it queues, then a full run: the cells must
    not move. Returns the slices the incremental run recomputed."""
    assignments_refresh_stale(as_of=today())
    run = services.analytics_refresh_dirty(as_of=today())
    recomputed = set(SnapshotSlice.objects.filter(run=run).values_list("key", flat=True))
    incremental = cells()
    services.analytics_run_full()
    full = cells()
    assert len(full) > 0
    assert incremental.equals(full)
    assert run is None or run.kind == "incremental"
    return recomputed


def key(requirement, day):
    return f"req{requirement.pk}-fy{fiscal_year_of(day)}"


def test_a_completion_today_recomputes_this_fiscal_year_only(city, course):
    requirement, people = city
    person = people["open"][0]
    CourseCompletion.objects.create(user=person, course=course, completed_at=timezone.now())
    assignments_mark_stale(user_ids=[person.pk])
    # The person's cycle opened two fiscal years ago: the engine used to mark it from then.
    assert fiscal_year_of(requirement.effective_on) < fiscal_year_of(today())
    assert refresh_then_compare_with_a_full_run(requirement) == {key(requirement, today())}


def test_a_completion_dated_in_an_earlier_year_recomputes_from_that_year(city, course):
    requirement, people = city
    person = people["open"][1]
    earlier = today() - timedelta(days=400)
    CourseCompletion.objects.create(user=person, course=course, completed_at=at(earlier))
    assignments_mark_stale(user_ids=[person.pk])
    recomputed = refresh_then_compare_with_a_full_run(requirement)
    assert key(requirement, earlier) in recomputed


def test_a_withdrawn_completion_recomputes_from_its_day(city):
    requirement, people = city
    person = people["old"][0]
    completion = CourseCompletion.objects.get(user=person)
    completion.delete()
    assignments_mark_stale(user_ids=[person.pk])
    recomputed = refresh_then_compare_with_a_full_run(requirement)
    assert key(requirement, timezone.localdate(completion.completed_at)) in recomputed


def test_a_move_to_another_department_recomputes_from_the_cycle_opening(city, other_department):
    requirement, people = city
    person = people["older"][0]
    person.department = other_department
    person.department_since = today() - timedelta(days=3)
    person.save()
    assignments_mark_stale(user_ids=[person.pk])
    assert refresh_then_compare_with_a_full_run(requirement)


def test_leaving_the_audience_agrees_with_a_full_run(city):
    requirement, people = city
    person = people["idle"][1]
    person.is_active = False
    person.save()
    assignments_mark_stale(user_ids=[person.pk])
    assert refresh_then_compare_with_a_full_run(requirement)


def test_starting_the_course_moves_no_figure_and_queues_no_run(city, course, lessons):
    requirement, people = city
    person = people["new"][0]
    run = enrollment_ensure(user=person, course=course).current_run
    LessonProgress.objects.create(
        user=person, lesson=lessons[0], course=course, run=run, completed_at=timezone.now()
    )
    assignments_mark_stale(user_ids=[person.pk])
    runs = AnalyticsRun.objects.count()
    report = assignments_refresh_stale(as_of=today())
    # The status moved (not started → in progress), which analytics does not read.
    assert report.transitions == {"not_started → in_progress": 1}
    assert not DirtyMark.objects.exists()
    assert AnalyticsRun.objects.count() == runs
    assert refresh_then_compare_with_a_full_run(requirement) == set()
