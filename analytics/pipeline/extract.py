"""Database -> DataFrame: the columns the analytics frames need, and nothing else.

Each reader builds one queryset whose columns are already what the frames want (instants turned
into the city's calendar days by the database, `TruncDate` in the current time zone), then
streams its rows straight into pandas: on PostgreSQL with COPY, parsed by pyarrow's CSV reader
with the column types given, elsewhere through the DB-API cursor. No model instances are made,
so a million assignment cycles take a couple of seconds.
"""

import contextlib
import io
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Exists, FloatField, Func, OuterRef, QuerySet, TextField
from django.db.models.functions import Cast, TruncDate

from analytics.pipeline.frames import CYCLE_COLUMNS
from content.ta.models import TARequest
from courses.compliance.models import Assignment, Exemption
from courses.learning.models import AssessmentResult, FeedbackResponse
from lms.users.models import LiaisonScope, User

_INT = pa.int64()
_DAY = pa.date32()
_BOOL = pa.bool_()
_FLOAT = pa.float64()
_TEXT = pa.string()


def cycles_frame(
    *,
    requirement_ids: Iterable[int] | None = None,
    people: pd.DataFrame | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> pd.DataFrame:
    """Every assignment cycle (of `requirement_ids`, or of all requirements) with the holder's
    job class and roles: the input of `frames.requirement_indicators`. Dates are the city's
    calendar days.

    An incremental run reads every cycle of its requirements, as the full run does: picking
    out only those that may count in the years it recomputes took the database a lookup per
    cycle, several times what reading the rest costs. `people` is `people_frame()` if the
    caller has read it already. `using` names the database to read
    (the replica, for the full run).

    Three reads: the assignments alone (a bare scan), then the holders and the exemptions,
    joined here by position; joining them in the database, and working out each holder's roles
    once per cycle, cost it more than reading them again."""
    rows = Assignment.objects.using(using)
    exemptions = Exemption.objects.using(using)
    if requirement_ids is not None:
        requirement_ids = list(requirement_ids)
        rows = rows.filter(requirement_id__in=requirement_ids)
        # The engine gives a cycle the exemption from its own requirement.
        exemptions = exemptions.filter(requirement_id__in=requirement_ids)
    frame = _read(
        rows.annotate(completed_on=TruncDate("completed_at")).values_list(
            "requirement_id",
            "user_id",
            "cycle",
            "department_id",
            "opened_on",
            "due_on",
            "completed_on",
            "left_audience_on",
            "is_current",
            "exemption_id",
        ),
        columns={
            "requirement_id": _INT,
            "user_id": _INT,
            "cycle": _INT,
            "department_id": _INT,
            "opened_on": _DAY,
            "due_on": _DAY,
            "completed_on": _DAY,
            "left_on": _DAY,
            "is_current": _BOOL,
            "exemption_id": _INT,
        },
    )
    people = people_frame(using=using) if people is None else people
    frame = frame.assign(
        **_of_each(people, frame["user_id"], ["job_class_id", "is_liaison", "is_supervisor"])
    )
    excused = _read(
        exemptions.annotate(
            granted_on=TruncDate("granted_at"), revoked_on=TruncDate("revoked_at")
        ).values_list("pk", "granted_on", "until_on", "revoked_on"),
        columns={"exemption_id": _INT, "exempt_from": _DAY, "until_on": _DAY, "revoked_on": _DAY},
    )
    which = pd.Index(excused["exemption_id"]).get_indexer(frame["exemption_id"])
    for column in ("exempt_from", "until_on", "revoked_on"):
        # -1 (no exemption, most cycles) takes a missing day.
        frame[column] = excused[column].array.take(which, allow_fill=True)
    # An exemption runs to its end date, or to the day before it was revoked if sooner; one
    # revoked before it began never took a day.
    revoked_before = frame["revoked_on"] - pd.Timedelta(days=1)
    frame["exempt_to"] = frame["until_on"].where(
        revoked_before.isna() | (frame["until_on"].notna() & (frame["until_on"] <= revoked_before)),
        revoked_before,
    )
    never = frame["exempt_to"].notna() & (frame["exempt_to"] < frame["exempt_from"])
    frame.loc[never, ["exempt_from", "exempt_to"]] = pd.NaT
    return frame[CYCLE_COLUMNS]


def people_frame(*, using: str = DEFAULT_DB_ALIAS) -> pd.DataFrame:
    """Every person: department and job class today, and whether they are a liaison or
    supervise someone active (their roles today: the roster keeps no history of roles)."""
    return _read(
        User.objects.using(using)
        .annotate(
            is_liaison=Exists(LiaisonScope.objects.filter(user_id=OuterRef("pk"))),
            is_supervisor=Exists(User.objects.filter(is_active=True, supervisor_id=OuterRef("pk"))),
        )
        .values_list("pk", "department_id", "job_class_id", "is_liaison", "is_supervisor"),
        columns={
            "user_id": _INT,
            "department_id": _INT,
            "job_class_id": _INT,
            "is_liaison": _BOOL,
            "is_supervisor": _BOOL,
        },
    )


def _of_each(people: pd.DataFrame, user_ids: pd.Series, columns: list[str]) -> dict:
    """`columns` of `people` for each of `user_ids`, by position: missing (no group, no role)
    for someone not in `people` (added or removed between the two reads)."""
    at = pd.Index(people["user_id"]).get_indexer(user_ids)
    known = at >= 0
    found = {}
    for column in columns:
        values = people[column].to_numpy()
        if values.dtype == bool:
            found[column] = np.where(known, values[at], False)
        else:
            found[column] = people[column].array.take(at, allow_fill=True)
    return found


def assessments_frame(
    *, people: pd.DataFrame | None = None, using: str = DEFAULT_DB_ALIAS
) -> pd.DataFrame:
    """Pre- and post-assessment scores with the learner's department and job class today
    (from `people`, `people_frame()` if the caller has read it already)."""
    frame = _read(
        AssessmentResult.objects.using(using)
        .annotate(submitted_on=TruncDate("submitted_at"))
        .values_list("user_id", "course_id", "run", "phase", "score", "submitted_on"),
        columns={
            "user_id": _INT,
            "course_id": _INT,
            "run": _INT,
            "phase": _TEXT,
            "score": _FLOAT,
            "submitted_on": _DAY,
        },
    )
    people = people_frame(using=using) if people is None else people
    return frame.assign(**_of_each(people, frame["user_id"], ["department_id", "job_class_id"]))


def feedback_frame(*, using: str = DEFAULT_DB_ALIAS) -> pd.DataFrame:
    """One row per anonymous survey response: its course, day and mean rating (1-5)."""
    if connections[using].vendor == "postgresql":
        # The database picks out each response's numeric ratings (a JSON array of numbers);
        # their mean is worked out here, all responses at once. Asking the database for the
        # mean runs a subquery per response, and took it three times as long.
        responses = FeedbackResponse.objects.using(using).annotate(numbers=_JsonNumbers("ratings"))
        frame = _read(
            responses.values_list("course_id", "submitted_on", "numbers"),
            columns={"course_id": _INT, "submitted_on": _DAY, "numbers": _TEXT},
        )
        frame = frame.assign(score=_means_of_number_arrays(frame.pop("numbers")))
    else:
        rows = [
            (course_id, submitted_on, _mean_rating(ratings))
            for course_id, submitted_on, ratings in FeedbackResponse.objects.using(using)
            .values_list("course_id", "submitted_on", "ratings")
            .iterator(chunk_size=5000)
        ]
        frame = pd.DataFrame(rows, columns=["course_id", "submitted_on", "score"])
        frame["submitted_on"] = pd.to_datetime(frame["submitted_on"])
    return frame.dropna(subset=["score"])


def ta_requests_frame(*, using: str = DEFAULT_DB_ALIAS) -> pd.DataFrame:
    """Technical-assistance requests: department, the day made, hours logged so far."""
    return _read(
        TARequest.objects.using(using)
        .annotate(created_on=TruncDate("created_at"), hours=Cast("hours_logged", FloatField()))
        .values_list("department_id", "created_on", "hours"),
        columns={"department_id": _INT, "created_on": _DAY, "hours": _FLOAT},
    )


class _JsonNumbers(Func):
    """PostgreSQL: the numeric values of a JSON object (a survey response's ratings), as the
    text of a JSON array, "[4, 5, 3]"."""

    template = "jsonb_path_query_array(%(expressions)s, '$.* ? (@.type() == \"number\")')::text"
    output_field = TextField()


def _means_of_number_arrays(texts: pd.Series) -> np.ndarray:
    """The mean of each JSON array of numbers in `texts` ("[4, 5, 3]", PostgreSQL's spelling),
    missing for an empty one."""
    items = pc.split_pattern(pc.utf8_slice_codeunits(pa.array(texts, pa.string()), 1, -1), ", ")
    owners = pc.list_parent_indices(items)
    numbers = pc.list_flatten(items)
    present = pc.not_equal(numbers, "")  # "[]" splits into one empty string
    owners = pc.filter(owners, present).to_numpy()
    values = pc.cast(pc.filter(numbers, present), pa.float64()).to_numpy()
    counts = np.bincount(owners, minlength=len(texts))
    sums = np.bincount(owners, weights=values, minlength=len(texts))
    with np.errstate(invalid="ignore"):
        return sums / counts


def _mean_rating(ratings) -> float | None:
    scores = [
        value
        for value in (ratings or {}).values()
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]
    return sum(scores) / len(scores) if scores else None


def logged(cursor, sql: str, params=None):
    """Records a statement run on the bare DB-API cursor (COPY) in the connection's query log
    like any other, while queries are being logged (DEBUG, or a test capturing them)."""
    debug_sql = getattr(cursor, "debug_sql", None)
    return debug_sql(sql, params) if debug_sql else contextlib.nullcontext()


def _read(rows: QuerySet, *, columns: dict[str, pa.DataType]) -> pd.DataFrame:
    """The queryset's rows as a DataFrame with these column names and types: integers (missing
    ones make the column float), booleans, floats, text, and days as datetime64."""
    names = list(columns)
    # Unordered: the frames do not care, and an ORDER BY would force an index scan.
    rows = rows.order_by()
    connection = connections[rows.db]
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            copy_sql = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
            # One long scan: compiling it to machine code (JIT) costs more than it saves.
            cursor.execute("SET jit = off")
            try:
                with logged(cursor, copy_sql, params), cursor.cursor.copy(copy_sql, params) as copy:
                    for block in copy:
                        buffer.write(block)
            finally:
                cursor.execute("RESET jit")
            if not buffer.tell():  # no rows: pyarrow refuses an empty file
                return (
                    pa.schema(list(columns.items())).empty_table().to_pandas(date_as_object=False)
                )
            buffer.seek(0)
            table = pa_csv.read_csv(
                buffer,
                read_options=pa_csv.ReadOptions(column_names=names),
                convert_options=pa_csv.ConvertOptions(
                    column_types=columns,
                    true_values=["t"],
                    false_values=["f"],
                    strings_can_be_null=True,
                ),
            )
            return table.to_pandas(date_as_object=False)
        cursor.execute(sql, params)
        frame = pd.DataFrame.from_records(cursor.fetchall(), columns=names)
    for name, kind in columns.items():
        if kind == _DAY:
            frame[name] = pd.to_datetime(frame[name])
        elif kind == _BOOL:
            frame[name] = frame[name].astype(bool)
        elif kind == _FLOAT:
            frame[name] = frame[name].astype(float)
    return frame
