"""The demo city: roster, roles, sign-ins, courses, requirements and some completion history.

Every step looks for what is already there first, so running it twice changes nothing. The text
(people, courses, lessons, checks, the assessment bank, diagrams and their Spanish translations)
is in the YAML files of the `courses.demo` package, read through `lms.demo_data`; this module
builds rows, pages and images from it.
"""

import io
import random
import tempfile
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale

from content.demo.seed import content_demo_seed
from content.roles import ORE_ANALYSTS, ORE_EDITORS, ORE_LEADS, roles_ensure
from content.site import site_root
from courses.compliance.assignments import assignments_reconcile
from courses.compliance.models import Requirement
from courses.demo.compliance import compliance_demo_seed
from courses.demo.packages import demo_packages_seed
from courses.learning.models import (
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
)
from lms.demo_data import demo_data
from lms.fiscal import fiscal_year_end_on
from lms.users.models import Department, LiaisonScope, User
from lms.users.services import roster_import
from lms.users.sign_in import demo_authenticators_ensure
from lms.users.synthetic import load_departments, roster_rows, write_roster_csv

FOUNDATIONS = "implicit-bias-foundations"
DEMO_DEPARTMENT = "GSD"
ORE_DEPARTMENT = "CHRED"
ADMIN_EMAIL = "admin@demo.lacity.test"
CITY = demo_data("courses.demo", "city.yaml")
DEMO_PEOPLE: list[dict[str, str]] = CITY["people"]
# (email, what the sign-in can do), as `manage.py seed_demo` prints them.
DEMO_SIGN_INS: list[tuple[str, str]] = list(CITY["sign_ins"].items())


def _text(name: str):
    """The content of one of this package's data files (courses.yaml, spanish.yaml, ...)."""
    return demo_data("courses.demo", name)


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
    say("A course of packaged lessons (SCORM 1.2, SCORM 2004, cmi5)")
    demo_packages_seed(as_of=as_of, say=say)
    say("Training requirements")
    _requirements_ensure(courses, as_of=as_of)
    say("Completion history")
    created = _history_ensure(courses, as_of=as_of)
    say(f"  {created} lesson records added" if created else "  already there")
    say("Compliance: every employee's assignments")
    report = assignments_reconcile(as_of=as_of, progress=lambda line: say(f"  {line}"))
    say(f"  {report.opened} assignments opened" if report.opened else "  already there")
    say("Compliance: exemptions, a live session, reminders")
    compliance_demo_seed(as_of=as_of, say=say)
    content_demo_seed(as_of=as_of, say=say)


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
            user = User.objects.create_superuser(email, password, **CITY["admin"])
        if not user.has_usable_password():
            user.set_password(password)
            user.save(update_fields=["password"])
    liaison = User.objects.get(email="liaison@demo.lacity.test")
    LiaisonScope.objects.get_or_create(
        user=liaison, department=Department.objects.get(code=DEMO_DEPARTMENT)
    )
    ore = User.objects.get(email="ore@demo.lacity.test")
    ore.groups.add(groups[ORE_EDITORS], groups[ORE_LEADS], groups[ORE_ANALYSTS])
    # ORE and admin need two-factor: an authenticator with the secret seed_demo prints.
    demo_authenticators_ensure(emails=[ore.email, ADMIN_EMAIL])


def _images_ensure() -> dict[str, int]:
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    image_model = get_image_model()
    ids = {}
    for key, spec in _text("images.yaml").items():
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


def _check_value(check: dict) -> dict:
    """A knowledge_check block value in Wagtail's raw form, from the demo data's plain dicts."""
    return {
        "title": check["title"],
        "questions": [_question_item(question) for question in check["questions"]],
        "pass_mark": None,
        "is_scored": True,
        "shuffle_questions": False,
        "shuffle_answers": True,
    }


def _question_value(question: dict) -> dict:
    # Wagtail gives list items without a stored id a new one on every load: store them.
    return {
        "kind": question["kind"],
        "prompt": question["prompt"],
        "choices": [
            {"type": "item", "value": dict(choice), "id": str(uuid.uuid4())}
            for choice in question["choices"]
        ],
        "explanation": question.get("explanation", ""),
    }


def _question_item(question: dict) -> dict:
    return {"type": "item", "value": _question_value(question), "id": str(uuid.uuid4())}


def _with_ids_of(english, spanish):
    """Spanish raw StreamField data carrying the English block and item ids, position by
    position, so answers and attempts refer to the same questions in both languages."""
    if isinstance(english, list) and isinstance(spanish, list):
        return [_with_ids_of(en, es) for en, es in zip(english, spanish, strict=True)]
    if isinstance(english, dict) and isinstance(spanish, dict):
        merged = {key: _with_ids_of(english.get(key), value) for key, value in spanish.items()}
        if "id" in english and "type" in spanish:
            merged["id"] = english["id"]
        return merged
    return spanish


@transaction.atomic
def _courses_ensure() -> list[CoursePage]:
    home = site_root()
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CourseIndexPage(**CITY["course_index"])
        home.add_child(instance=index)
        index.save_revision().publish()
    image_ids = _images_ensure()
    objectives, all_checks = _text("learning_objectives.yaml"), _text("checks.yaml")
    courses = []
    for spec in _text("courses.yaml"):
        course = CoursePage.objects.filter(slug=spec["slug"]).first()
        if course is None:
            bank = _text("assessment.yaml")["en"] if spec["slug"] == FOUNDATIONS else []
            course = CoursePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                learning_objectives=objectives.get(spec["slug"], ""),
                estimated_minutes=spec["estimated_minutes"],
                audience_note=CITY["audience_note"]["en"],
                pass_mark=80,
                attempt_limit=3,
                assessment_questions=[
                    {"type": "question", "value": _question_value(q), "id": str(uuid.uuid4())}
                    for q in bank
                ],
            )
            index.add_child(instance=course)
            course.save_revision().publish()
        checks = all_checks.get(spec["slug"], {})
        for lesson_spec in spec["lessons"]:
            if LessonPage.objects.child_of(course).filter(slug=lesson_spec["slug"]).exists():
                continue
            body = _lesson_body(lesson_spec["blocks"], image_ids)
            if lesson_spec["slug"] in checks:
                check = checks[lesson_spec["slug"]]["en"]
                body.append({"type": "knowledge_check", "value": _check_value(check)})
            lesson = LessonPage(title=lesson_spec["title"], slug=lesson_spec["slug"], body=body)
            course.add_child(instance=lesson)
            lesson.save_revision().publish()
        courses.append(course)
    _spanish_ensure(image_ids)
    return courses


def _spanish_ensure(image_ids: dict[str, int]) -> None:
    """The Spanish version of every course translated in the demo data, made the way
    wagtail-localize makes one (a copy in the Spanish tree), then written in Spanish.

    A course or lesson that already has its Spanish version is left as it is, so a demo seeded
    before a course was translated gains the translation on the next run."""
    spanish = Locale.objects.filter(language_code="es").first()
    if spanish is None:
        return
    all_checks = _text("checks.yaml")
    for slug, text in _text("spanish.yaml").items():
        course = CoursePage.objects.filter(slug=slug, locale__language_code="en").first()
        if course is None:
            continue
        if course.get_translation_or_none(spanish) is None:
            _course_spanish_create(course, text, spanish)
        checks = all_checks.get(slug, {})
        for lesson in LessonPage.objects.child_of(course).live().order_by("path"):
            lesson_text = text["lessons"].get(lesson.slug)
            if lesson_text is None or lesson.get_translation_or_none(spanish) is not None:
                continue
            body = _lesson_body(lesson_text["blocks"], image_ids)
            if lesson.slug in checks:
                body.append(
                    {"type": "knowledge_check", "value": _check_value(checks[lesson.slug]["es"])}
                )
            lesson_es = lesson.copy_for_translation(spanish)
            lesson_es.title = lesson_text["title"]
            lesson_es.body = _with_ids_of(list(lesson.body.raw_data), body)
            lesson_es.save_revision().publish()


def _course_spanish_create(course: CoursePage, text: dict, spanish: Locale) -> None:
    course_es = course.copy_for_translation(spanish, copy_parents=True)
    course_es.title = text["title"]
    course_es.summary = text["summary"]
    course_es.learning_objectives = text.get("learning_objectives", "")
    course_es.audience_note = CITY["audience_note"]["es"]
    if course.assessment_questions:
        bank = [
            {"type": "question", "value": _question_value(q)}
            for q in _text("assessment.yaml")["es"]
        ]
        course_es.assessment_questions = _with_ids_of(
            list(course.assessment_questions.raw_data), bank
        )
    course_es.save_revision().publish()


def _requirements_ensure(courses: list[CoursePage], *, as_of: date) -> None:
    """Three requirements that between them show every rule: an annual refresher for everyone,
    a one-time course for four pilot departments due soon, and a supervisors' course every two
    years within six months of becoming a supervisor (the shape of California's SB 1343)."""
    foundations, everyday = courses[0], courses[1]
    fiscal_year_start = date(fiscal_year_end_on(as_of).year - 1, 7, 1)
    names = CITY["requirements"]
    Requirement.objects.get_or_create(
        course=foundations,
        name=names["annual"],
        defaults={
            "effective_on": fiscal_year_start,
            "due_days_after_entry": 90,
            "recurrence_months": 12,
            "escalate_to_supervisor_after_days": 14,
        },
    )
    requirement, created = Requirement.objects.get_or_create(
        course=everyday,
        name=names["pilot"],
        defaults={
            "effective_on": as_of - timedelta(days=60),
            "due_on": as_of + timedelta(days=20),
        },
    )
    if created:
        requirement.departments.set(
            Department.objects.filter(code__in=["GSD", "LADOT", "BCA", "CAO"])
        )
    Requirement.objects.get_or_create(
        course=foundations,
        name=names["supervisors"],
        defaults={
            "effective_on": fiscal_year_start,
            "is_for_supervisors": True,
            "due_days_after_entry": 183,
            "recurrence_months": 24,
        },
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
