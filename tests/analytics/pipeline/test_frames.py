"""The analytics maths on small hand-made frames: every expected number is worked out by hand."""

from datetime import date

import pandas as pd
import pytest

from analytics.pipeline import frames
from analytics.pipeline.indicators import period_label

AS_OF = date(2025, 11, 10)
NAT = pd.NaT


def cycle(**fields):
    row = {
        "requirement_id": 1,
        "user_id": 1,
        "cycle": 1,
        "department_id": 10,
        "job_class_id": 5,
        "is_liaison": False,
        "is_supervisor": False,
        "opened_on": date(2025, 7, 1),
        "due_on": date(2025, 9, 30),
        "completed_on": NAT,
        "left_on": NAT,
        "is_current": True,
        "exempt_from": NAT,
        "exempt_to": NAT,
    }
    row.update(fields)
    return row


def cycles(*rows):
    return pd.DataFrame(list(rows), columns=frames.CYCLE_COLUMNS)


def cell(result, indicator, period_type, start, *, scope="citywide", **group):
    rows = result[
        (result["indicator"] == indicator)
        & (result["period_type"] == period_type)
        & (result["period_start"] == start)
        & (result["scope"] == scope)
    ]
    for column, value in group.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, f"expected one {indicator} cell, found {len(rows)}"
    row = rows.iloc[0]
    return row["numerator"], row["denominator"], row["value"]


def has_cell(result, indicator, period_type, start, *, scope="citywide", **group):
    rows = result[
        (result["indicator"] == indicator)
        & (result["period_type"] == period_type)
        & (result["period_start"] == start)
        & (result["scope"] == scope)
    ]
    for column, value in group.items():
        rows = rows[rows[column] == value]
    return len(rows) > 0


@pytest.mark.parametrize(
    ("function", "empty"),
    [
        (frames.compliance_by_group, cycles()),
        (frames.median_days_by_group, cycles()),
        (
            frames.knowledge_gain_by_group,
            pd.DataFrame(columns=["user_id", "course_id", "run", "phase", "score", "submitted_on"]),
        ),
        (frames.feedback_score_by_course, pd.DataFrame(columns=["course_id", "submitted_on"])),
        (frames.ta_activity_by_department, pd.DataFrame(columns=["department_id", "created_on"])),
    ],
)
def test_empty_input_gives_no_cells_with_the_cell_columns(function, empty):
    result = function(empty, as_of=AS_OF)
    assert result.empty
    assert list(result.columns) == frames.CELL_COLUMNS


def test_completion_on_time_and_overdue_at_each_reporting_date():
    result = frames.compliance_by_group(
        cycles(
            cycle(user_id=1, completed_on=date(2025, 8, 15)),  # on time
            cycle(user_id=2, completed_on=date(2025, 10, 5)),  # late
            cycle(user_id=3),  # never
        ),
        as_of=AS_OF,
    )
    # August: one of three done, on time; nobody overdue yet (due Sept 30).
    assert cell(result, "completion_rate", "month", date(2025, 8, 1)) == (
        1,
        3,
        pytest.approx(1 / 3),
    )
    assert cell(result, "overdue_count", "month", date(2025, 8, 1))[2] == 0
    # October 31: two done, one of them on time; the third is overdue.
    assert cell(result, "completion_rate", "month", date(2025, 10, 1))[:2] == (2, 3)
    assert cell(result, "on_time_rate", "month", date(2025, 10, 1))[:2] == (1, 3)
    assert cell(result, "overdue_count", "month", date(2025, 10, 1)) == (1, 3, 1)
    # The running fiscal year and quarter are reported as of AS_OF (Nov 10).
    assert cell(result, "completion_rate", "fiscal_year", date(2025, 7, 1))[:2] == (2, 3)
    assert cell(result, "completion_rate", "fiscal_quarter", date(2025, 10, 1))[:2] == (2, 3)
    # The first quarter closed on Sept 30 with one done and nobody overdue on its due day.
    assert cell(result, "completion_rate", "fiscal_quarter", date(2025, 7, 1))[:2] == (1, 3)
    assert cell(result, "overdue_count", "fiscal_quarter", date(2025, 7, 1))[2] == 0


def test_periods_that_have_not_begun_produce_no_cells():
    result = frames.compliance_by_group(cycles(cycle()), as_of=AS_OF)
    assert not has_cell(result, "completion_rate", "month", date(2025, 12, 1))
    assert result["period_start"].max() <= AS_OF


def test_exempt_people_leave_the_denominator_while_exempt():
    result = frames.compliance_by_group(
        cycles(
            cycle(user_id=1, completed_on=date(2025, 7, 20)),
            cycle(user_id=2, exempt_from=date(2025, 8, 10), exempt_to=date(2025, 9, 15)),
        ),
        as_of=AS_OF,
    )
    assert cell(result, "completion_rate", "month", date(2025, 7, 1))[:2] == (1, 2)
    assert cell(result, "completion_rate", "month", date(2025, 8, 1))[:2] == (1, 1)
    # The exemption ended Sept 15: back in the count, and overdue once the due day passed.
    assert cell(result, "completion_rate", "month", date(2025, 9, 1))[:2] == (1, 2)
    assert cell(result, "overdue_count", "month", date(2025, 10, 1))[:2] == (1, 2)


def test_a_leaver_counts_until_the_day_they_left_the_audience():
    result = frames.compliance_by_group(
        cycles(
            cycle(user_id=1, completed_on=date(2025, 7, 20)),
            cycle(user_id=2, left_on=date(2025, 9, 10), is_current=False),
        ),
        as_of=AS_OF,
    )
    assert cell(result, "completion_rate", "month", date(2025, 8, 1))[:2] == (1, 2)
    assert cell(result, "completion_rate", "month", date(2025, 9, 1))[:2] == (1, 1)
    assert cell(result, "completion_rate", "fiscal_year", date(2025, 7, 1))[:2] == (1, 1)


def test_someone_who_changed_department_mid_period_counts_where_they_are_at_its_end():
    # A department-scoped requirement: leaving department 10 on Feb 15 closed that cycle; the
    # person's cycle in department 11 opened the same day.
    result = frames.compliance_by_group(
        cycles(
            cycle(
                user_id=7,
                department_id=10,
                opened_on=date(2025, 7, 1),
                due_on=date(2025, 12, 31),
                left_on=date(2026, 2, 15),
                is_current=False,
            ),
            cycle(
                user_id=7,
                requirement_id=2,
                department_id=11,
                opened_on=date(2026, 2, 15),
                due_on=date(2026, 5, 15),
                completed_on=date(2026, 3, 1),
            ),
        ),
        as_of=date(2026, 4, 10),
    )
    jan, q3 = date(2026, 1, 1), date(2026, 1, 1)
    assert cell(result, "completion_rate", "month", jan, scope="department", department_id=10)[
        :2
    ] == (0, 1)
    # The third quarter ends March 31: only department 11 counts them, completed.
    assert not has_cell(
        result, "completion_rate", "fiscal_quarter", q3, scope="department", department_id=10
    )
    assert cell(
        result, "completion_rate", "fiscal_quarter", q3, scope="department", department_id=11
    )[:2] == (1, 1)


def test_a_one_person_department_has_its_own_cells():
    result = frames.compliance_by_group(
        cycles(
            cycle(user_id=1, department_id=10, completed_on=date(2025, 8, 1)),
            cycle(user_id=2, department_id=10),
            cycle(user_id=3, department_id=99, completed_on=date(2025, 8, 2)),
        ),
        as_of=AS_OF,
    )
    one = cell(
        result,
        "completion_rate",
        "fiscal_year",
        date(2025, 7, 1),
        scope="department",
        department_id=99,
    )
    assert one == (1, 1, 1.0)
    assert cell(result, "completion_rate", "fiscal_year", date(2025, 7, 1))[:2] == (2, 3)


def test_fiscal_year_boundary_at_midnight_june_30():
    rows = cycles(
        cycle(
            user_id=1,
            opened_on=date(2026, 5, 1),
            due_on=date(2026, 6, 30),
            completed_on=date(2026, 6, 30),
        ),
        cycle(
            user_id=2,
            opened_on=date(2026, 5, 1),
            due_on=date(2026, 6, 30),
            completed_on=date(2026, 7, 1),
        ),
    )
    result = frames.compliance_by_group(rows, as_of=date(2026, 7, 20))
    fy26, fy27 = date(2025, 7, 1), date(2026, 7, 1)
    assert cell(result, "completion_rate", "fiscal_year", fy26)[:2] == (1, 2)
    assert cell(result, "on_time_rate", "fiscal_year", fy26)[:2] == (1, 2)
    assert cell(result, "completion_rate", "fiscal_year", fy27)[:2] == (2, 2)
    assert cell(result, "on_time_rate", "fiscal_year", fy27)[:2] == (1, 2)
    assert cell(result, "completion_rate", "fiscal_quarter", date(2026, 4, 1))[:2] == (1, 2)
    keys = result.groupby("period_start")["slice_key"].first()
    assert keys[fy26] == "req1-fy2026"
    assert keys[fy27] == "req1-fy2027"
    assert period_label("fiscal_year", fy27) == "FY 2026-27"
    assert period_label("fiscal_quarter", date(2026, 4, 1)) == "FY 2025-26 Q4"
    assert period_label("month", date(2026, 7, 1)) == "2026-07"


def test_a_renewal_takes_over_when_it_opens_and_a_withdrawn_cycle_never_counts():
    result = frames.compliance_by_group(
        cycles(
            cycle(
                user_id=1,
                cycle=1,
                opened_on=date(2024, 7, 1),
                due_on=date(2024, 9, 30),
                completed_on=date(2024, 9, 1),
                is_current=False,
            ),
            cycle(user_id=1, cycle=2, opened_on=date(2025, 8, 1), due_on=date(2025, 9, 1)),
            # Withdrawn: closed, never left the audience, no later cycle.
            cycle(user_id=2, cycle=1, opened_on=date(2025, 7, 1), is_current=False),
        ),
        as_of=AS_OF,
    )
    # July 2025: the first cycle is still in force and complete; user 2's cycle never counts.
    assert cell(result, "completion_rate", "month", date(2025, 7, 1))[:2] == (1, 1)
    # August 2025: the renewal is in force and not done.
    assert cell(result, "completion_rate", "month", date(2025, 8, 1))[:2] == (0, 1)
    assert cell(result, "overdue_count", "month", date(2025, 9, 1))[2] == 1


def test_coverage_of_liaisons_and_supervisors():
    result = frames.compliance_by_group(
        cycles(
            cycle(user_id=1, is_liaison=True, completed_on=date(2025, 8, 1)),
            cycle(user_id=2, is_liaison=True),
            cycle(user_id=3, is_supervisor=True, completed_on=date(2025, 8, 1)),
            cycle(user_id=4),
        ),
        as_of=AS_OF,
    )
    fy = date(2025, 7, 1)
    assert cell(result, "liaison_coverage", "fiscal_year", fy) == (1, 2, 0.5)
    assert cell(result, "supervisor_coverage", "fiscal_year", fy) == (1, 1, 1.0)
    assert cell(
        result, "liaison_coverage", "fiscal_year", fy, scope="department", department_id=10
    )[:2] == (1, 2)


def test_job_classes_are_reported_by_fiscal_year_and_quarter_only():
    result = frames.compliance_by_group(cycles(cycle(job_class_id=5)), as_of=AS_OF)
    job_rows = result[result["scope"] == "job_class"]
    assert set(job_rows["period_type"]) == {"fiscal_year", "fiscal_quarter"}
    assert set(job_rows["job_class_id"]) == {5}


def test_fiscal_years_limit_the_output():
    rows = cycles(cycle(opened_on=date(2024, 7, 1), due_on=date(2025, 9, 30)))
    result = frames.compliance_by_group(rows, as_of=AS_OF, fiscal_years={2026})
    assert set(result["slice_key"]) == {"req1-fy2026"}
    assert result["period_start"].min() == date(2025, 7, 1)


def test_median_days_from_opening_to_completion_by_completion_period():
    result = frames.median_days_by_group(
        cycles(
            cycle(user_id=1, completed_on=date(2025, 8, 15)),  # 45 days
            cycle(user_id=2, completed_on=date(2025, 8, 31)),  # 61 days
            cycle(user_id=3, completed_on=date(2025, 6, 1)),  # earlier course: 0 days, FY 2025
            cycle(user_id=4, completed_on=date(2025, 10, 5)),  # 96 days
        ),
        as_of=AS_OF,
    )
    assert cell(result, "median_days_to_complete", "month", date(2025, 8, 1))[1:] == (2, 53)
    assert cell(result, "median_days_to_complete", "fiscal_year", date(2025, 7, 1))[1:] == (3, 61)
    assert cell(result, "median_days_to_complete", "fiscal_year", date(2024, 7, 1))[1:] == (1, 0)
    assert pd.isna(cell(result, "median_days_to_complete", "month", date(2025, 8, 1))[0])


def test_knowledge_gain_pairs_pre_and_post_in_the_same_run():
    def result(user, phase, score, on, department=10, run=1):
        return {
            "user_id": user,
            "course_id": 7,
            "run": run,
            "phase": phase,
            "score": score,
            "submitted_on": on,
            "department_id": department,
            "job_class_id": 5,
        }

    assessments = pd.DataFrame(
        [
            result(1, "pre", 40, date(2025, 8, 1)),
            result(1, "post", 90, date(2025, 8, 2)),
            result(2, "pre", 60, date(2025, 8, 3), department=11),
            result(2, "post", 70, date(2025, 9, 3), department=11),
            result(3, "post", 100, date(2025, 8, 3)),  # no pre: not counted
            result(4, "pre", 50, date(2025, 8, 3), run=1),
            result(4, "post", 80, date(2025, 8, 3), run=2),  # different runs: not a pair
        ]
    )
    gains = frames.knowledge_gain_by_group(assessments, as_of=AS_OF)
    assert cell(gains, "knowledge_gain", "fiscal_year", date(2025, 7, 1)) == (60, 2, 30)
    assert cell(gains, "knowledge_gain", "month", date(2025, 8, 1)) == (50, 1, 50)
    assert cell(gains, "knowledge_gain", "month", date(2025, 9, 1), scope="citywide")[2] == 10
    assert cell(
        gains,
        "knowledge_gain",
        "fiscal_year",
        date(2025, 7, 1),
        scope="department",
        department_id=11,
    ) == (10, 1, 10)
    assert set(gains["course_id"]) == {7}
    assert set(gains.loc[gains["scope"] == "job_class", "period_type"]) == {
        "fiscal_year",
        "fiscal_quarter",
    }


def test_feedback_is_citywide_per_course():
    feedback = pd.DataFrame(
        {
            "course_id": [7, 7, 8],
            "submitted_on": [date(2025, 8, 1), date(2025, 8, 20), date(2025, 8, 2)],
            "score": [4.0, 5.0, 2.5],
        }
    )
    result = frames.feedback_score_by_course(feedback, as_of=AS_OF)
    assert set(result["scope"]) == {"citywide"}
    assert cell(result, "feedback_score", "month", date(2025, 8, 1), course_id=7) == (9, 2, 4.5)
    assert cell(result, "feedback_score", "fiscal_year", date(2025, 7, 1), course_id=8)[2] == 2.5


def test_ta_requests_and_hours_by_the_period_they_were_made():
    requests = pd.DataFrame(
        {
            "department_id": [10, 10, 11],
            "created_on": [date(2025, 6, 30), date(2025, 7, 1), date(2025, 7, 2)],
            "hours": [2.0, 3.5, 0.0],
        }
    )
    result = frames.ta_activity_by_department(requests, as_of=AS_OF)
    fy26, fy25 = date(2025, 7, 1), date(2024, 7, 1)
    assert cell(result, "ta_requests", "fiscal_year", fy26)[2] == 2
    assert cell(result, "ta_hours", "fiscal_year", fy26)[2] == 3.5
    assert cell(result, "ta_requests", "fiscal_year", fy25)[2] == 1
    assert (
        cell(result, "ta_hours", "fiscal_year", fy26, scope="department", department_id=11)[2] == 0
    )
    assert set(result.loc[result["period_start"] == fy26, "slice_key"]) == {"ta-fy2026"}


def test_periods_until_names_every_fiscal_year_quarter_and_month():
    periods = frames.periods_until(date(2025, 6, 15), as_of=date(2025, 7, 3))
    by_type = periods.groupby("period_type")["period_start"].apply(list).to_dict()
    assert by_type["fiscal_year"] == [date(2024, 7, 1), date(2025, 7, 1)]
    assert by_type["fiscal_quarter"] == [date(2025, 4, 1), date(2025, 7, 1)]
    assert by_type["month"] == [date(2025, 6, 1), date(2025, 7, 1)]
    running = periods[periods["period_start"] == date(2025, 7, 1)]
    assert set(running["reported_on"]) == {date(2025, 7, 3)}
    assert set(periods["fiscal_year"]) == {2025, 2026}


def test_requirement_indicators_are_compliance_and_median_days_together():
    rows = cycles(
        cycle(user_id=1, completed_on=date(2025, 8, 15)),
        cycle(user_id=2, department_id=11),
    )
    together = frames.requirement_indicators(rows, as_of=AS_OF)
    apart = pd.concat(
        [
            frames.compliance_by_group(rows, as_of=AS_OF),
            frames.median_days_by_group(rows, as_of=AS_OF),
        ],
        ignore_index=True,
    )
    pd.testing.assert_frame_equal(together, apart)
