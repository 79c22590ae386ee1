"""Figures other apps add to a department's page of the liaison's workbench.

The workbench reads only what the compliance engine stores. Analytics adds its figures (the
trend and the comparison with the city, from its snapshots) through the Wagtail hook
"workbench_department_figures", since courses may not import analytics: each function
registered there is called with the department, its requirements and the day, and returns a
`DepartmentFigures`. Its context is added to the page's, its template is included in the
cached figures fragment, and its `cache_key` joins the fragment's key.

That key is the department, the day, the requirements (ids and names) and the `cache_key`s,
not the compliance version: the figures stay cached while people complete training, so the
`cache_key` must change whenever what the figures show does (analytics: its visible runs).
"""

from dataclasses import dataclass
from datetime import date

from wagtail import hooks

from courses.compliance.models import Requirement
from lms.users.models import Department

HOOK = "workbench_department_figures"


@dataclass(frozen=True)
class DepartmentFigures:
    template: str
    context: dict
    cache_key: object


def department_figures_get(
    *, department: Department, requirements: list[Requirement], as_of: date
) -> list[DepartmentFigures]:
    return [
        build(department=department, requirements=requirements, as_of=as_of)
        for build in hooks.get_hooks(HOOK)
    ]
