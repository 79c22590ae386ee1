"""ORE's per-package report: attempts, learners, completion and success, score distribution,
time spent, and the item analysis (each question's answers), for a package or one version.

Counts only: no learner is ever named (the rows hold user ids, which never leave this module
except as distinct counts). Every selector takes a fixed number of queries whatever the number
of attempts, aggregating in the database.

Where the figures come from:
- SCORM (1.2, 2004): `PackageAttempt` (one per learner, SCO and attempt number): SCORM 1.2 keeps
  its lesson_status in `completion_status` ("passed", "completed", "failed", "incomplete",
  "browsed"); 2004 keeps completion_status and success_status apart.
- cmi5: `Cmi5AuState` (one per registration and AU: completed, passed, failed, waived,
  satisfied, score).
- Both: `PackageInteraction` for the item analysis, and the attempts' `total_seconds` for the
  time spent (a cmi5 package has time only when its AUs' durations were recorded as attempts).

Who may see it: ORE analysts and ORE leads (the `courses.view_package` permission, given to
both groups by `content.roles`) and superusers.
"""

import math
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from courses.packages.models import (
    Cmi5AuState,
    Cmi5Registration,
    Cmi5Session,
    Package,
    PackageAttempt,
    PackageInteraction,
    PackageKind,
    PackageVersion,
)
from courses.packages.scoring import duration_seconds
from courses.xapi.models import Statement

VIEW_PERMISSION = "courses.view_package"
BAND_WIDTH = 10  # score bands of 10 percentage points: 0-9, 10-19, ..., 90-100
TOP_RESPONSES = 3
# How a response is judged (SCORM 1.2 says "wrong", 2004 and xAPI "incorrect").
CORRECT = ("correct",)
INCORRECT = ("wrong", "incorrect")
# cmi5: the verbs whose result.duration is a launch session's time (the AU's "terminated", the
# LMS's "abandoned"), and the one a quiz sends per question (an xAPI cmi.interaction).
SESSION_END_VERBS = (
    "http://adlnet.gov/expapi/verbs/terminated",
    "https://w3id.org/xapi/adl/verbs/abandoned",
)
ANSWERED_VERB = "http://adlnet.gov/expapi/verbs/answered"
# SCORM 1.2 lesson_status values that mean the learner finished the SCO.
COMPLETED = ("completed", "passed", "failed")


def can_view_package_report(user) -> bool:
    """ORE analysts and leads (courses.view_package) and superusers see package reports."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(VIEW_PERMISSION))
    )


def access_package_report_by_id(user, package_id: int) -> Package:
    """The package with `package_id`, if `user` may see its report.

    Raises PermissionDenied for anyone else (before looking the package up) and Http404 for
    no such package.
    """
    if not can_view_package_report(user):
        raise PermissionDenied
    return get_object_or_404(Package.objects.select_related("current_version"), pk=package_id)


# --- the shapes the report returns -----------------------------------------------------------


@dataclass(frozen=True)
class ScoreBand:
    low: int
    high: int
    count: int
    share: float | None  # % of scored attempts


@dataclass(frozen=True)
class ItemSummary:
    """One SCO or AU (items of the same identifier in several versions count together)."""

    identifier: str
    title: str
    attempts: int
    learners: int
    completed: int
    passed: int
    failed: int
    waived: int
    satisfied: int
    mean_score: float | None


@dataclass(frozen=True)
class Response:
    text: str
    count: int
    share: float | None


@dataclass(frozen=True)
class Question:
    """One interaction id of one item: its answers, how many were right, what was answered."""

    item_identifier: str
    item_title: str
    interaction_id: str
    interaction_type: str
    description: str
    answers: int
    learners: int
    correct: int
    incorrect: int
    percent_correct: float | None
    responses: list[Response] = field(default_factory=list)


@dataclass(frozen=True)
class PackageReport:
    package: Package
    version: PackageVersion | None  # None: every version together
    versions: list[PackageVersion]
    kind: str
    attempts: int
    learners: int
    completed: int
    passed: int
    failed: int
    waived: int
    satisfied: int
    scored: int
    mean_score: float | None
    bands: list[ScoreBand]
    timed: int
    median_seconds: float | None
    p90_seconds: float | None
    items: list[ItemSummary]
    questions: list[Question]

    @property
    def completion_rate(self) -> float | None:
        return _percent(self.completed, self.attempts)

    @property
    def success_rate(self) -> float | None:
        """Passed, of the attempts with a pass or fail result."""
        return _percent(self.passed, self.passed + self.failed)

    @property
    def satisfied_rate(self) -> float | None:
        return _percent(self.satisfied, self.attempts)

    @property
    def is_cmi5(self) -> bool:
        return self.kind == PackageKind.CMI5

    @property
    def median_clock(self) -> str:
        return clock(self.median_seconds)

    @property
    def p90_clock(self) -> str:
        return clock(self.p90_seconds)


def clock(seconds: float | None) -> str:
    """A duration as h:mm:ss (language-neutral), or "" for none."""
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --- the selectors ---------------------------------------------------------------------------


def package_list_for_report() -> QuerySet[Package]:
    """Every package by title, with `attempt_count` (SCORM attempts and cmi5 AU states) and
    `learner_count` (one query)."""
    attempts = (
        PackageAttempt.objects.filter(version__package=OuterRef("pk"))
        .order_by()
        .values("version__package")
        .annotate(n=Count("pk"))
        .values("n")
    )
    learners = (
        PackageAttempt.objects.filter(version__package=OuterRef("pk"))
        .order_by()
        .values("version__package")
        .annotate(n=Count("user", distinct=True))
        .values("n")
    )
    au_states = (
        Cmi5AuState.objects.filter(_is_attempted(), registration__package=OuterRef("pk"))
        .order_by()
        .values("registration__package")
        .annotate(n=Count("pk"))
        .values("n")
    )
    registrants = (
        Cmi5AuState.objects.filter(_is_attempted(), registration__package=OuterRef("pk"))
        .order_by()
        .values("registration__package")
        .annotate(n=Count("registration__user", distinct=True))
        .values("n")
    )
    zero = Value(0)
    return (
        Package.objects.select_related("current_version")
        .annotate(
            version_count=Count("versions"),
            scorm_attempts=Coalesce(Subquery(attempts, output_field=IntegerField()), zero),
            scorm_learners=Coalesce(Subquery(learners, output_field=IntegerField()), zero),
            cmi5_attempts=Coalesce(Subquery(au_states, output_field=IntegerField()), zero),
            cmi5_learners=Coalesce(Subquery(registrants, output_field=IntegerField()), zero),
        )
        .order_by("title", "pk")
    )


def _score_percent_of_attempt():
    """An attempt's score in % (score.scaled, else raw between min and max, else raw as the
    SCORM 1.2 default range 0-100), or NULL."""
    low = Coalesce(F("score_min"), Value(0.0))
    return Case(
        When(score_scaled__isnull=False, then=F("score_scaled") * Value(100.0)),
        When(
            Q(score_raw__isnull=False, score_max__isnull=False, score_max__gt=low),
            then=(F("score_raw") - low) * Value(100.0) / (F("score_max") - low),
        ),
        When(score_raw__isnull=False, score_max__isnull=True, then=F("score_raw")),
        default=None,
        output_field=FloatField(),
    )


def _band_aggregates(expression_name: str) -> dict:
    bands = {}
    for low in range(0, 100, BAND_WIDTH):
        condition = Q()
        if low > 0:
            condition &= Q(**{f"{expression_name}__gte": low})
        if low + BAND_WIDTH < 100:
            condition &= Q(**{f"{expression_name}__lt": low + BAND_WIDTH})
        else:
            condition &= Q(**{f"{expression_name}__isnull": False})
        bands[f"band_{low}"] = Count("pk", filter=condition)
    return bands


def _bands(row: dict, scored: int) -> list[ScoreBand]:
    return [
        ScoreBand(
            low=low,
            high=min(low + BAND_WIDTH - 1, 100) if low + BAND_WIDTH < 100 else 100,
            count=row[f"band_{low}"],
            share=_percent(row[f"band_{low}"], scored),
        )
        for low in range(0, 100, BAND_WIDTH)
    ]


def _attempts(package: Package, version: PackageVersion | None) -> QuerySet[PackageAttempt]:
    attempts = PackageAttempt.objects.filter(version__package=package)
    return attempts.filter(version=version) if version else attempts


def _is_attempted() -> Q:
    launched = Cmi5Session.objects.filter(
        registration_id=OuterRef("registration_id"), item_id=OuterRef("item_id")
    )
    return (
        Q(Exists(launched))
        | Q(completed_at__isnull=False)
        | Q(passed_at__isnull=False)
        | Q(failed_at__isnull=False)
        | Q(waived_at__isnull=False)
    )


def _au_states(package: Package, version: PackageVersion | None) -> QuerySet[Cmi5AuState]:
    """The AU states that count as attempts: launched at least once, or with a result (a
    registration makes a state for every AU at once, most of them never opened)."""
    states = Cmi5AuState.objects.filter(_is_attempted(), registration__package=package)
    return states.filter(registration__version=version) if version else states


def _nearest_rank(values, count: int, fraction: float) -> float | None:
    """The `fraction` percentile (nearest rank) of the ordered `values` (a sorted list, or an
    ordered queryset: one query)."""
    if not count:
        return None
    return values[max(0, math.ceil(fraction * count) - 1)]


def package_report(*, package: Package, version: PackageVersion | None = None) -> PackageReport:
    """The report of `package`, over every version or only `version`. Nine queries or fewer,
    whatever the number of attempts."""
    versions = list(package.versions.order_by("-number"))
    kind = version or package.current_version or (versions[0] if versions else None)
    kind = kind.kind if kind else ""
    attempts = _attempts(package, version)
    is_cmi5 = kind == PackageKind.CMI5

    if is_cmi5:
        states = _au_states(package, version).annotate(
            score_percent=F("score_scaled") * Value(100.0)
        )
        totals = states.aggregate(
            attempts=Count("pk"),
            learners=Count("registration__user", distinct=True),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            passed=Count("pk", filter=Q(passed_at__isnull=False)),
            failed=Count("pk", filter=Q(failed_at__isnull=False, passed_at__isnull=True)),
            waived=Count("pk", filter=Q(waived_at__isnull=False)),
            satisfied=Count("pk", filter=Q(satisfied_at__isnull=False)),
            scored=Count("pk", filter=Q(score_percent__isnull=False)),
            mean_score=Avg("score_percent"),
            **_band_aggregates("score_percent"),
        )
        item_rows = (
            states.order_by()
            .values("item__identifier")
            .annotate(
                title=Max("item__title"),
                first=Min("item__order"),
                attempts=Count("pk"),
                learners=Count("registration__user", distinct=True),
                completed=Count("pk", filter=Q(completed_at__isnull=False)),
                passed=Count("pk", filter=Q(passed_at__isnull=False)),
                failed=Count("pk", filter=Q(failed_at__isnull=False, passed_at__isnull=True)),
                waived=Count("pk", filter=Q(waived_at__isnull=False)),
                satisfied=Count("pk", filter=Q(satisfied_at__isnull=False)),
                mean_score=Avg("score_percent"),
            )
            .order_by("first", "item__identifier")
        )
    else:
        scored_attempts = attempts.annotate(score_percent=_score_percent_of_attempt())
        completed = Q(completion_status__in=COMPLETED)
        passed = Q(success_status="passed") | Q(completion_status="passed")
        failed = (Q(success_status="failed") | Q(completion_status="failed")) & ~passed
        totals = scored_attempts.aggregate(
            attempts=Count("pk"),
            learners=Count("user", distinct=True),
            completed=Count("pk", filter=completed),
            passed=Count("pk", filter=passed),
            failed=Count("pk", filter=failed),
            satisfied=Count("pk", filter=Q(satisfied_at__isnull=False)),
            scored=Count("pk", filter=Q(score_percent__isnull=False)),
            mean_score=Avg("score_percent"),
            **_band_aggregates("score_percent"),
        )
        totals["waived"] = 0
        item_rows = (
            scored_attempts.order_by()
            .values("item__identifier")
            .annotate(
                title=Max("item__title"),
                first=Min("item__order"),
                attempts=Count("pk"),
                learners=Count("user", distinct=True),
                completed=Count("pk", filter=completed),
                passed=Count("pk", filter=passed),
                failed=Count("pk", filter=failed),
                satisfied=Count("pk", filter=Q(satisfied_at__isnull=False)),
                mean_score=Avg("score_percent"),
            )
            .order_by("first", "item__identifier")
        )

    if is_cmi5:
        durations = _session_seconds(package, version)
        timed = len(durations)
        median_seconds = _nearest_rank(durations, timed, 0.5)
        p90_seconds = _nearest_rank(durations, timed, 0.9)
        questions = answered_analysis(package=package, version=version)
    else:
        timed_attempts = attempts.filter(total_seconds__gt=0)
        timed = timed_attempts.count()
        seconds = timed_attempts.order_by("total_seconds").values_list("total_seconds", flat=True)
        median_seconds = _nearest_rank(seconds, timed, 0.5)
        p90_seconds = _nearest_rank(seconds, timed, 0.9)
        questions = item_analysis(package=package, version=version)
    scored = totals["scored"]
    return PackageReport(
        package=package,
        version=version,
        versions=versions,
        kind=kind,
        attempts=totals["attempts"],
        learners=totals["learners"],
        completed=totals["completed"],
        passed=totals["passed"],
        failed=totals["failed"],
        waived=totals["waived"],
        satisfied=totals["satisfied"],
        scored=scored,
        mean_score=_rounded(totals["mean_score"]),
        bands=_bands(totals, scored),
        timed=timed,
        median_seconds=median_seconds,
        p90_seconds=p90_seconds,
        items=[
            ItemSummary(
                identifier=row["item__identifier"],
                title=row["title"],
                attempts=row["attempts"],
                learners=row["learners"],
                completed=row["completed"],
                passed=row["passed"],
                failed=row["failed"],
                waived=row.get("waived", 0),
                satisfied=row["satisfied"],
                mean_score=_rounded(row["mean_score"]),
            )
            for row in item_rows
        ],
        questions=questions,
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _interactions(package: Package, version: PackageVersion | None):
    interactions = PackageInteraction.objects.filter(attempt__version__package=package)
    return interactions.filter(attempt__version=version) if version else interactions


def item_analysis(*, package: Package, version: PackageVersion | None = None) -> list[Question]:
    """Per item and interaction id, in the package's order: the number of answers, of learners
    who answered, how many answers were right and wrong, and the most common responses (at most
    TOP_RESPONSES, blank responses left out). Two queries."""
    interactions = _interactions(package, version)
    key = ("attempt__item__identifier", "interaction_id")
    rows = (
        interactions.order_by()
        .values(*key)
        .annotate(
            item_title=Max("attempt__item__title"),
            first=Min("attempt__item__order"),
            first_index=Min("index"),
            interaction_type=Max("interaction_type"),
            description=Max("description"),
            answers=Count("pk"),
            learners=Count("attempt__user", distinct=True),
            correct=Count("pk", filter=Q(result__in=CORRECT)),
            incorrect=Count("pk", filter=Q(result__in=INCORRECT)),
        )
        .order_by("first", "first_index", *key)
    )
    responses = _common_responses(interactions, key, response="learner_response")
    questions = []
    for row in rows:
        answers = row["answers"]
        questions.append(
            Question(
                item_identifier=row[key[0]],
                item_title=row["item_title"],
                interaction_id=row[key[1]],
                interaction_type=row["interaction_type"],
                description=row["description"],
                answers=answers,
                learners=row["learners"],
                correct=row["correct"],
                incorrect=row["incorrect"],
                percent_correct=_percent(row["correct"], answers),
                responses=[
                    Response(text=text, count=count, share=_percent(count, answers))
                    for text, count in responses.get((row[key[0]], row[key[1]]), [])
                ],
            )
        )
    return questions


def _common_responses(queryset, key: tuple[str, str], *, response: str) -> dict:
    """{(item, interaction): [(response, count), ...]}: the TOP_RESPONSES most common non-blank
    values of `response` for each `key` in `queryset`, most common first. One query: the ORM
    groups, a window ranks the groups (Django would put a window over an aggregate into the
    GROUP BY)."""
    grouped = queryset.order_by().values(*key, response).annotate(answer_count=Count("pk"))
    inner, params = grouped.query.sql_with_params()
    item, interaction, text = (connection.ops.quote_name(name) for name in (*key, response))
    sql = (
        f"SELECT {item}, {interaction}, {text}, answer_count FROM ("  # noqa: S608
        f"SELECT grouped.*, ROW_NUMBER() OVER (PARTITION BY {item}, {interaction} "
        f"ORDER BY answer_count DESC, {text}) AS response_rank FROM ({inner}) grouped "
        f"WHERE {text} IS NOT NULL AND {text} <> ''"
        f") ranked WHERE response_rank <= %s ORDER BY {item}, {interaction}, response_rank"
    )
    found: dict[tuple[str, str], list[tuple[str, int]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, TOP_RESPONSES])
        for item_value, interaction_value, text_value, count in cursor.fetchall():
            found.setdefault((item_value, interaction_value), []).append((text_value, count))
    return found


def _registrations(package: Package, version: PackageVersion | None) -> QuerySet:
    registrations = Cmi5Registration.objects.filter(package=package)
    if version:
        registrations = registrations.filter(version=version)
    return registrations.values("id")


def _session_seconds(package: Package, version: PackageVersion | None) -> list[float]:
    """cmi5: the duration of every launch session that ended (terminated or abandoned), sorted
    (one query, one short text per session)."""
    durations = (
        Statement.objects.filter(
            registration__in=_registrations(package, version),
            verb_id__in=SESSION_END_VERBS,
            voided=False,
        )
        .annotate(duration=KT("payload__result__duration"))
        .values_list("duration", flat=True)
    )
    return sorted(seconds for seconds in (duration_seconds(text) for text in durations) if seconds)


def answered_analysis(*, package: Package, version: PackageVersion | None = None) -> list[Question]:
    """cmi5: the item analysis of the AUs' "answered" statements (xAPI cmi.interaction
    activities), per AU and question activity, as `item_analysis` does for SCORM: answers,
    learners, right (result.success true) and wrong, the most common result.response. The AU
    is the one of the launch session whose credential sent the statement. Two queries."""
    au = Subquery(
        Cmi5Session.objects.filter(pk=OuterRef("credential__session_id")).values(
            "item__identifier"
        )[:1]
    )
    au_title = Subquery(
        Cmi5Session.objects.filter(pk=OuterRef("credential__session_id")).values("item__title")[:1]
    )
    answers = Statement.objects.filter(
        registration__in=_registrations(package, version), verb_id=ANSWERED_VERB, voided=False
    ).annotate(
        au=Coalesce(au, Value("")),
        au_title=Coalesce(au_title, Value("")),
        response=KT("payload__result__response"),
        success=KT("payload__result__success"),
    )
    key = ("au", "activity_id")
    rows = (
        answers.order_by()
        .values(*key, "au_title")
        .annotate(
            first_stored=Min("stored"),
            interaction_type=Max(KT("payload__object__definition__interactionType")),
            description=Max(KT("payload__object__definition__description__en-US")),
            answers=Count("pk"),
            learners=Count("actor_key", distinct=True),
            correct=Count("pk", filter=Q(success__in=["true", "1"])),
            incorrect=Count("pk", filter=Q(success__in=["false", "0"])),
        )
        .order_by("first_stored", *key)
    )
    responses = _common_responses(answers, key, response="response")
    questions = []
    for row in rows:
        count = row["answers"]
        questions.append(
            Question(
                item_identifier=row["au"],
                item_title=row["au_title"],
                interaction_id=row["activity_id"],
                interaction_type=row["interaction_type"] or "",
                description=row["description"] or "",
                answers=count,
                learners=row["learners"],
                correct=row["correct"],
                incorrect=row["incorrect"],
                percent_correct=_percent(row["correct"], count),
                responses=[
                    Response(text=text, count=n, share=_percent(n, count))
                    for text, n in responses.get((row["au"], row["activity_id"]), [])
                ],
            )
        )
    return questions


def package_questions(*, package: Package, version: PackageVersion | None = None) -> list[Question]:
    """The item analysis of the package (or version): from the SCORM interactions, or from a
    cmi5 package's answered statements."""
    shown = version or package.current_version
    if shown is not None and shown.kind == PackageKind.CMI5:
        return answered_analysis(package=package, version=version)
    return item_analysis(package=package, version=version)


def version_for_report(package: Package, number: int | None) -> PackageVersion | None:
    """Version `number` of `package` (None: all versions). Raises Http404 for no such version."""
    if number is None:
        return None
    return get_object_or_404(PackageVersion, package=package, number=number)
