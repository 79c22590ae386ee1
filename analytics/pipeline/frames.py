"""Training records in, indicator cells out: pure pandas, no ORM, no clock, no I/O.

Every function takes DataFrames and an explicit `as_of` and returns a DataFrame of *cells*, one
row per indicator x requirement or course x period x group, with these columns (`CELL_COLUMNS`):

    slice_key, indicator, requirement_id, course_id, period_type, period_start, period_end,
    scope, department_id, job_class_id, numerator, denominator, value

`scope` is "citywide", "department" or "job_class"; the id of the group sits in the matching
column, the others are missing. Periods are fiscal years (July to June), fiscal quarters and
calendar months; a period still running is reported as of `as_of`. Periods that have not begun,
and groups with no one to count, produce no row.

Compliance indicators are *stocks*: at each period's reporting date (its last day, or `as_of`),
who is in the audience, and how their cycle in force stands. Following DESIGN.md, the
denominator is the active people in the audience on that date, less those exempt on it. A cycle
is in force from the day it opens until the next cycle opens or the person leaves the audience;
a closed cycle with neither (the engine withdrew it) never counts. A cycle counts for the
department it records: the one the person was in while it was current.
"""

from datetime import date

import numpy as np
import pandas as pd

from analytics.pipeline.indicators import FEEDBACK, KNOWLEDGE, REQUIREMENT, TA, slice_key

CELL_COLUMNS = [
    "slice_key",
    "indicator",
    "requirement_id",
    "course_id",
    "period_type",
    "period_start",
    "period_end",
    "scope",
    "department_id",
    "job_class_id",
    "numerator",
    "denominator",
    "value",
]

CYCLE_COLUMNS = [
    "requirement_id",
    "user_id",
    "cycle",
    "department_id",
    "job_class_id",
    "is_liaison",
    "is_supervisor",
    "opened_on",
    "due_on",
    "completed_on",
    "left_on",
    "is_current",
    "exempt_from",
    "exempt_to",
]

_FREQ = {"fiscal_year": "Y-JUN", "fiscal_quarter": "Q-JUN", "month": "M"}
_NEVER = np.iinfo(np.int64).max // 2
# Job classes are many and small: they are reported by fiscal year and quarter, not by month.
_JOB_CLASS_PERIODS = ("fiscal_year", "fiscal_quarter")


def empty_cells() -> pd.DataFrame:
    return _typed(pd.DataFrame({column: [] for column in CELL_COLUMNS}))


def periods_until(first_on: date, *, as_of: date) -> pd.DataFrame:
    """Every fiscal year, fiscal quarter and month from the one holding `first_on` to the one
    holding `as_of`. Columns: period_type, period_start, period_end, reported_on (the period's
    last day, or `as_of` while it runs), fiscal_year (the calendar year it ends in)."""
    if first_on > as_of:
        return pd.DataFrame(
            columns=["period_type", "period_start", "period_end", "reported_on", "fiscal_year"]
        )
    frames = []
    for period_type, freq in _FREQ.items():
        spans = pd.period_range(
            pd.Period(first_on, freq=freq), pd.Period(as_of, freq=freq), freq=freq
        )
        starts = spans.start_time.date
        ends = spans.end_time.date
        frames.append(
            pd.DataFrame(
                {
                    "period_type": period_type,
                    "period_start": starts,
                    "period_end": ends,
                    "reported_on": [min(end, as_of) for end in ends],
                    "fiscal_year": pd.PeriodIndex(starts, freq="Y-JUN").year,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def compliance_by_group(
    cycles: pd.DataFrame, *, as_of: date, fiscal_years: set[int] | None = None
) -> pd.DataFrame:
    """Completion rate, on-time rate, overdue count and the coverage of liaisons and
    supervisors, per requirement, at each period's reporting date.

    `cycles` has `CYCLE_COLUMNS`, one row per assignment cycle (dates as datetime64 or date;
    missing dates as NaT). `fiscal_years`, if given, limits the output to those years.

    - completion_rate: people whose cycle in force is completed / people counted.
    - on_time_rate: of them, completed on or before the cycle's due date / people counted.
    - overdue_count: cycles in force past their due date and not completed (value = count).
    - liaison_coverage, supervisor_coverage: completion rate among the people who are liaisons
      or supervisors (their role today: the roster keeps no history of roles), citywide and by
      department.
    """
    if cycles.empty:
        return empty_cells()
    return _compliance(cycles, _cycle_days(cycles), as_of=as_of, fiscal_years=fiscal_years)


def requirement_indicators(
    cycles: pd.DataFrame, *, as_of: date, fiscal_years: set[int] | None = None
) -> pd.DataFrame:
    """`compliance_by_group` and `median_days_by_group` together, reading the cycles once."""
    if cycles.empty:
        return empty_cells()
    days = _cycle_days(cycles)
    return _finish(
        [
            _compliance(cycles, days, as_of=as_of, fiscal_years=fiscal_years),
            _median_days(cycles, days, as_of=as_of, fiscal_years=fiscal_years),
        ]
    )


def _compliance(
    cycles: pd.DataFrame, days: dict, *, as_of: date, fiscal_years: set[int] | None
) -> pd.DataFrame:
    periods = periods_until(_from_days(days["opened"].min()), as_of=as_of)
    if fiscal_years is not None:
        periods = periods[periods["fiscal_year"].isin(fiscal_years)]
    if periods.empty:
        return empty_cells()
    grid = np.unique(_to_days(periods["reported_on"]))
    spans = _stock_spans(days, grid)
    requirement = cycles["requirement_id"].to_numpy(dtype=np.int64)
    job_class_periods = periods[periods["period_type"].isin(_JOB_CLASS_PERIODS)]
    # Counted by requirement x department, cycles with no department in a group of their own:
    # the citywide counts are the sums of a requirement's groups, not another pass.
    by_department = _Groups(requirement, _group_keys(cycles, "department_id"))
    counts = by_department.count(spans, len(grid))
    frames = [
        _rate_cells(by_department.citywide(counts), periods, grid, scope="citywide", column=None),
        _rate_cells(
            by_department.present(counts),
            periods,
            grid,
            scope="department",
            column="department_id",
        ),
    ]
    by_job_class = _Groups(requirement, _group_keys(cycles, "job_class_id"))
    counts = by_job_class.count(spans, len(grid))
    frames.append(
        _rate_cells(
            by_job_class.present(counts),
            job_class_periods,
            grid,
            scope="job_class",
            column="job_class_id",
        )
    )
    for role, indicator in (
        ("is_liaison", "liaison_coverage"),
        ("is_supervisor", "supervisor_coverage"),
    ):
        has_role = cycles[role].to_numpy(dtype=bool)
        if not has_role.any():
            continue
        counts = by_department.count(
            spans, len(grid), only=has_role, measures=("counted", "completed")
        )
        for scope, column, part in (
            ("citywide", None, by_department.citywide(counts)),
            ("department", "department_id", by_department.present(counts)),
        ):
            frames.append(
                _rate_cells(
                    part, periods, grid, scope=scope, column=column, only={indicator: "completed"}
                )
            )
    return _finish(frames)


def median_days_by_group(
    cycles: pd.DataFrame, *, as_of: date, fiscal_years: set[int] | None = None
) -> pd.DataFrame:
    """Median days from a cycle opening to its completion, over the cycles completed in each
    period (by completion date), citywide and by department. A completion dated before the cycle
    opened (an earlier course that still counted) counts as 0 days. `denominator` is the number
    of completions; `numerator` is empty."""
    if cycles.empty:
        return empty_cells()
    return _median_days(cycles, _cycle_days(cycles), as_of=as_of, fiscal_years=fiscal_years)


def _median_days(
    cycles: pd.DataFrame, days: dict, *, as_of: date, fiscal_years: set[int] | None
) -> pd.DataFrame:
    done = (days["completed"] != _NEVER) & (days["completed"] <= _day(as_of)) & days["counts"]
    if not done.any():
        return empty_cells()
    month = _month_ordinals(days["completed"][done])
    if fiscal_years is not None:
        kept = np.isin(_fiscal_year_of_month(month), list(fiscal_years))
        done[done] = kept
        month = month[kept]
    frame = pd.DataFrame(
        {
            "requirement_id": cycles["requirement_id"].to_numpy(dtype=np.int64)[done],
            "department_id": _group_keys(cycles, "department_id")[done],
            "days": np.maximum(days["completed"][done] - days["opened"][done], 0),
        }
    )
    frames = []
    for period_type in _FREQ:
        frame["period"] = _period_first_month(month, period_type)
        for scope, column in (("citywide", None), ("department", "department_id")):
            keys = ["requirement_id", "period"] + ([column] if column else [])
            rows = frame if column is None else frame[frame[column] >= 0]
            grouped = rows.groupby(keys, sort=True)["days"]
            result = pd.DataFrame(
                {"value": grouped.median(), "denominator": grouped.size()}
            ).reset_index()
            result["period_type"] = period_type
            result["scope"] = scope
            frames.append(result)
    cells = pd.concat(frames, ignore_index=True)
    cells = _with_month_period_columns(cells)
    cells["indicator"] = "median_days_to_complete"
    cells["numerator"] = np.nan
    cells["slice_key"] = _requirement_slice_keys(cells["fiscal_year"], cells["requirement_id"])
    return _finish([cells])


def knowledge_gain_by_group(assessments: pd.DataFrame, *, as_of: date) -> pd.DataFrame:
    """Mean gain (post-assessment score minus pre-assessment score, in percentage points) per
    course, over the learners who took both in the same run, dated by the post-assessment.

    `assessments`: user_id, course_id, run, phase ("pre"/"post"), score, submitted_on,
    department_id, job_class_id. `numerator` is the sum of gains, `denominator` the learners."""
    keys = ["user_id", "course_id", "run"]
    if assessments.empty:
        return empty_cells()
    pre = assessments.loc[assessments["phase"] == "pre", [*keys, "score"]]
    post = assessments[assessments["phase"] == "post"]
    post = post[pd.to_datetime(post["submitted_on"]) <= pd.Timestamp(as_of)]
    both = post.merge(pre.rename(columns={"score": "pre"}), on=keys, how="inner")
    if both.empty:
        return empty_cells()
    both["gain"] = both["score"].astype(float) - both["pre"].astype(float)
    return _flow_cells(
        both.rename(columns={"submitted_on": "on"}),
        value_column="gain",
        indicator="knowledge_gain",
        family=KNOWLEDGE,
        entity="course_id",
        scopes=("citywide", "department", "job_class"),
    )


def feedback_score_by_course(feedback: pd.DataFrame, *, as_of: date) -> pd.DataFrame:
    """Mean feedback score (1-5) per course, over responses submitted in each period. Feedback
    is anonymous, so it is citywide only. `feedback`: course_id, submitted_on, score (the mean
    of one response's ratings). `numerator` is the sum of scores, `denominator` the responses."""
    if feedback.empty:
        return empty_cells()
    responses = feedback[pd.to_datetime(feedback["submitted_on"]) <= pd.Timestamp(as_of)]
    if responses.empty:
        return empty_cells()
    return _flow_cells(
        responses.rename(columns={"submitted_on": "on"}),
        value_column="score",
        indicator="feedback_score",
        family=FEEDBACK,
        entity="course_id",
        scopes=("citywide",),
    )


def ta_activity_by_department(requests: pd.DataFrame, *, as_of: date) -> pd.DataFrame:
    """Technical-assistance requests made, and hours logged on them, by the period the request
    was made in, citywide and by department. `requests`: department_id, created_on, hours."""
    if requests.empty:
        return empty_cells()
    made = requests[pd.to_datetime(requests["created_on"]) <= pd.Timestamp(as_of)].copy()
    if made.empty:
        return empty_cells()
    made["on"] = made["created_on"]
    made["one"] = 1.0
    frames = []
    for indicator, column in (("ta_requests", "one"), ("ta_hours", "hours")):
        cells = _flow_cells(
            made,
            value_column=column,
            indicator=indicator,
            family=TA,
            entity=None,
            scopes=("citywide", "department"),
        )
        cells["value"] = cells["numerator"]
        cells["denominator"] = np.nan
        frames.append(cells)
    return _finish(frames)


# --- compliance stocks --------------------------------------------------------------------


def _cycle_days(cycles: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each cycle's dates as day numbers, with `end`: the first day it is no longer in force."""
    opened = _to_days(cycles["opened_on"])
    due = _to_days(cycles["due_on"])
    completed = _to_days(cycles["completed_on"], missing=_NEVER)
    left = _to_days(cycles["left_on"], missing=_NEVER)
    exempt_from = _to_days(cycles["exempt_from"], missing=_NEVER)
    exempt_to = _to_days(cycles["exempt_to"], missing=_NEVER - 1) + 1
    # The day the next cycle of the same person and requirement opens, if there is one.
    requirement = cycles["requirement_id"].to_numpy(dtype=np.int64)
    user = cycles["user_id"].to_numpy(dtype=np.int64)
    order = np.lexsort((cycles["cycle"].to_numpy(dtype=np.int64), user, requirement))
    same_holder = (requirement[order][1:] == requirement[order][:-1]) & (
        user[order][1:] == user[order][:-1]
    )
    has_next = np.zeros(len(order), dtype=bool)
    next_opened = np.full(len(order), _NEVER, dtype=np.int64)
    has_next[order[:-1]] = same_holder
    next_opened[order[:-1]] = np.where(same_holder, opened[order][1:], _NEVER)
    is_current = cycles["is_current"].to_numpy(dtype=bool)
    withdrawn = ~is_current & (left == _NEVER) & ~has_next
    # The current cycle is in force until its holder leaves, whatever later cycle the engine
    # opened and withdrew; an earlier one until the next cycle opens.
    end = np.where(is_current, left, np.minimum(next_opened, left))
    end = np.where(withdrawn, opened, end)
    return {
        "opened": opened,
        "due": due,
        "completed": completed,
        "end": end,
        "exempt_from": exempt_from,
        "exempt_to": exempt_to,
        "counts": ~withdrawn,
    }


def _stock_spans(days: dict[str, np.ndarray], grid: np.ndarray) -> dict:
    """For each measure, as positions on the grid of reporting dates: the span over which a
    cycle adds one to it (first position held, first position no longer held), and the part
    of that span its exemption covers, which takes the one away again. Only the cycles whose
    span holds some date are kept, with their row numbers: `(rows, low, high)` for the spans,
    then the same for the exemptions."""
    opened, end, completed, due = days["opened"], days["end"], days["completed"], days["due"]
    completed_start = np.maximum(opened, completed)
    spans = {
        "counted": (opened, end),
        "completed": (completed_start, end),
        "on_time": (np.where(completed <= due, completed_start, _NEVER), end),
        "overdue": (np.maximum(opened, due + 1), np.minimum(end, completed)),
    }
    position = _grid_position(grid)
    kept = {}
    for name, (start, stop) in spans.items():
        low, high = position(start), position(stop)
        exempt_low = position(np.maximum(start, days["exempt_from"]))
        exempt_high = position(np.minimum(stop, days["exempt_to"]))
        kept[name] = (*_nonempty(low, high), *_nonempty(exempt_low, exempt_high))
    return kept


def _grid_position(grid: np.ndarray):
    """`np.searchsorted(grid, days)` for day numbers, by looking each day up in a table of
    the days the grid spans (a few years of days: far quicker than a binary search each)."""
    first, last = int(grid[0]), int(grid[-1])
    table = np.concatenate(
        [[0], np.searchsorted(grid, np.arange(first, last + 1), side="left"), [len(grid)]]
    )

    def position(days: np.ndarray) -> np.ndarray:
        return table[np.clip(days, first - 1, last + 1) - (first - 1)]

    return position


def _nonempty(low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = np.flatnonzero(low < high)
    return rows, low[rows], high[rows]


class _Groups:
    """The (requirement, group) pairs of the cycles, as codes 0..n-1 in order of first
    appearance: a cycle with no group (-1: no department, no job class) is in a pair of its
    own, kept for the citywide sums and left out of the group's cells."""

    def __init__(self, requirement: np.ndarray, keys: np.ndarray):
        # One int64 per (requirement, group + 1): ids are database keys, far below 2**31.
        self.codes, pairs = pd.factorize(requirement * (1 << 32) + (keys + 1))
        self.requirement_ids = pairs >> 32
        self.group_ids = (pairs & ((1 << 32) - 1)) - 1

    def count(
        self,
        spans: dict,
        width: int,
        *,
        only: np.ndarray | None = None,
        measures: tuple[str, ...] = ("counted", "completed", "on_time", "overdue"),
    ) -> dict:
        """How many cycles (of those in `only`, if given) each measure holds, per pair, at each
        reporting date: a (pairs x dates) array per measure."""
        pairs = len(self.requirement_ids)
        # Cycles left out go to one more row, dropped at the end.
        codes = self.codes if only is None else np.where(only, self.codes, pairs)
        counts = {}
        for name in measures:
            rows, low, high, exempt_rows, exempt_low, exempt_high = spans[name]
            counts[name] = _tally(codes[rows], low, high, pairs, width) - _tally(
                codes[exempt_rows], exempt_low, exempt_high, pairs, width
            )
        return counts

    def present(self, counts: dict) -> dict:
        """The counts of the pairs with a group, with their (requirement id, group id)."""
        has_group = self.group_ids >= 0
        kept = {name: matrix[has_group] for name, matrix in counts.items()}
        kept["groups"] = (self.requirement_ids[has_group], self.group_ids[has_group])
        return kept

    def citywide(self, counts: dict) -> dict:
        """The counts summed over each requirement's pairs, with (requirement id, None)."""
        codes, requirement_ids = pd.factorize(self.requirement_ids)
        summed = {}
        for name, matrix in counts.items():
            total = np.zeros((len(requirement_ids), matrix.shape[1]), dtype=matrix.dtype)
            np.add.at(total, codes, matrix)
            summed[name] = total
        summed["groups"] = (np.asarray(requirement_ids), None)
        return summed


def _group_keys(cycles: pd.DataFrame, column: str | None) -> np.ndarray | None:
    """The group of each cycle as int64, -1 where it has none (no department, no job class)."""
    if column is None:
        return None
    return cycles[column].astype("Int64").fillna(-1).to_numpy(dtype=np.int64)


def _tally(codes: np.ndarray, low: np.ndarray, high: np.ndarray, groups: int, width: int):
    """A (groups x dates) array: at each reporting date, how many spans of each group hold it.
    A span [low, high) of grid positions adds one at low and takes it off at high. Codes
    equal to `groups` are counted in a row of their own, then dropped."""
    stride = width + 1
    size = (groups + 1) * stride
    base = codes * stride
    steps = np.bincount(base + low, minlength=size) - np.bincount(base + high, minlength=size)
    return steps.reshape(groups + 1, stride).cumsum(axis=1)[:groups, :width]


def _rate_cells(
    counts: dict,
    periods: pd.DataFrame,
    grid: np.ndarray,
    *,
    scope: str,
    column: str | None,
    only: dict[str, str] | None = None,
) -> pd.DataFrame:
    wanted = only or {
        "completion_rate": "completed",
        "on_time_rate": "on_time",
        "overdue_count": "overdue",
    }
    requirement_ids, group_ids = counts["groups"]
    if len(requirement_ids) == 0 or periods.empty:
        return empty_cells()
    at = np.searchsorted(grid, _to_days(periods["reported_on"]))
    denominator = counts["counted"][:, at]
    group_index, period_index = np.nonzero(denominator > 0)
    if len(group_index) == 0:
        return empty_cells()
    base = {
        "requirement_id": np.asarray(requirement_ids)[group_index],
        "period_type": periods["period_type"].to_numpy()[period_index],
        "period_start": periods["period_start"].to_numpy()[period_index],
        "period_end": periods["period_end"].to_numpy()[period_index],
        "fiscal_year": periods["fiscal_year"].to_numpy()[period_index],
        "scope": scope,
    }
    if column:
        base[column] = np.asarray(group_ids)[group_index]
    frames = []
    for indicator, measure in wanted.items():
        numerator = counts[measure][:, at][group_index, period_index].astype(float)
        counted = denominator[group_index, period_index].astype(float)
        frame = pd.DataFrame(base)
        frame["indicator"] = indicator
        frame["numerator"] = numerator
        frame["denominator"] = counted
        frame["value"] = numerator if indicator == "overdue_count" else numerator / counted
        frames.append(frame)
    cells = pd.concat(frames, ignore_index=True)
    cells["slice_key"] = _requirement_slice_keys(cells["fiscal_year"], cells["requirement_id"])
    return cells


# --- flows (events dated in a period) -------------------------------------------------------


def _flow_cells(
    events: pd.DataFrame,
    *,
    value_column: str,
    indicator: str,
    family: str,
    entity: str | None,
    scopes: tuple[str, ...],
) -> pd.DataFrame:
    """Sum and count of `value_column` per entity x period x group; value is the mean."""
    month = _month_ordinals(_to_days(events["on"]))
    frame = pd.DataFrame({"value": events[value_column].to_numpy(dtype=float)})
    if entity:
        frame[entity] = events[entity].astype("Int64").fillna(-1).to_numpy(dtype=np.int64)
    for column in ("department_id", "job_class_id"):
        if column in events:
            frame[column] = _group_keys(events, column)
    frames = []
    for period_type in _FREQ:
        frame["period"] = _period_first_month(month, period_type)
        for scope in scopes:
            if scope == "job_class" and period_type not in _JOB_CLASS_PERIODS:
                continue
            column = {"citywide": None, "department": "department_id", "job_class": "job_class_id"}[
                scope
            ]
            keys = ([entity] if entity else []) + ["period"] + ([column] if column else [])
            rows = frame if column is None else frame[frame[column] >= 0]
            grouped = rows.groupby(keys, sort=True)["value"]
            result = pd.DataFrame(
                {"numerator": grouped.sum(), "denominator": grouped.size()}
            ).reset_index()
            result["value"] = result["numerator"] / result["denominator"]
            result["period_type"] = period_type
            result["scope"] = scope
            frames.append(result)
    cells = _with_month_period_columns(pd.concat(frames, ignore_index=True))
    cells["indicator"] = indicator
    years = cells["fiscal_year"].to_numpy(dtype=np.int64)
    cells["slice_key"] = _each_of(years, lambda year: slice_key(family, int(year)))
    return _finish([cells])


# --- shared ------------------------------------------------------------------------------


def _finish(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return empty_cells()
    cells = pd.concat(frames, ignore_index=True)
    for column in CELL_COLUMNS:
        if column not in cells:
            cells[column] = pd.NA
    return _typed(cells[CELL_COLUMNS])


def _requirement_slice_keys(years: pd.Series, requirement_ids: pd.Series) -> np.ndarray:
    """The slice key of each (fiscal year, requirement) pair."""
    pairs = years.to_numpy(dtype=np.int64) * (1 << 32) + requirement_ids.to_numpy(dtype=np.int64)
    return _each_of(
        pairs,
        lambda pair: slice_key(REQUIREMENT, int(pair >> 32), requirement_id=int(pair & 0xFFFFFFFF)),
    )


def _each_of(values: np.ndarray, function) -> np.ndarray:
    """`function` of each value, called once per distinct value (cells share a few keys)."""
    codes, distinct = pd.factorize(values)
    return np.asarray([function(value) for value in distinct], dtype=object)[codes]


def _typed(cells: pd.DataFrame) -> pd.DataFrame:
    ids = ["requirement_id", "course_id", "department_id", "job_class_id"]
    numbers = ["numerator", "denominator", "value"]
    cells = cells.astype({**dict.fromkeys(ids, "Int64"), **dict.fromkeys(numbers, "float64")})
    for column in ("slice_key", "indicator", "period_type", "scope"):
        cells[column] = cells[column].astype(object)
    for column in ("period_start", "period_end"):
        # The frames make them as dates already (object columns); only others are converted.
        if len(cells) and cells[column].dtype != object:
            cells[column] = pd.to_datetime(cells[column]).dt.date
    return cells.reset_index(drop=True)


_MONTHS = {"month": 1, "fiscal_quarter": 3, "fiscal_year": 12}


def _month_ordinals(days: np.ndarray) -> np.ndarray:
    """Day numbers -> months since January 1970."""
    return (_EPOCH + days.astype("timedelta64[D]")).astype("datetime64[M]").astype(np.int64)


def _period_first_month(month: np.ndarray, period_type: str) -> np.ndarray:
    """The first month (as a month ordinal) of the month, fiscal quarter or fiscal year that
    holds each month. Fiscal periods are counted from July 1970."""
    length = _MONTHS[period_type]
    return (month - 6) // length * length + 6


def _fiscal_year_of_month(month: np.ndarray) -> np.ndarray:
    """The calendar year in which the fiscal year holding each month ends."""
    return (month - 6) // 12 + 1971


def _with_month_period_columns(cells: pd.DataFrame) -> pd.DataFrame:
    """Turn `period` (first month ordinal) and `period_type` into start, end and fiscal year."""
    first = cells["period"].to_numpy(dtype=np.int64)
    length = cells["period_type"].map(_MONTHS).to_numpy(dtype=np.int64)
    starts = first.astype("datetime64[M]").astype("datetime64[D]")
    ends = (first + length).astype("datetime64[M]").astype("datetime64[D]") - np.timedelta64(1, "D")
    cells = cells.drop(columns=["period"])
    cells["period_start"] = starts.astype(object)
    cells["period_end"] = ends.astype(object)
    cells["fiscal_year"] = _fiscal_year_of_month(first)
    return cells


_EPOCH = np.datetime64("1970-01-01", "D")


def _to_days(values, *, missing: int | None = None) -> np.ndarray:
    stamps = pd.to_datetime(pd.Series(values), errors="coerce")
    absent = stamps.isna().to_numpy()
    days = stamps.to_numpy(dtype="datetime64[D]", na_value=_EPOCH).astype(np.int64)
    if absent.any():
        if missing is None:
            raise ValueError("a required date is missing")
        days[absent] = missing
    return days


def _day(value: date) -> int:
    return int((np.datetime64(value, "D") - _EPOCH).astype(np.int64))


def _from_days(day: int) -> date:
    return (_EPOCH + np.timedelta64(int(day), "D")).astype(object)
