"""What a SCORM attempt's data means: durations, scores and status by the rules of its version.

Pure functions over the committed `cmi.*` values (strings, as the runtime sends them), so they
test without a database. `courses.packages.runtime` stores what they compute.
"""

import re
from dataclasses import dataclass

# SCORM 1.2 CMITimespan: HHHH:MM:SS.SS (hours two to four digits, optional hundredths).
_SCORM12_TIME = re.compile(r"^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$")
# SCORM 2004 timeinterval (second), an ISO 8601 duration: P[yY][mM][dD][T[hH][mM][s[.s]S]].
_ISO_DURATION = re.compile(
    r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?"
    r"(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)

# Done by SCORM 1.2's lesson_status; "failed" is finished but not done.
SCORM12_FINISHED = frozenset({"completed", "passed", "failed"})
SCORM12_DONE = frozenset({"completed", "passed"})


def duration_seconds(value: str) -> float | None:
    """Seconds in a SCORM 1.2 timespan ("0001:02:03.5") or a SCORM 2004 ISO 8601 duration
    ("PT1H2M3.5S"); None for an empty or malformed value. Years count 365 days, months 30."""
    value = (value or "").strip()
    if not value:
        return None
    if match := _SCORM12_TIME.match(value):
        hours, minutes, seconds, fraction = match.groups()
        return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + float(fraction or 0)
    if match := _ISO_DURATION.match(value):
        years, months, days, hours, minutes, seconds = (float(part or 0) for part in match.groups())
        return ((years * 365 + months * 30 + days) * 24 + hours) * 3600 + minutes * 60 + seconds
    return None


def _number(value) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def score_percent(*, raw: float | None, min_: float | None, max_: float | None) -> float | None:
    """The raw score as a percentage of its range (0-100 when the package gives no range)."""
    if raw is None:
        return None
    low = 0.0 if min_ is None else min_
    high = 100.0 if max_ is None else max_
    if high <= low:
        return None
    return (raw - low) / (high - low) * 100


@dataclass(frozen=True)
class ItemResult:
    """An attempt's result as the LMS reads it."""

    completion_status: str
    success_status: str  # "passed", "failed" or "unknown"
    score_raw: float | None
    score_min: float | None
    score_max: float | None
    score_scaled: float | None
    is_completed: bool
    is_satisfied: bool  # done: the item counts for the lesson

    @property
    def success(self) -> bool | None:
        return {"passed": True, "failed": False}.get(self.success_status)


def scorm12_result(cmi: dict, *, mastery_score: float | None, pass_mark: float) -> ItemResult:
    """SCORM 1.2: completed/passed count as done. With a mastery score, the raw score decides
    passed/failed (RTE 3.4.2.3.2); without one, the course's pass mark applies to a score the
    package gives (as a percentage of score.min..score.max)."""
    status = cmi.get("cmi.core.lesson_status") or "not attempted"
    raw = _number(cmi.get("cmi.core.score.raw"))
    min_ = _number(cmi.get("cmi.core.score.min"))
    max_ = _number(cmi.get("cmi.core.score.max"))
    percent = score_percent(raw=raw, min_=min_, max_=max_)
    success = {"passed": "passed", "failed": "failed"}.get(status, "unknown")
    credit = cmi.get("cmi.core.credit", "credit") != "no-credit"
    if raw is not None and credit and status != "not attempted":
        if mastery_score is not None:
            success = "passed" if raw >= mastery_score else "failed"
            status = success
        elif percent is not None and status in SCORM12_FINISHED:
            success = "passed" if percent >= pass_mark else "failed"
    return ItemResult(
        completion_status=status,
        success_status=success,
        score_raw=raw,
        score_min=min_,
        score_max=max_,
        score_scaled=None if percent is None else round(percent / 100, 6),
        is_completed=status in SCORM12_FINISHED,
        is_satisfied=status in SCORM12_DONE and success != "failed",
    )


def scorm2004_result(
    cmi: dict,
    *,
    completion_threshold: float | None,
    scaled_passing_score: float | None,
    pass_mark: float,
) -> ItemResult:
    """SCORM 2004: completion_status (or progress_measure against completion_threshold) and
    success_status (or score.scaled against scaled_passing_score, RTE 4.2.22); without a
    passing score from the package, the course's pass mark applies to a score it gives. Done
    when completed and not failed."""
    completion = cmi.get("cmi.completion_status") or "unknown"
    progress = _number(cmi.get("cmi.progress_measure"))
    if completion_threshold is not None and progress is not None:
        completion = "completed" if progress >= completion_threshold else "incomplete"
    success = cmi.get("cmi.success_status") or "unknown"
    raw = _number(cmi.get("cmi.score.raw"))
    min_ = _number(cmi.get("cmi.score.min"))
    max_ = _number(cmi.get("cmi.score.max"))
    scaled = _number(cmi.get("cmi.score.scaled"))
    percent = scaled * 100 if scaled is not None else None
    if percent is None and raw is not None and max_ is not None:
        percent = score_percent(raw=raw, min_=min_, max_=max_)
    if scaled_passing_score is not None:
        if scaled is not None:
            success = "passed" if scaled >= scaled_passing_score else "failed"
    elif percent is not None and (success != "unknown" or completion == "completed"):
        success = "passed" if percent >= pass_mark else "failed"
    if success not in ("passed", "failed"):
        success = "unknown"
    return ItemResult(
        completion_status=completion,
        success_status=success,
        score_raw=raw,
        score_min=min_,
        score_max=max_,
        score_scaled=scaled,
        is_completed=completion == "completed",
        is_satisfied=completion == "completed" and success != "failed",
    )
