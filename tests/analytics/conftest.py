"""Fixtures shared by the analytics tests."""

import pytest

from courses.learning.services import lesson_complete
from tests.factories import UserFactory, compliance_refresh


@pytest.fixture
def staffed(department, other_department, learner, requirement, lessons):
    """Five people in GSD (the learner done), three in LAPL (one done), with their stored
    assignments; people made by fixtures requested earlier are in the audience too."""
    for _ in range(4):
        UserFactory(department=department)
    others = [UserFactory(department=other_department) for _ in range(3)]
    compliance_refresh()
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
        lesson_complete(user=others[0], lesson=lesson)
    compliance_refresh()
    return requirement
