"""Shared fixtures: one person per role, a department and another, a published course."""

import pytest
from django.contrib.auth.models import Group

from content.roles import ORE_ANALYSTS, ORE_EDITORS, ORE_LEADS, roles_ensure
from tests.factories import (
    DepartmentFactory,
    LiaisonScopeFactory,
    RequirementFactory,
    UserFactory,
    course_with_lessons,
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PACKAGE_ROOT = tmp_path / "package-files"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: database ids are reused between tests, so a page
    cached by one test must never answer for another (nor a rate limit carry over)."""
    from django.core.cache import cache, caches

    for each in (cache, caches["pages"]):
        each.clear()
    yield
    for each in (cache, caches["pages"]):
        each.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a language activated by one test never leaks into the next."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def department(db):
    return DepartmentFactory(code="GSD", name="General Services")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(code="LAPL", name="Library")


@pytest.fixture
def learner(department):
    return UserFactory(email="learner@example.lacity.test", department=department)


@pytest.fixture
def liaison(department):
    user = UserFactory(email="liaison@example.lacity.test", department=department)
    LiaisonScopeFactory(user=user, department=department)
    return user


@pytest.fixture
def other_liaison(other_department):
    user = UserFactory(email="other.liaison@example.lacity.test", department=other_department)
    LiaisonScopeFactory(user=user, department=other_department)
    return user


@pytest.fixture
def ore(db):
    groups = roles_ensure()
    user = UserFactory(email="ore@example.lacity.test", department=None)
    user.groups.add(groups[ORE_EDITORS], groups[ORE_LEADS], groups[ORE_ANALYSTS])
    return user


@pytest.fixture
def lead(groups):
    """An ORE lead and nothing else (`ore` holds all three ORE roles)."""
    user = UserFactory(email="lead@example.lacity.test", department=None)
    user.groups.add(groups[ORE_LEADS])
    return user


@pytest.fixture
def editor(groups):
    """An ORE editor and nothing else."""
    user = UserFactory(email="editor@example.lacity.test", department=None)
    user.groups.add(groups[ORE_EDITORS])
    return user


@pytest.fixture
def analyst(groups):
    """An ORE analyst and nothing else."""
    user = UserFactory(email="analyst@example.lacity.test", department=None)
    user.groups.add(groups[ORE_ANALYSTS])
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(
        email="admin@example.lacity.test", employee_id=None, is_staff=True, is_superuser=True
    )


@pytest.fixture
def course(db):
    course, _lessons = course_with_lessons(lessons=3)
    return course


@pytest.fixture
def lessons(course):
    from courses.learning.models import LessonPage

    return list(LessonPage.objects.child_of(course).live().order_by("path"))


@pytest.fixture
def requirement(course):
    return RequirementFactory(course=course, name="Implicit Bias: Foundations (all)")


@pytest.fixture
def groups(db):
    roles_ensure()
    return {group.name: group for group in Group.objects.all()}


def _integration_configured() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and bool(
        settings.CELERY_BROKER_URL
    )


def pytest_collection_modifyitems(config, items):
    """Integration tests need PostgreSQL and Redis: they run in the second CI pass, where
    DATABASE_URL and CELERY_BROKER_URL are set (see .ci/run), and are deselected otherwise.
    Tests of the embedded mode (tasks run in-process, no broker) run in the first pass only."""
    from django.conf import settings

    unwanted = "embedded" if settings.CELERY_BROKER_URL else None
    if not _integration_configured():
        unwanted = unwanted or "integration"
        wanted = [item for item in items if not item.get_closest_marker("integration")]
    else:
        wanted = items
    if unwanted == "embedded":
        wanted = [item for item in wanted if not item.get_closest_marker("embedded")]
    deselected = [item for item in items if item not in wanted]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = wanted


def pytest_report_header(config):
    if _integration_configured():
        return "integration: PostgreSQL + Redis configured, integration tests run"
    return "integration: deselected (set DATABASE_URL=postgres://... and CELERY_BROKER_URL=redis://...)"
