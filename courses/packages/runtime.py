"""The SCORM runtime on the server: a learner's attempts at a package's SCOs, the commits the
browser's runtime (scorm-again, see static courses/packages/player.js) sends, and what they
mean for the lesson.

Every `cmi.*` value committed is kept per attempt (so nothing a package stores is lost); the
parts the LMS reads (status, score, location, suspend data, time, interactions) are columns.
Two tabs of one attempt committing at once are serialised by a row lock and merged key by key:
each tab sends only the keys it changed.
"""

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from courses.learning.models import LessonPage, LessonProgress
from courses.learning.services import enrollment_ensure, lesson_complete
from courses.packages import scoring, sequencing
from courses.packages.models import (
    PackageAttempt,
    PackageInteraction,
    PackageItem,
    PackageKind,
    PackageVersion,
)
from courses.signals import package_result_recorded

# A key the runtime may commit: the data model's dotted names (cmi.core.lesson_status,
# cmi.interactions.0.id), or the navigation request of SCORM 2004.
_KEY = re.compile(r"^cmi(\.(?:[a-z][a-z_]*|\d{1,4}))+$")
NAV_KEY = "adl.nav.request"
MAX_KEYS = 5000
MAX_KEY_LENGTH = 255
# SCORM 2004's longest value (suspend_data, SPM 64000 characters); SCORM 1.2 allows 4096.
MAX_VALUE_LENGTH = {PackageKind.SCORM12: 4096, PackageKind.SCORM2004: 64000}

# Set by the LMS, read-only for the package: never taken from a commit.
LMS_KEYS = frozenset(
    {
        "cmi.core.student_id",
        "cmi.core.student_name",
        "cmi.core.credit",
        "cmi.core.entry",
        "cmi.core.lesson_mode",
        "cmi.core.total_time",
        "cmi.launch_data",
        "cmi.comments_from_lms",
        "cmi.student_data.mastery_score",
        "cmi.student_data.max_time_allowed",
        "cmi.student_data.time_limit_action",
        "cmi.learner_id",
        "cmi.learner_name",
        "cmi.credit",
        "cmi.entry",
        "cmi.mode",
        "cmi.total_time",
        "cmi.completion_threshold",
        "cmi.scaled_passing_score",
        "cmi.max_time_allowed",
        "cmi.time_limit_action",
    }
)
SESSION_TIME_KEYS = ("cmi.core.session_time", "cmi.session_time")
EXIT_KEYS = ("cmi.core.exit", "cmi.exit")
LOCATION_KEYS = ("cmi.core.lesson_location", "cmi.location")
# An attempt ended with one of these exits is over; anything else can be resumed.
NORMAL_EXITS = frozenset({"", "normal", "logout", "time-out"})


class CommitInvalid(ValueError):
    """A commit refused as a whole; `message` says why (shown to the package's author)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def learner_id(user) -> str:
    """An opaque, stable id for the learner, given to packages instead of anything personal."""
    return (
        "lms-"
        + salted_hmac("courses.packages.learner", str(user.pk), algorithm="sha256").hexdigest()[:24]
    )


def _run_for(*, user, course) -> int:
    return enrollment_ensure(user=user, course=course).current_run


def _is_over(attempt: PackageAttempt) -> bool:
    """Whether the attempt was finished normally after its SCO was completed."""
    return attempt.exit == "normal" and attempt.completion_status in (
        "completed",
        "passed",
        "failed",
    )


@transaction.atomic
def attempt_for(*, user, lesson: LessonPage, item: PackageItem) -> PackageAttempt:
    """The learner's current attempt at `item` in their current run of the lesson's course:
    the latest one, or a new one when there is none or the latest was finished normally after
    completion (a retake of the course starts a new run, so its attempts start over; the old
    ones stay)."""
    course = lesson.get_parent().specific
    run = _run_for(user=user, course=course)
    latest = (
        PackageAttempt.objects.select_for_update()
        .filter(user=user, item=item, run=run)
        .order_by("-number")
        .first()
    )
    if latest is not None and not _is_over(latest):
        return latest
    number = latest.number + 1 if latest else 1
    now = timezone.now()
    try:
        with transaction.atomic():
            return PackageAttempt.objects.create(
                user=user,
                item=item,
                version=item.version,
                course=course,
                lesson=lesson,
                run=run,
                number=number,
                started_at=now,
                updated_at=now,
            )
    except IntegrityError:  # another request created it first
        return PackageAttempt.objects.get(user=user, item=item, run=run, number=number)


def _clean(values, kind: str) -> tuple[dict, str]:
    """The committed values kept (scalars as strings), and the navigation request. Raises
    CommitInvalid for anything that is not a flat object of known keys and short values."""
    if not isinstance(values, dict):
        raise CommitInvalid(_("The commit must be a JSON object of cmi.* values."))
    if len(values) > MAX_KEYS:
        raise CommitInvalid(_("A commit may carry at most %(count)d values.") % {"count": MAX_KEYS})
    limit = MAX_VALUE_LENGTH.get(kind, 64000)
    cleaned: dict[str, str] = {}
    nav_request = ""
    for key, value in values.items():
        if not isinstance(key, str) or len(key) > MAX_KEY_LENGTH:
            raise CommitInvalid(_("A key of the commit is too long."))
        if isinstance(value, dict) and not value:
            continue  # an empty collection, as scorm-again renders one
        if isinstance(value, bool) or not isinstance(value, (str, int, float, type(None))):
            raise CommitInvalid(
                _("The value of “%(key)s” must be text or a number.") % {"key": key}
            )
        text = "" if value is None else str(value)
        if len(text) > limit:
            raise CommitInvalid(
                _("The value of “%(key)s” is longer than %(limit)d characters.")
                % {"key": key, "limit": limit}
            )
        if key == NAV_KEY:
            nav_request = text
            continue
        if not _KEY.match(key) or "._" in key:
            raise CommitInvalid(_("“%(key)s” is not a SCORM data model element.") % {"key": key})
        if key in LMS_KEYS:
            continue
        cleaned[key] = text
    return cleaned, nav_request


_INTERACTION = re.compile(r"^cmi\.interactions\.(\d+)\.(.+)$")


def _interactions_record(attempt: PackageAttempt, cmi: dict, touched: dict, now) -> None:
    """Upserts the interactions the commit touched (by index: a repeated commit replaces)."""
    indexes = sorted({int(match.group(1)) for key in touched if (match := _INTERACTION.match(key))})
    for index in indexes:
        prefix = f"cmi.interactions.{index}."
        fields = {key[len(prefix) :]: value for key, value in cmi.items() if key.startswith(prefix)}
        if not fields.get("id"):
            continue
        patterns = [
            fields[name]
            for name in sorted(
                (name for name in fields if re.fullmatch(r"correct_responses\.\d+\.pattern", name)),
                key=lambda name: int(name.split(".")[1]),
            )
        ]
        latency = scoring.duration_seconds(fields.get("latency", ""))
        PackageInteraction.objects.update_or_create(
            attempt=attempt,
            index=index,
            defaults={
                "interaction_id": fields["id"][:4000],
                "interaction_type": fields.get("type", "")[:40],
                "learner_response": fields.get(
                    "learner_response", fields.get("student_response", "")
                ),
                "correct_responses": patterns,
                "result": fields.get("result", "")[:40],
                "latency_seconds": latency,
                "description": fields.get("description", "")[:1000],
                "recorded_at": now,
            },
        )


def item_settings(item: PackageItem) -> dict:
    """What the manifest says about scoring the item: SCORM 1.2 mastery score; SCORM 2004
    completion threshold and scaled passing score (the primary objective's minimum normalized
    measure, when it is satisfied by measure)."""
    data = item.data or {}
    passing = None
    for objective in (data.get("sequencing") or {}).get("objectives") or []:
        if objective.get("primary") and objective.get("satisfied_by_measure"):
            passing = objective.get("min_normalized_measure")
    return {
        "mastery_score": data.get("mastery_score"),
        "completion_threshold": data.get("completion_threshold"),
        "scaled_passing_score": passing,
    }


def attempt_result(attempt: PackageAttempt, cmi: dict, pass_mark: float) -> scoring.ItemResult:
    settings_ = item_settings(attempt.item)
    if attempt.version.kind == PackageKind.SCORM12:
        return scoring.scorm12_result(
            cmi, mastery_score=settings_["mastery_score"], pass_mark=pass_mark
        )
    return scoring.scorm2004_result(
        cmi,
        completion_threshold=settings_["completion_threshold"],
        scaled_passing_score=settings_["scaled_passing_score"],
        pass_mark=pass_mark,
    )


@transaction.atomic
def attempt_commit(
    *, attempt_id: int, user, revision: int, values: dict, finish: bool = False
) -> PackageAttempt:
    """Stores a commit of the learner's own attempt and returns the attempt.

    `values`: {cmi key: value} as the runtime sends them (only the keys changed since the
    last commit, so concurrent tabs merge); `revision`: the attempt's revision the client last
    saw (kept for the record: commits merge whatever it is); `finish`: the SCO called
    Terminate/LMSFinish: its session_time is added to total_seconds and its exit recorded.
    The status and score are read by the rules of the package's version; when the whole package
    is done (its rollup) the lesson is completed. Sends `package_result_recorded` when the
    status or score changed. Raises CommitInvalid (nothing stored) for a bad commit and
    PackageAttempt.DoesNotExist for someone else's attempt.
    """
    attempt = (
        PackageAttempt.objects.select_for_update()
        .select_related("item", "version", "course", "lesson")
        .get(pk=attempt_id, user=user)
    )
    cleaned, nav_request = _clean(values, attempt.version.kind)
    now = timezone.now()
    before = (
        attempt.completion_status,
        attempt.success_status,
        attempt.score_raw,
        attempt.score_scaled,
        attempt.satisfied_at,
    )
    cmi = {**attempt.cmi, **cleaned}
    attempt.cmi = cmi
    for key in LOCATION_KEYS:
        if key in cmi:
            attempt.location = cmi[key][:1000]
    attempt.suspend_data = cmi.get("cmi.suspend_data", attempt.suspend_data)
    if finish:
        for key in SESSION_TIME_KEYS:
            seconds = scoring.duration_seconds(cleaned.get(key, ""))
            if seconds:
                attempt.total_seconds += seconds
        exit_value = next((cmi[key] for key in EXIT_KEYS if key in cmi), "")
        suspended = exit_value == "suspend" or nav_request == "suspendAll"
        attempt.exit = "suspend" if suspended else "normal"
        # Until the next Terminate the attempt keeps the exit it was left with.
    result = attempt_result(attempt, cmi, attempt.course.pass_mark)
    attempt.completion_status = result.completion_status
    attempt.success_status = result.success_status
    attempt.score_raw = result.score_raw
    attempt.score_min = result.score_min
    attempt.score_max = result.score_max
    attempt.score_scaled = result.score_scaled
    if result.is_satisfied and attempt.satisfied_at is None:
        attempt.satisfied_at = now
    attempt.revision += 1
    attempt.updated_at = now
    attempt.save()
    _interactions_record(attempt, cmi, cleaned, now)
    after = (
        attempt.completion_status,
        attempt.success_status,
        attempt.score_raw,
        attempt.score_scaled,
        attempt.satisfied_at,
    )
    if after != before:
        package_result_recorded.send(sender=PackageAttempt, attempt=attempt)
    already_done = LessonProgress.objects.filter(
        user=user, lesson_id=attempt.lesson_id, run=attempt.run
    ).exists()
    if not already_done:
        state = run_state(user=user, version=attempt.version, run=attempt.run)
        if sequencing.is_done(state.rolled[state.tree.root]):
            lesson_complete(user=user, lesson=attempt.lesson.specific)
    attempt.nav_request = nav_request
    return attempt


# --- the state of a run, for sequencing and the table of contents ---------------------------


@dataclass
class RunState:
    tree: sequencing.Tree
    states: dict
    globals_: dict
    rolled: dict
    attempts: dict  # item identifier -> its latest attempt in the run


def version_tree(version: PackageVersion, items=None) -> sequencing.Tree:
    items = items if items is not None else list(version.items.all())
    organization = (version.structure or {}).get("organization") or {
        "identifier": "__organization__",
        "title": version.title,
    }
    return sequencing.tree_build(
        organization=organization,
        items=[
            {
                "identifier": item.identifier,
                "title": item.title,
                "parent_identifier": item.parent_identifier,
                "is_launchable": item.is_launchable,
                "data": item.data,
            }
            for item in items
        ],
        scorm12=version.kind == PackageKind.SCORM12,
    )


_OBJECTIVE = re.compile(r"^cmi\.objectives\.(\d+)\.id$")


def leaf_state(attempt: PackageAttempt | None, kind: str, item: PackageItem) -> dict:
    """A leaf's state for sequencing, from its latest attempt (None: never launched)."""
    if attempt is None:
        return {"attempted": False, "completed": None, "satisfied": None, "objectives": {}}
    if (item.data or {}).get("scorm_type") == "asset":
        # An asset cannot talk to the LMS: launching it completes it.
        return {"attempted": True, "completed": True, "satisfied": True, "objectives": {}}
    if kind == PackageKind.SCORM12:
        finished = attempt.completion_status in scoring.SCORM12_FINISHED
        done = (
            attempt.completion_status in scoring.SCORM12_DONE and attempt.success_status != "failed"
        )
        satisfied = True if done else (False if finished else None)
        completed = True if finished else None
    else:
        completed = {"completed": True, "incomplete": False}.get(attempt.completion_status)
        satisfied = {"passed": True, "failed": False}.get(attempt.success_status)
    objectives = {}
    cmi = attempt.cmi or {}
    for key, objective_id in cmi.items():
        if match := _OBJECTIVE.match(key):
            prefix = f"cmi.objectives.{match.group(1)}."
            status = cmi.get(prefix + "success_status") or cmi.get(prefix + "status", "")
            measure = cmi.get(prefix + "score.scaled", "")
            objectives[objective_id] = {
                "satisfied": {"passed": True, "failed": False}.get(status),
                "measure": float(measure) if measure not in ("", None) else None,
            }
    return {
        "attempted": attempt.revision > 0,
        "completed": completed,
        "satisfied": satisfied,
        "measure": attempt.score_scaled,
        "objectives": objectives,
    }


def run_state(*, user, version: PackageVersion, run: int) -> RunState:
    """Every item's latest attempt in the run, the global objectives they wrote, and the
    rollup. Two queries."""
    items = list(version.items.all())
    by_pk = {item.pk: item for item in items}
    attempts = list(
        PackageAttempt.objects.filter(user=user, version=version, run=run).order_by(
            "updated_at", "pk"
        )
    )
    latest: dict[int, PackageAttempt] = {}
    for attempt in attempts:
        if attempt.item_id not in latest or attempt.number > latest[attempt.item_id].number:
            latest[attempt.item_id] = attempt
    tree = version_tree(version, items)
    states = {
        item.identifier: leaf_state(latest.get(item.pk), version.kind, item)
        for item in items
        if item.is_launchable
    }
    # The learner's global objectives in this run: what every attempt wrote, oldest first, so
    # an objective an earlier attempt satisfied stays satisfied until a later one says not.
    globals_: dict = {}
    for attempt in attempts:
        item = by_pk[attempt.item_id]
        if item.is_launchable:
            globals_ = sequencing.global_objectives(
                tree, {item.identifier: leaf_state(attempt, version.kind, item)}, globals_
            )
    return RunState(
        tree=tree,
        states=states,
        globals_=globals_,
        rolled=sequencing.rollup(tree, states, globals_),
        attempts={item.identifier: latest[item.pk] for item in items if item.pk in latest},
    )


def launch_values(*, attempt: PackageAttempt, user, language: str) -> dict:
    """The data model the runtime starts with: what the attempt stored (resume: location,
    suspend data, status, score, objectives), and what the LMS sets: the learner's opaque id and
    display name, entry, credit, total time, the manifest's values, the preferred language."""
    kind = attempt.version.kind
    data = attempt.item.data or {}
    # Interactions are write-only in SCORM 1.2: not reloaded there.
    stored = {
        key: value
        for key, value in (attempt.cmi or {}).items()
        if not (kind == PackageKind.SCORM12 and key.startswith("cmi.interactions."))
        and key not in SESSION_TIME_KEYS
        and key not in EXIT_KEYS
    }
    # A collection's rows are set in order (n before n + 1), each row's id before its fields.
    ordered = dict(sorted(stored.items(), key=lambda pair: _load_order(pair[0])))
    if attempt.exit == "suspend":
        entry = "resume"
    elif attempt.revision == 0:
        entry = "ab-initio"
    else:
        entry = ""
    name = user.get_full_name() or ""
    settings_ = item_settings(attempt.item)
    if kind == PackageKind.SCORM12:
        lms = {
            "cmi.core.student_id": learner_id(user),
            "cmi.core.student_name": ", ".join(
                part for part in (user.last_name, user.first_name) if part
            ),
            "cmi.core.entry": entry,
            "cmi.core.credit": "credit",
            "cmi.core.lesson_mode": "normal",
            "cmi.core.total_time": _scorm12_time(attempt.total_seconds),
            "cmi.launch_data": data.get("data_from_lms") or "",
            "cmi.student_data.max_time_allowed": data.get("max_time_allowed") or "",
            "cmi.student_data.time_limit_action": data.get("time_limit_action") or "",
            "cmi.student_preference.language": language,
        }
        if settings_["mastery_score"] is not None:
            lms["cmi.student_data.mastery_score"] = _number_text(settings_["mastery_score"])
    else:
        lms = {
            "cmi.learner_id": learner_id(user),
            "cmi.learner_name": name,
            "cmi.entry": entry,
            "cmi.credit": "credit",
            "cmi.mode": "normal",
            "cmi.total_time": f"PT{round(attempt.total_seconds, 2)}S",
            "cmi.launch_data": data.get("data_from_lms") or "",
            "cmi.learner_preference.language": language,
        }
        if settings_["completion_threshold"] is not None:
            lms["cmi.completion_threshold"] = _number_text(settings_["completion_threshold"])
        if settings_["scaled_passing_score"] is not None:
            lms["cmi.scaled_passing_score"] = _number_text(settings_["scaled_passing_score"])
        if data.get("max_time_allowed"):
            lms["cmi.max_time_allowed"] = data["max_time_allowed"]
        if data.get("time_limit_action"):
            lms["cmi.time_limit_action"] = data["time_limit_action"]
        if not stored.get("cmi.learner_preference.language"):
            ordered.pop("cmi.learner_preference.language", None)
    # Empty LMS values are left out (the runtime's defaults), except entry and the name.
    ordered.update(
        (key, value)
        for key, value in lms.items()
        if value != "" or key.endswith((".entry", "_name"))
    )
    return ordered


def _load_order(key: str) -> tuple:
    parts = key.split(".")
    return (
        tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts[:-1]),
        parts[-1] != "id",
        parts[-1],
    )


def _number_text(value: float) -> str:
    return f"{value:g}"


def _scorm12_time(seconds: float) -> str:
    whole = int(seconds)
    hundredths = round((seconds - whole) * 100)
    return f"{whole // 3600:04d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{hundredths:02d}"
