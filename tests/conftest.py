"""Shared fixtures: one person per role, a department and another, a published course."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from content.roles import ORE_ANALYSTS, ORE_EDITORS, ORE_LEADS, roles_ensure
from tests.factories import (
    DepartmentFactory,
    LiaisonScopeFactory,
    RequirementFactory,
    UserFactory,
    course_with_lessons,
)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's set-up, except that each process's test database is a copy of one
    migrated template (tests/database_template.py) instead of being migrated itself."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests import database_template

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        state = None
        if django_db_use_migrations:
            state = database_template.setup_databases(
                rebuild=django_db_createdb, serialize="default" in serialized_aliases
            )
        if state is None:
            config = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=django_db_keepdb and not django_db_createdb,
            )
    yield
    with django_db_blocker.unblock():
        if state is not None:
            database_template.teardown_databases(state, keepdb=django_db_keepdb)
        elif not django_db_keepdb:
            teardown_databases(config, verbosity=request.config.option.verbose)


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


_TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def _no_open_transaction_around(item) -> bool:
    """Whether a test cannot run inside a transaction kept open around it: it commits, or it
    is a Django TestCase class (which closes the connection after its last test)."""
    from pytest_django.fixtures import validate_django_db
    from pytest_django.plugin import is_django_unittest

    if is_django_unittest(item):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transactional, *_options = validate_django_db(marker)
        if transactional:
            return True
    return bool(_TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.fixture(scope="module")
def _course_of_the_module(request, django_db_setup, django_db_blocker):
    """The `course` fixture's course, made once per test module: publishing a course and its
    lessons through Wagtail took two-thirds of the suite's CPU (py-spy) when every test made
    its own.

    The course is made in a transaction opened before the module's first test that needs it
    and rolled back after the module's last test; each test runs in a savepoint inside it (the
    `db` fixture), so what a test changes is undone as before, the course included. A module
    with a test that commits (transaction=True, live_server) or a Django TestCase class makes
    a course per test instead."""
    module_items = [item for item in request.session.items if item.module is request.module]
    if any(_no_open_transaction_around(item) for item in module_items):
        yield None
        return
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        course, _lessons = course_with_lessons(lessons=3)
    try:
        yield course.pk
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


@pytest.fixture
def course(_course_of_the_module, db):
    from courses.learning.models import CoursePage

    if _course_of_the_module is None:
        return course_with_lessons(lessons=3)[0]
    return CoursePage.objects.get(pk=_course_of_the_module)


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
