"""My learning's course cards, cached per learner and never stale.

Building the cards (assignments, runs, completions, lessons, titles) and rendering them is most of
the page's work, yet on deadline day the same person reloads the same page many times between
two changes. A cached copy is found under a key made of the learner, the language, the day (due
dates count in days) and a fingerprint of everything the cards are read from, taken in one plain
SQL query: the learner's assignments (the compliance engine stamps `computed_at` on every row it
writes, so any stored change moves their newest stamp), runs, lesson progress, completions and
certificates; the requirements in force; and the published pages (every publish, unpublish, move
or deletion an editor makes writes a page log entry). A change to any of them makes a new key at
once, in the transaction that made it: there is nothing to invalidate by hand, and a learner's own
progress shows on their next page.

The key also holds a digest of the templates, so a deployment that changes them never serves
cards rendered by the old ones. Live sessions are not cached: the page reads them every time
the learner holds a standing registration (the fingerprint counts those).
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.core.cache import cache as django_cache
from django.template.loader import get_template, render_to_string
from django.utils.translation import get_language
from wagtail.models import Page, PageLogEntry

from courses.certificates.models import Certificate
from courses.compliance.models import Assignment, Requirement
from courses.learner.selectors import MyLearning
from courses.learning.models import CourseCompletion, Enrollment, LessonProgress
from courses.sessions.models import STANDING_REGISTRATION_STATUSES, SessionRegistration
from lms.prepared import fetchone
from lms.users.models import User

REQUIRED_TEMPLATE = "courses/includes/my_learning_required.html"
OTHERS_TEMPLATE = "courses/includes/my_learning_others.html"
# Every template the two fragments include: their digest is part of the key.
TEMPLATES = (
    REQUIRED_TEMPLATE,
    OTHERS_TEMPLATE,
    "courses/includes/my_learning_item.html",
    "courses/includes/lesson_progress.html",
    "courses/includes/status.html",
)
TIMEOUT = 60 * 60  # seconds; a key no longer asked for simply ages out


@cache
def _fingerprint_sql() -> str:
    assignment = Assignment._meta.db_table
    enrollment = Enrollment._meta.db_table
    progress = LessonProgress._meta.db_table
    completion = CourseCompletion._meta.db_table
    certificate = Certificate._meta.db_table
    requirement = Requirement._meta.db_table
    page = Page._meta.db_table
    log = PageLogEntry._meta.db_table
    registration = SessionRegistration._meta.db_table
    # The statuses are our own constants (a registration still standing), not input.
    open_statuses = ", ".join(f"'{status}'" for status in STANDING_REGISTRATION_STATUSES)
    own = "WHERE user_id = %s"
    certificates = (
        f"FROM {certificate} INNER JOIN {completion} "
        f"ON {certificate}.completion_id = {completion}.id WHERE {completion}.user_id = %s"
    )
    # (what, from where): table names come from the models, the user's id is a parameter. Each
    # table is read once, for all it gives (one row of aggregates each, joined into one row):
    # fewer subqueries to plan and to run than one per figure.
    parts = [
        ("COUNT(*), MAX(computed_at)", f"FROM {assignment} {own}"),
        ("COUNT(*), SUM(current_run)", f"FROM {enrollment} {own}"),
        ("COUNT(*), MAX(id)", f"FROM {progress} {own}"),
        ("COUNT(*), MAX(id)", f"FROM {completion} {own}"),
        (
            f"COUNT(*), COUNT({certificate}.revoked_at), MAX({certificate}.revoked_at)",
            certificates,
        ),
        (
            "SUM(CASE WHEN is_active THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN is_active THEN renewal_window_days ELSE 0 END), MAX(id)",
            f"FROM {requirement}",
        ),
        ("MAX(id)", f"FROM {log}"),
        ("SUM(CASE WHEN live THEN 1 ELSE 0 END), MAX(last_published_at)", f"FROM {page}"),
        # Last, and not for the cards: whether the page need look for live sessions at all.
        ("COUNT(*)", f"FROM {registration} {own} AND status IN ({open_statuses})"),
    ]
    joined = ", ".join(
        f"(SELECT {what} {source}) AS part{number}" for number, (what, source) in enumerate(parts)
    )
    return f"SELECT * FROM {joined}"  # noqa: S608 - names from the models, values as parameters


def learning_fingerprint(user: User) -> tuple:
    """What the learner's course cards are read from, summed up in one query (see the module),
    and last, the number of their standing live-session registrations."""
    sql = _fingerprint_sql()
    # Prepared: planning its nine subqueries costs more than running them (lms.prepared).
    return tuple(fetchone(sql, [user.pk] * sql.count("%s")))


@cache
def _templates_digest() -> str:
    digest = hashlib.sha256()
    for name in TEMPLATES:
        template = get_template(name)
        digest.update(template.template.source.encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class CardsState:
    key: str  # where the cards are cached as they are now
    registrations: int  # the learner's standing registrations (registered or waiting)


def course_cards_state(
    *, user: User, as_of: date, site: str = "", language: str | None = None
) -> CardsState:
    """The cache key of `user`'s course cards as they are now, on `site` (the host name the
    links are relative to) in `language` (default: the active one), and whether they have any
    standing registration for a live session (none: My learning need not look). One query."""
    *parts, registrations = learning_fingerprint(user)
    fingerprint = repr((parts, _templates_digest(), site))
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:32]
    language = language or get_language() or "en"
    return CardsState(
        key=f"courses:my-learning:{user.pk}:{language}:{as_of.isoformat()}:{digest}",
        registrations=registrations,
    )


def course_cards(*, key: str, build) -> dict[str, str]:
    """The two fragments of course cards ("required": to do and exempt; "others": completed and
    optional) under `key`, rendered from `build()` (a `MyLearning`) when not cached."""
    cards = django_cache.get(key)
    if cards is None:
        cards = course_cards_render(build())
        django_cache.set(key, cards, TIMEOUT)
    return cards


def course_cards_render(learning: MyLearning) -> dict[str, str]:
    context = {"learning": learning}
    return {
        "required": render_to_string(REQUIRED_TEMPLATE, context),
        "others": render_to_string(OTHERS_TEMPLATE, context),
    }
