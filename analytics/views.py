from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from lms.users.permissions import (
    access_department_by_code,
    departments_for_user,
    require_liaison_or_ore,
)


@login_required
def liaison_index(request):
    require_liaison_or_ore(request.user)
    departments = list(departments_for_user(request.user))
    if len(departments) == 1:
        return redirect("analytics:liaison_department", code=departments[0].code)
    return render(request, "analytics/liaison_index.html", {"departments": departments})


@login_required
def liaison_department(request, code: str):
    # Interim: the workbench (summary, staff list, exports) replaces this view.
    department = access_department_by_code(request.user, code)
    return render(request, "analytics/liaison_index.html", {"departments": [department]})
