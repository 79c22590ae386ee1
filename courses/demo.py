"""The demo city: roster, roles, sign-ins, courses, requirements and some completion history.

Every step looks for what is already there first, so running it twice changes nothing.
"""

import io
import random
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model

from content.services import ORE_ANALYSTS, ORE_EDITORS, roles_ensure
from content.site import site_root
from lms.fiscal import fiscal_year_end_on
from lms.users.models import Department, LiaisonScope, User
from lms.users.services import roster_import
from lms.users.synthetic import load_departments, roster_rows, write_roster_csv

from . import demo_content
from .models import (
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
    Requirement,
)

DEMO_DEPARTMENT = "GSD"
ORE_DEPARTMENT = "CHRED"
DEMO_PEOPLE = [
    {
        "employee_id": "9000001",
        "first_name": "Alex",
        "last_name": "Demo-Learner",
        "email": "learner@demo.lacity.test",
        "department_code": DEMO_DEPARTMENT,
        "job_class_code": "1368",
        "job_class_title": "Senior Administrative Clerk",
        "hire_date": "2021-03-15",
        "status": "active",
        "preferred_language": "en",
    },
    {
        "employee_id": "9000002",
        "first_name": "Lee",
        "last_name": "Demo-Liaison",
        "email": "liaison@demo.lacity.test",
        "department_code": DEMO_DEPARTMENT,
        "job_class_code": "9184",
        "job_class_title": "Management Analyst",
        "hire_date": "2015-09-01",
        "status": "active",
        "preferred_language": "en",
    },
    {
        "employee_id": "9000003",
        "first_name": "Rio",
        "last_name": "Demo-Equity-Officer",
        "email": "ore@demo.lacity.test",
        "department_code": ORE_DEPARTMENT,
        "department_name": "Civil, Human Rights and Equity",
        "job_class_code": "9184",
        "job_class_title": "Management Analyst",
        "hire_date": "2020-07-01",
        "status": "active",
        "preferred_language": "es",
    },
]
ADMIN_EMAIL = "admin@demo.lacity.test"
DEMO_SIGN_INS = [
    ("learner@demo.lacity.test", "learner (General Services)"),
    ("liaison@demo.lacity.test", "liaison of General Services"),
    ("ore@demo.lacity.test", "ORE editor and analyst"),
    (ADMIN_EMAIL, "system administrator (superuser)"),
]


def demo_city_seed(*, employees: int, as_of: date, say: Callable[[str], None] = print) -> None:
    """Loads the demo city; safe to repeat. `say` receives one progress line per step."""
    say("Roles: ORE editors and analysts")
    groups = roles_ensure()
    say("Departments of the City")
    _departments_ensure()
    say(f"Roster: {employees} synthetic employees plus the demo sign-ins")
    _roster_load(employees=employees, say=say)
    say("Demo sign-ins")
    _sign_ins_ensure(groups)
    say("Courses and lessons")
    courses = _courses_ensure()
    say("Training requirements")
    _requirements_ensure(courses, as_of=as_of)
    say("Completion history")
    created = _history_ensure(courses, as_of=as_of)
    say(f"  {created} lesson records added" if created else "  already there")


def _departments_ensure() -> None:
    for row in load_departments():
        department, created = Department.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "budget_number": row["budget_number"]}
        )
        if not created and not department.budget_number and row["budget_number"]:
            department.budget_number = row["budget_number"]
            department.save(update_fields=["budget_number"])


def _roster_load(*, employees: int, say: Callable[[str], None]) -> None:
    rows = [*DEMO_PEOPLE, *roster_rows(employees)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-roster.csv"
        write_roster_csv(path, rows)
        report = roster_import(path=path, progress=say)
    if report.bad_rows:
        raise RuntimeError(f"The demo roster has {len(report.bad_rows)} bad rows")


@transaction.atomic
def _sign_ins_ensure(groups: dict[str, Group]) -> None:
    password = settings.DEMO_PASSWORD
    for email, _role in DEMO_SIGN_INS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_superuser(
                email, password, first_name="Demo", last_name="Admin"
            )
        if not user.has_usable_password():
            user.set_password(password)
            user.save(update_fields=["password"])
    liaison = User.objects.get(email="liaison@demo.lacity.test")
    LiaisonScope.objects.get_or_create(
        user=liaison, department=Department.objects.get(code=DEMO_DEPARTMENT)
    )
    ore = User.objects.get(email="ore@demo.lacity.test")
    ore.groups.add(groups[ORE_EDITORS], groups[ORE_ANALYSTS])


def _images_ensure() -> dict[str, int]:
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    image_model = get_image_model()
    ids = {}
    for key, spec in demo_content.IMAGES.items():
        title = f"{spec['title']} [{key}]"
        existing = image_model.objects.filter(title=title).first()
        if existing:
            ids[key] = existing.pk
            continue
        canvas = PILImage.new("RGB", (spec["width"], spec["height"]), spec["background"])
        draw = ImageDraw.Draw(canvas)
        for shape in spec["shapes"]:
            kind = shape["kind"]
            if kind == "rect":
                draw.rectangle(shape["box"], fill=shape["fill"])
            elif kind == "ellipse":
                draw.ellipse(shape["box"], fill=shape["fill"])
            elif kind == "polygon":
                draw.polygon([tuple(p) for p in shape["points"]], fill=shape["fill"])
            elif kind == "text":
                font = ImageFont.load_default(size=shape.get("size", 24))
                draw.text(tuple(shape["xy"]), shape["text"], fill=shape["fill"], font=font)
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        image = image_model(title=title)
        image.file = ImageFile(buffer, name=f"{key}.png")
        image.save()
        ids[key] = image.pk
    return ids


def _lesson_body(blocks: list, image_ids: dict[str, int]) -> list[dict]:
    body = []
    for kind, value in blocks:
        if kind == "image":
            value = {
                "image": image_ids[value["key"]],
                "alt_text": value["alt"],
                "caption": value.get("caption", ""),
            }
        body.append({"type": kind, "value": value})
    return body


@transaction.atomic
def _courses_ensure() -> list[CoursePage]:
    home = site_root()
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CourseIndexPage(
            title="Courses",
            slug="courses",
            intro="Courses from the Office of Racial Equity for every City employee.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    image_ids = _images_ensure()
    courses = []
    for spec in demo_content.COURSES:
        course = CoursePage.objects.filter(slug=spec["slug"]).first()
        if course is None:
            course = CoursePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                estimated_minutes=spec["estimated_minutes"],
            )
            index.add_child(instance=course)
            course.save_revision().publish()
        for lesson_spec in spec["lessons"]:
            if LessonPage.objects.child_of(course).filter(slug=lesson_spec["slug"]).exists():
                continue
            lesson = LessonPage(
                title=lesson_spec["title"],
                slug=lesson_spec["slug"],
                body=_lesson_body(lesson_spec["blocks"], image_ids),
            )
            course.add_child(instance=lesson)
            lesson.save_revision().publish()
        courses.append(course)
    return courses


def _requirements_ensure(courses: list[CoursePage], *, as_of: date) -> None:
    foundations, everyday = courses[0], courses[1]
    fiscal_year_end = fiscal_year_end_on(as_of)
    Requirement.objects.get_or_create(
        course=foundations,
        name="Implicit Bias: Foundations (all employees)",
        defaults={"due_on": fiscal_year_end, "applies_to_all": True},
    )
    requirement, created = Requirement.objects.get_or_create(
        course=everyday,
        name="Equity in Everyday Decisions (pilot departments)",
        defaults={"due_on": as_of - timedelta(days=30), "applies_to_all": False},
    )
    if created:
        requirement.departments.set(
            Department.objects.filter(code__in=["GSD", "LADOT", "BCA", "CAO"])
        )


def _history_ensure(courses: list[CoursePage], *, as_of: date) -> int:
    """Completion history for about half the synthetic staff; the demo sign-ins get none."""
    demo_ids = {person["employee_id"] for person in DEMO_PEOPLE}
    if LessonProgress.objects.exclude(user__employee_id__in=demo_ids).exists():
        return 0
    people = list(
        User.objects.filter(is_active=True, employee_id__isnull=False)
        .exclude(employee_id__in=demo_ids)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    now = timezone.make_aware(datetime.combine(as_of, datetime.min.time()))
    progress, completions = [], []
    for course in courses:
        lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
        revision_id = course.live_revision_id
        for user_id in people:
            roll = rng.random()
            if roll < 0.45:
                done = len(lessons)
            elif roll < 0.65:
                done = rng.randint(1, len(lessons) - 1)
            else:
                continue
            started_at = now - timedelta(days=rng.randint(2, 400), minutes=rng.randint(0, 600))
            for number, lesson in enumerate(lessons[:done]):
                progress.append(
                    LessonProgress(
                        user_id=user_id,
                        lesson=lesson,
                        course=course,
                        completed_at=started_at + timedelta(minutes=12 * number),
                    )
                )
            if done == len(lessons):
                completions.append(
                    CourseCompletion(
                        user_id=user_id,
                        course=course,
                        completed_at=started_at + timedelta(minutes=12 * done),
                        course_revision_id=revision_id,
                        confirmation_sent_at=started_at + timedelta(minutes=12 * done),
                    )
                )
    with transaction.atomic():
        LessonProgress.objects.bulk_create(progress, batch_size=2000, ignore_conflicts=True)
        CourseCompletion.objects.bulk_create(completions, batch_size=2000, ignore_conflicts=True)
    return len(progress)
