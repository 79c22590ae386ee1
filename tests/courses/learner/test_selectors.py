from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from courses.learner.selectors import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    OVERDUE,
    compliance_status,
    learning_list_for_user,
    requirement_list_for_user,
)
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

DUE = date(2027, 6, 30)
DONE_AT = datetime(2027, 1, 2, tzinfo=timezone.get_fixed_timezone(0))


@pytest.mark.parametrize(
    ("completed_at", "started", "as_of", "expected"),
    [
        (DONE_AT, True, date(2027, 7, 5), COMPLETED),
        (None, True, date(2027, 6, 30), IN_PROGRESS),
        (None, False, date(2027, 6, 30), NOT_STARTED),
        (None, True, date(2027, 7, 1), OVERDUE),
        (None, False, date(2027, 7, 1), OVERDUE),
    ],
)
def test_compliance_status(completed_at, started, as_of, expected):
    assert (
        compliance_status(completed_at=completed_at, has_started=started, due_on=DUE, as_of=as_of)
        == expected
    )


@pytest.mark.django_db
def test_requirements_reach_their_audience_only(course, department, other_department):
    everyone = RequirementFactory(course=course, name="everyone")
    library = RequirementFactory(course=course, name="library")
    library.departments.add(other_department)
    retired = RequirementFactory(course=course, name="retired", is_active=False)
    gsd_person = UserFactory(department=department)
    library_person = UserFactory(department=other_department)
    compliance_refresh()
    assert list(requirement_list_for_user(user=gsd_person)) == [everyone]
    assert set(requirement_list_for_user(user=library_person)) == {everyone, library}
    assert retired not in requirement_list_for_user(user=library_person)


@pytest.mark.django_db
def test_learning_list_puts_required_first_by_due_date(
    learner, course, django_assert_max_num_queries
):
    from tests.factories import course_with_lessons

    later_course, _ = course_with_lessons(lessons=2, title="Later")
    RequirementFactory(course=later_course, due_on=timezone.localdate() + timedelta(days=90))
    RequirementFactory(course=course, due_on=timezone.localdate() + timedelta(days=10))
    compliance_refresh()
    with django_assert_max_num_queries(6):
        items = learning_list_for_user(user=learner, as_of=timezone.localdate())
    assert [item.course.pk for item in items] == [course.pk, later_course.pk]
    assert items[0].next_lesson is not None
