from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from courses.selectors import (
    STATUSES,
    compliance_counts_for_department,
    compliance_row,
    compliance_staff_for_department,
    requirement_list_for_department,
)
from lms.users.permissions import (
    access_department_by_code,
    departments_for_user,
    require_liaison_or_ore,
)

STAFF_PER_PAGE = 50


@login_required
def liaison_index(request):
    require_liaison_or_ore(request.user)
    departments = list(departments_for_user(request.user))
    if len(departments) == 1:
        return redirect("analytics:liaison_department", code=departments[0].code)
    return render(request, "analytics/liaison_index.html", {"departments": departments})


@login_required
def liaison_department(request, code: str):
    department = access_department_by_code(request.user, code)
    today = timezone.localdate()
    requirements = requirement_list_for_department(department=department)
    headcount, counts = compliance_counts_for_department(
        department=department, requirements=requirements, as_of=today
    )
    search = request.GET.get("q", "").strip()[:100]
    staff = compliance_staff_for_department(
        department=department, requirements=requirements, search=search
    )
    page = Paginator(staff, STAFF_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "person": person,
            "cells": compliance_row(person=person, requirements=requirements, as_of=today),
        }
        for person in page.object_list
    ]
    return render(
        request,
        "analytics/liaison_department.html",
        {
            "department": department,
            "headcount": headcount,
            "counts": counts,
            "requirements": requirements,
            "rows": rows,
            "page": page,
            "search": search,
            "statuses": STATUSES,
            "today": today,
        },
    )
