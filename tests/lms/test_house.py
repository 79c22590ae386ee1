"""The shape of the house (CONTRIBUTING.md): feature packages find their templates, page models
find what they show through page hooks, services find tasks by name, and the paths migrations
name still import the objects they named."""

from collections import Counter
from pathlib import Path

import pytest
from celery.exceptions import NotRegistered
from django.template.loader import get_template
from wagtail import hooks

from lms.celery import app
from lms.page_hooks import page_hook
from lms.queueing import task_named
from lms.template_loaders import feature_template_dirs

PROJECT = Path(__file__).resolve().parents[2]


def test_a_feature_package_template_is_found_under_its_old_name():
    origin = Path(get_template("courses/sessions/list.html").origin.name)
    assert origin == (PROJECT / "courses/sessions/templates/courses/sessions/list.html").resolve()


def test_no_two_template_folders_hold_the_same_template_name():
    """A name found twice would be served from whichever folder comes first."""
    folders = [
        *feature_template_dirs(),
        *PROJECT.glob("*/templates"),
        *PROJECT.glob("*/*/templates"),
    ]
    names = Counter(
        str(path.relative_to(folder))
        for folder in set(folders)
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file()
    )
    assert [name for name, count in names.items() if count > 1] == []


def test_every_page_hook_the_page_models_call_has_exactly_one_function():
    for name in (
        "courses_course_page_context",
        "courses_lesson_page_context",
        "courses_lesson_page_response",
        "content_glossary_index_routed",
        "content_glossary_index_context",
        "content_glossary_history_context",
        "content_glossary_entry_may_serve",
        "content_glossary_entry_context",
        "content_term_replacement_redirect",
        "content_resource_library_context",
        "content_resource_page_context",
    ):
        assert callable(page_hook(name))


def test_a_page_hook_with_no_function_or_two_is_refused_by_name():
    with pytest.raises(LookupError, match="0 functions are registered for page hook 'nowhere'"):
        page_hook("nowhere")
    with (
        hooks.register_temporarily("courses_course_page_context", lambda page, request: {}),
        pytest.raises(LookupError, match="2 functions"),
    ):
        page_hook("courses_course_page_context")


def test_every_scheduled_task_is_found_by_its_registered_name():
    for entry in app.conf.beat_schedule.values():
        assert task_named(entry["task"]).name == entry["task"]
    assert task_named("courses.tasks.completion_email_send_task").name == (
        "courses.tasks.completion_email_send_task"
    )


def test_an_unknown_task_name_is_refused():
    with pytest.raises(NotRegistered):
        task_named("courses.tasks.nothing_of_the_sort")


def test_the_paths_migrations_name_import_the_same_objects():
    from content.models.ta import private_storage as named
    from content.ta.models import private_storage
    from courses.compliance.models import _today
    from courses.learning.models import LoginRequiredPageMixin
    from courses.models import LoginRequiredPageMixin as named_mixin
    from courses.models.requirements import _today as named_today

    assert named is private_storage
    assert named_today is _today
    assert named_mixin is LoginRequiredPageMixin


def test_every_transactional_test_restores_the_database_it_flushes():
    """A transaction=True test empties the test database when it ends, and migrate's signals
    then recreate the ORE groups with new ids; the next serialized_rollback test, restoring the
    groups as they were, collides with them ("auth_group_name_key"). So every transactional test
    restores the serialized database: transaction=True goes with serialized_rollback=True."""
    offenders = [
        f"{path.relative_to(PROJECT)}:{number}"
        for path in (PROJECT / "tests").rglob("test_*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "django_db(" in line
        and "transaction=True" in line
        and "serialized_rollback=True" not in line
    ]
    assert offenders == []
