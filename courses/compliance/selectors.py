"""Reads of requirements and assignments that other pages need, each in one query."""

from django.db.models import Exists, OuterRef

from courses.compliance.models import Assignment, Requirement
from lms.users.models import Department


def requirement_list_for_department(*, department: Department) -> list[Requirement]:
    """Requirements in force with anyone of the department in their audience today. One query."""
    current = Assignment.objects.filter(
        requirement=OuterRef("pk"), department=department, is_current=True
    )
    # Not the course: it is a Wagtail page, heavy to load, and the pages using this list show
    # only the requirements' own fields.
    return list(Requirement.objects.filter(Exists(current), is_active=True).order_by("name"))
