"""The statements the LMS writes about its own learning records: a lesson done, a course
completed, a knowledge-check attempt, attendance at a live session, a package's result.

Every statement has a stable id (courses.xapi.ids.statement_id_for over its kind and the ids of
the rows it reports), so writing the same record twice, or forwarding it twice, is one
statement. Activities are IRIs under settings.XAPI_IRI_BASE built from the course's and the
lesson's slugs in the site's default language (a Spanish learner's completion names the same
activity as an English one), with their names in English and Spanish. Actors are opaque
(courses.xapi.agents.actor_for_user): no names, no emails.

Each builder takes rows whose related course/lesson are loaded and the titles from
`page_names` (one query for any number of pages), so a bulk completion costs a fixed number of
queries."""

import hashlib

from django.conf import settings
from wagtail.models import Page

from content.page_cache import cached_pages
from courses.xapi.agents import actor_for_user_id
from courses.xapi.ids import statement_id_for

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "completed": {"en-US": "completed", "es": "completó"},
    "passed": {"en-US": "passed", "es": "aprobó"},
    "failed": {"en-US": "failed", "es": "no aprobó"},
    "attended": {"en-US": "attended", "es": "asistió"},
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "check": "http://adlnet.gov/expapi/activities/assessment",
    "session": "http://adlnet.gov/expapi/activities/meeting",
    "package": "http://adlnet.gov/expapi/activities/module",
}
PLATFORM = "Equity LMS"


def _base() -> str:
    return settings.XAPI_IRI_BASE.rstrip("/")


def extension_iri(name: str) -> str:
    return f"{_base()}/extensions/{name}"


def verb(name: str) -> dict:
    return {"id": ADL + name, "display": dict(VERBS[name])}


class PageNames:
    """Slugs (default language) and titles (en-US, es) of pages, looked up in one query once per
    change of the published pages (content.page_cache)."""

    def __init__(self, pages):
        keys = sorted({page.translation_key for page in pages}, key=str)
        self._rows: dict = {}
        if keys:
            digest = hashlib.sha256(",".join(map(str, keys)).encode()).hexdigest()[:32]
            self._rows = cached_pages(f"page-names:{digest}", lambda: self._read(keys))

    @staticmethod
    def _read(keys) -> dict:
        rows: dict = {}
        for key, language, slug, title in Page.objects.filter(translation_key__in=keys).values_list(
            "translation_key", "locale__language_code", "slug", "title"
        ):
            rows.setdefault(key, {})[language] = (slug, title)
        return rows

    def slug(self, page) -> str:
        versions = self._rows.get(page.translation_key, {})
        chosen = versions.get(settings.LANGUAGE_CODE)
        return chosen[0] if chosen else page.slug

    def names(self, page) -> dict:
        versions = self._rows.get(page.translation_key, {})
        names = {"en-US": versions.get("en", (None, page.title))[1]}
        if "es" in versions:
            names["es"] = versions["es"][1]
        return names


def course_iri(names: PageNames, course) -> str:
    return f"{_base()}/courses/{names.slug(course)}"


def lesson_iri(names: PageNames, course, lesson) -> str:
    return f"{course_iri(names, course)}/lessons/{names.slug(lesson)}"


def activity(iri: str, kind: str, name: dict) -> dict:
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": ACTIVITY_TYPES[kind], "name": name},
    }


def _registration(user_id: int, course_id: int, run: int) -> str:
    """One learner's run of a course, as a registration: the LMS's statements about it group."""
    return str(statement_id_for("registration", user_id, course_id, run))


def _statement(*, kind, ids, user_id, verb_name, obj, context, timestamp, result=None) -> dict:
    statement = {
        "id": str(statement_id_for(kind, *ids)),
        "actor": actor_for_user_id(user_id),
        "verb": verb(verb_name),
        "object": obj,
        "context": {"platform": PLATFORM, **context},
        "timestamp": timestamp.isoformat(),
    }
    if result is not None:
        statement["result"] = result
    return statement


def lesson_done_statement(progress, names: PageNames) -> dict:
    course, lesson = progress.course, progress.lesson
    return _statement(
        kind="lesson-done",
        ids=(progress.pk,),
        user_id=progress.user_id,
        verb_name="completed",
        obj=activity(lesson_iri(names, course, lesson), "lesson", names.names(lesson)),
        context={
            "registration": _registration(progress.user_id, course.pk, progress.run),
            "contextActivities": {
                "parent": [activity(course_iri(names, course), "course", names.names(course))]
            },
        },
        timestamp=progress.completed_at,
        result={"completion": True},
    )


def course_completed_statement(completion, names: PageNames) -> dict:
    course = completion.course
    result: dict = {"completion": True}
    if completion.score is not None:
        result["score"] = {
            "scaled": completion.score / 100,
            "raw": completion.score,
            "min": 0,
            "max": 100,
        }
    context: dict = {"registration": _registration(completion.user_id, course.pk, completion.run)}
    if completion.evidence:
        # how it was completed when not online ("Attended live session 12 on …, recorded by 3":
        # ids only, never names)
        context["extensions"] = {extension_iri("evidence"): completion.evidence}
    return _statement(
        kind="course-completed",
        ids=(completion.pk,),
        user_id=completion.user_id,
        verb_name="completed",
        obj=activity(course_iri(names, course), "course", names.names(course)),
        context=context,
        timestamp=completion.completed_at,
        result=result,
    )


def check_attempt_statement(attempt, names: PageNames) -> dict:
    course, lesson = attempt.course, attempt.lesson
    lesson_activity = activity(lesson_iri(names, course, lesson), "lesson", names.names(lesson))
    check_name = {
        language: f"{title} ({attempt.check_id})" for language, title in names.names(lesson).items()
    }
    return _statement(
        kind="check-attempt",
        ids=(attempt.pk,),
        user_id=attempt.user_id,
        verb_name="passed" if attempt.is_passed else "failed",
        obj=activity(f"{lesson_activity['id']}/checks/{attempt.check_id}", "check", check_name),
        context={
            "registration": _registration(attempt.user_id, course.pk, attempt.run),
            "contextActivities": {
                "parent": [lesson_activity],
                "grouping": [activity(course_iri(names, course), "course", names.names(course))],
            },
            "extensions": {extension_iri("attempt-number"): attempt.number},
        },
        timestamp=attempt.submitted_at,
        result={
            "score": {"scaled": attempt.score / 100, "raw": attempt.score, "min": 0, "max": 100},
            "success": attempt.is_passed,
            "completion": True,
        },
    )


def attended_statement(registration, session, names: PageNames) -> dict:
    course = session.course
    course_names = names.names(course)
    session_names = {"en-US": session.title or course_names["en-US"]}
    if session.title_es or "es" in course_names:
        session_names["es"] = session.title_es or session.title or course_names["es"]
    return _statement(
        kind="attended",
        ids=(registration.pk,),
        user_id=registration.user_id,
        verb_name="attended",
        obj=activity(
            f"{course_iri(names, course)}/sessions/{session.pk}", "session", session_names
        ),
        context={
            "contextActivities": {
                "parent": [activity(course_iri(names, course), "course", course_names)]
            }
        },
        timestamp=registration.attended_at,
        result={"completion": True},
    )


PASSED_STATUSES = {"passed"}
FAILED_STATUSES = {"failed"}
COMPLETED_STATUSES = {"completed", "passed"}


def package_attempt_statement(attempt, names: PageNames) -> dict | None:
    """The result of a SCORM attempt (passed / failed when the package says, else completed),
    or None while it has none to report. One statement per distinct result of the attempt."""
    if attempt.success_status in PASSED_STATUSES:
        verb_name = "passed"
    elif attempt.success_status in FAILED_STATUSES:
        verb_name = "failed"
    elif attempt.completion_status in COMPLETED_STATUSES:
        verb_name = "completed"
    else:
        return None
    course, lesson, item = attempt.course, attempt.lesson, attempt.item
    lesson_activity = activity(lesson_iri(names, course, lesson), "lesson", names.names(lesson))
    result: dict = {"completion": attempt.completion_status in COMPLETED_STATUSES}
    if verb_name != "completed":
        result["success"] = verb_name == "passed"
    score: dict = {}
    if attempt.score_scaled is not None and -1 <= attempt.score_scaled <= 1:
        score["scaled"] = attempt.score_scaled
    if attempt.score_raw is not None:
        score["raw"] = attempt.score_raw
        if attempt.score_min is not None and attempt.score_max is not None:
            if attempt.score_min < attempt.score_max and (
                attempt.score_min <= attempt.score_raw <= attempt.score_max
            ):
                score["min"], score["max"] = attempt.score_min, attempt.score_max
            else:
                score.pop("raw")
    if score:
        result["score"] = score
    item_iri = f"{lesson_activity['id']}/items/{item.pk}"
    return _statement(
        kind="package-result",
        ids=(attempt.pk, verb_name, attempt.score_raw, attempt.score_scaled),
        user_id=attempt.user_id,
        verb_name=verb_name,
        obj=activity(item_iri, "package", {"en-US": item.title or lesson.title}),
        context={
            "registration": _registration(attempt.user_id, course.pk, attempt.run),
            "contextActivities": {
                "parent": [lesson_activity],
                "grouping": [activity(course_iri(names, course), "course", names.names(course))],
            },
            "extensions": {extension_iri("attempt-number"): attempt.number},
        },
        timestamp=attempt.updated_at,
        result=result,
    )
