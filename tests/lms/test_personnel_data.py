"""Personnel data: the things that log while people learn, import and ask for help never write
an employee's name into the logs."""

import logging

import pytest
from django.core.management import call_command

from content.ta.services import ta_request_create
from content.taxonomy import IssueArea
from courses.learning.services import course_retake_start, lesson_complete
from tests.factories import UserFactory

NAMES = ("Marisol", "Quintero-Baptiste")


@pytest.mark.django_db
def test_learning_importing_and_requesting_help_log_ids_not_names(
    caplog, tmp_path, department, lessons, course
):
    person = UserFactory(department=department, first_name=NAMES[0], last_name=NAMES[1])
    caplog.set_level(logging.DEBUG)
    for lesson in lessons:
        lesson_complete(user=person, lesson=lesson)
    course_retake_start(user=person, course=course)
    ta_request_create(
        requester=person,
        department=department,
        topic=IssueArea.objects.first(),
        kind="training",
        title="Help with a training session",
        description="We would like a session for our front-counter staff.",
    )
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "employee_id,first_name,last_name,email,department_code\n"
        f"7000001,{NAMES[0]},{NAMES[1]},m.qb@example.lacity.test,GSD\n"
        "7000002,Ana,Reyes,bad-email,GSD\n",
        encoding="utf-8",
    )
    # The file leaves out the one active employee: a deactivation the operator confirms.
    call_command("import_roster", str(roster), "--apply-valid", "--allow-mass-deactivation=1")

    assert caplog.records  # the services did log
    for name in NAMES:
        assert name not in caplog.text
