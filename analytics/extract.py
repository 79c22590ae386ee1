"""Database -> DataFrame: the columns the analytics frames need, and nothing else.

Each reader builds one queryset, then streams its rows straight into pandas: on PostgreSQL with
COPY (the fastest way out of the database), elsewhere through the DB-API cursor. No model
instances are made, so a million assignment cycles cost seconds, not minutes.
"""

import io
from collections.abc import Iterable

import pandas as pd
from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from analytics.frames import CYCLE_COLUMNS
from content.models import TARequest
from courses.models import AssessmentResult, Assignment, FeedbackResponse
from lms.users.models import LiaisonScope, User


def cycles_frame(*, requirement_ids: Iterable[int] | None = None) -> pd.DataFrame:
    """Every assignment cycle (of `requirement_ids`, or of all requirements) with the holder's
    job class and roles: the input of `frames.compliance_by_group`. Dates are local calendar
    days (completions and exemptions are stored as instants)."""
    rows = Assignment.objects.all()
    if requirement_ids is not None:
        rows = rows.filter(requirement_id__in=list(requirement_ids))
    frame = _read(
        rows.values_list(
            "requirement_id",
            "user_id",
            "cycle",
            "department_id",
            "user__job_class_id",
            "opened_on",
            "due_on",
            "completed_at",
            "left_audience_on",
            "is_current",
            "exemption__granted_at",
            "exemption__until_on",
            "exemption__revoked_at",
        ),
        columns=[
            "requirement_id",
            "user_id",
            "cycle",
            "department_id",
            "job_class_id",
            "opened_on",
            "due_on",
            "completed_at",
            "left_on",
            "is_current",
            "granted_at",
            "until_on",
            "revoked_at",
        ],
    )
    liaisons = set(LiaisonScope.objects.values_list("user_id", flat=True).distinct())
    supervisors = set(
        User.objects.filter(is_active=True, supervisor__isnull=False)
        .values_list("supervisor_id", flat=True)
        .distinct()
    )
    frame["is_liaison"] = frame["user_id"].isin(liaisons)
    frame["is_supervisor"] = frame["user_id"].isin(supervisors)
    frame["is_current"] = frame["is_current"].map(_truthy).astype(bool)
    for column in ("opened_on", "due_on", "left_on", "until_on"):
        frame[column] = pd.to_datetime(frame[column])
    frame["completed_on"] = _local_day(frame["completed_at"])
    frame["exempt_from"] = _local_day(frame["granted_at"])
    revoked_on = _local_day(frame["revoked_at"]) - pd.Timedelta(days=1)
    frame["exempt_to"] = frame["until_on"].where(
        revoked_on.isna() | (frame["until_on"].notna() & (frame["until_on"] <= revoked_on)),
        revoked_on,
    )
    # A revoked exemption that never took a day: no exemption at all.
    never = frame["exempt_to"].notna() & (frame["exempt_to"] < frame["exempt_from"])
    frame.loc[never, ["exempt_from", "exempt_to"]] = pd.NaT
    return frame[CYCLE_COLUMNS]


def assessments_frame() -> pd.DataFrame:
    """Pre- and post-assessment scores with the learner's department and job class today."""
    frame = _read(
        AssessmentResult.objects.values_list(
            "user_id",
            "course_id",
            "run",
            "phase",
            "score",
            "submitted_at",
            "user__department_id",
            "user__job_class_id",
        ),
        columns=[
            "user_id",
            "course_id",
            "run",
            "phase",
            "score",
            "submitted_at",
            "department_id",
            "job_class_id",
        ],
    )
    frame["submitted_on"] = _local_day(frame["submitted_at"])
    return frame.drop(columns=["submitted_at"])


def feedback_frame() -> pd.DataFrame:
    """One row per anonymous survey response: its course, day and mean rating (1-5)."""
    rows = [
        (course_id, submitted_on, _mean_rating(ratings))
        for course_id, submitted_on, ratings in FeedbackResponse.objects.values_list(
            "course_id", "submitted_on", "ratings"
        ).iterator(chunk_size=5000)
    ]
    frame = pd.DataFrame(rows, columns=["course_id", "submitted_on", "score"])
    return frame.dropna(subset=["score"])


def ta_requests_frame() -> pd.DataFrame:
    """Technical-assistance requests: department, the day made, hours logged so far."""
    frame = _read(
        TARequest.objects.values_list("department_id", "created_at", "hours_logged"),
        columns=["department_id", "created_at", "hours"],
    )
    frame["created_on"] = _local_day(frame["created_at"])
    frame["hours"] = frame["hours"].astype(float)
    return frame.drop(columns=["created_at"])


def _mean_rating(ratings) -> float | None:
    scores = [
        value
        for value in (ratings or {}).values()
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]
    return sum(scores) / len(scores) if scores else None


def _read(rows: QuerySet, *, columns: list[str]) -> pd.DataFrame:
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
                for block in copy:
                    buffer.write(block)
            buffer.seek(0)
            if not buffer.getbuffer().nbytes:
                return pd.DataFrame(columns=columns)
            return pd.read_csv(buffer, header=None, names=columns, dtype_backend="numpy_nullable")
        cursor.execute(sql, params)
        return pd.DataFrame.from_records(cursor.fetchall(), columns=columns)


def _truthy(value) -> bool:
    return value in (True, 1, "t", "true", "True")


def _local_day(values: pd.Series) -> pd.Series:
    """Instants (UTC) -> the calendar day in the city's time zone, as naive datetime64."""
    stamps = pd.to_datetime(values, utc=True, errors="coerce", format="mixed")
    return stamps.dt.tz_convert(settings.TIME_ZONE).dt.tz_localize(None).dt.normalize()
