"""The indicators analytics computes and publishes, and how their periods are named.

Pure Python (no Django), shared by the frames, the pipeline, the dashboards and the published
dataset. Each indicator is described in the glossary by an indicator definition page whose
`code` is the indicator's code here; the published rows name that page.
"""

from dataclasses import dataclass
from datetime import date

REQUIREMENT = "requirement"
KNOWLEDGE = "knowledge"
FEEDBACK = "feedback"
TA = "ta"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    family: str
    unit: str
    # "rate": numerator / denominator, both counts of people; "count": value is the numerator;
    # "median" / "mean": value summarises `denominator` people (or responses).
    kind: str
    # Counts of people are suppressed when small; counts of TA requests and hours are not.
    is_about_people: bool = True


INDICATORS: tuple[Indicator, ...] = (
    Indicator("completion_rate", "Training completion rate", REQUIREMENT, "proportion", "rate"),
    Indicator(
        "on_time_rate", "On-time training completion rate", REQUIREMENT, "proportion", "rate"
    ),
    Indicator("overdue_count", "Overdue trainings", REQUIREMENT, "people", "count"),
    Indicator(
        "median_days_to_complete",
        "Median days from assignment to completion",
        REQUIREMENT,
        "days",
        "median",
    ),
    Indicator(
        "liaison_coverage",
        "Training coverage of department liaisons",
        REQUIREMENT,
        "proportion",
        "rate",
    ),
    Indicator(
        "supervisor_coverage",
        "Training coverage of supervisors",
        REQUIREMENT,
        "proportion",
        "rate",
    ),
    Indicator("knowledge_gain", "Knowledge gain", KNOWLEDGE, "percentage points", "mean"),
    Indicator("feedback_score", "Course feedback score", FEEDBACK, "score (1-5)", "mean"),
    Indicator(
        "ta_requests",
        "Technical-assistance requests",
        TA,
        "requests",
        "count",
        is_about_people=False,
    ),
    Indicator(
        "ta_hours", "Technical-assistance hours", TA, "hours", "count", is_about_people=False
    ),
)

BY_CODE: dict[str, Indicator] = {indicator.code: indicator for indicator in INDICATORS}

PERIOD_TYPES = ("fiscal_year", "fiscal_quarter", "month")


def fiscal_year_label(end_year: int) -> str:
    return f"FY {end_year - 1}-{end_year % 100:02d}"


def period_label(period_type: str, start: date) -> str:
    """'FY 2025-26', 'FY 2025-26 Q2' or '2025-11' for a period starting on `start`."""
    end_year = start.year + 1 if start.month >= 7 else start.year
    if period_type == "fiscal_year":
        return fiscal_year_label(end_year)
    if period_type == "fiscal_quarter":
        quarter = (start.month - 7) % 12 // 3 + 1
        return f"{fiscal_year_label(end_year)} Q{quarter}"
    return f"{start.year}-{start.month:02d}"


def slice_key(family: str, fiscal_year: int, *, requirement_id: int | None = None) -> str:
    """The unit a run replaces: a requirement's fiscal year, or a family's fiscal year."""
    if family == REQUIREMENT:
        return f"req{requirement_id}-fy{fiscal_year}"
    return f"{family}-fy{fiscal_year}"
