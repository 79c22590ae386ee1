"""Small-cell suppression of the published dataset: pure pandas, no database."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.indicators import BY_CODE
from analytics.suppression import (
    PEOPLE_COLUMNS,
    TABLE_KEYS,
    cells_suppressed,
    primary_suppression_mask,
    suppression_rule_text,
)

T = 11
FY = date(2026, 7, 1)


def cell(indicator, scope, group=None, numerator=None, denominator=None, *, requirement=1):
    numerator = np.nan if numerator is None else float(numerator)
    denominator = np.nan if denominator is None else float(denominator)
    kind = BY_CODE[indicator].kind if indicator in BY_CODE else "rate"
    value = numerator / denominator if kind == "rate" and denominator else numerator
    return {
        "indicator": indicator,
        "requirement_id": requirement,
        "course_id": np.nan,
        "period_type": "fiscal_year",
        "period_start": FY,
        "scope": scope,
        "group": group or "citywide",
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
    }


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def hidden_groups(result: pd.DataFrame) -> set[str]:
    return set(result.loc[result["suppressed"], "group"])


# --- primary suppression ------------------------------------------------------------------


def test_small_numerators_and_denominators_of_people_are_withheld_and_zero_is_shown():
    cells = frame(
        cell("completion_rate", "department", "A", 5, 40),  # numerator small
        cell("completion_rate", "department", "B", 8, 8),  # both small
        cell("completion_rate", "department", "C", 0, 30),  # zero is not small
        cell("completion_rate", "department", "D", 11, 12),  # at the threshold: shown
        cell("completion_rate", "department", "E", 10, 50),  # just below: withheld
    )
    mask = primary_suppression_mask(cells, threshold=T)
    assert list(mask) == [True, True, False, False, True]


def test_median_and_mean_cells_are_judged_by_the_people_they_summarise():
    cells = frame(
        cell("median_days_to_complete", "department", "A", None, 4),
        cell("median_days_to_complete", "department", "B", None, 40),
        # The numerator of a mean is a sum of scores, not people: 3 points over 30 learners.
        cell("knowledge_gain", "department", "C", 3, 30),
        cell("knowledge_gain", "department", "D", 300, 9),
    )
    assert list(primary_suppression_mask(cells, threshold=T)) == [True, False, False, True]


def test_counts_that_are_not_about_people_are_never_withheld():
    cells = frame(
        cell("ta_requests", "citywide", None, 3),
        cell("ta_requests", "department", "A", 2),
        cell("ta_requests", "department", "B", 1),
    )
    result = cells_suppressed(cells, threshold=T)
    assert not result["suppressed"].any()
    assert list(result["numerator"]) == [3.0, 2.0, 1.0]


def test_unknown_indicators_are_treated_as_rates_about_people():
    cells = frame(cell("not_in_registry", "department", "A", 20, 5))
    assert list(primary_suppression_mask(cells, threshold=T)) == [True]


def test_withheld_cells_have_their_numbers_emptied():
    cells = frame(
        cell("completion_rate", "department", "A", 5, 40),
        cell("completion_rate", "department", "B", 30, 60),
    )
    result = cells_suppressed(cells, threshold=T)  # no citywide total: no complement needed
    assert list(result["suppressed"]) == [True, False]
    assert result.loc[0, ["numerator", "denominator", "value"]].isna().all()
    assert result.loc[1, "numerator"] == 30


# --- complementary suppression ------------------------------------------------------------


def test_one_hidden_department_takes_the_next_smallest_with_it():
    cells = frame(
        cell("completion_rate", "citywide", None, 230, 300),
        cell("completion_rate", "department", "A", 5, 40),  # primary
        cell("completion_rate", "department", "B", 100, 110),
        cell("completion_rate", "department", "C", 25, 50),  # smallest of the rest
        cell("completion_rate", "department", "D", 100, 100),
    )
    result = cells_suppressed(cells, threshold=T)
    assert hidden_groups(result) == {"A", "C"}
    # Without C hidden, A's numerator would be 230 - 100 - 100 - 25 = 5.
    assert result.loc[result["group"] == "citywide", "numerator"].item() == 230


def test_two_hidden_cells_that_add_up_to_a_small_number_take_a_third():
    cells = frame(
        cell("completion_rate", "citywide", None, 264, 300),
        cell("completion_rate", "department", "A", 2, 40),
        cell("completion_rate", "department", "B", 2, 40),
        cell("completion_rate", "department", "C", 60, 70),
        cell("completion_rate", "department", "D", 200, 150),
    )
    result = cells_suppressed(cells, threshold=T)
    # A and B together count 4 people: knowing "4" says each is 1..3. C is hidden too.
    assert hidden_groups(result) == {"A", "B", "C"}


def test_a_lone_group_hides_the_citywide_total_and_the_other_table_protects_it():
    cells = frame(
        cell("completion_rate", "citywide", None, 40, 100),
        cell("completion_rate", "department", "A", 20, 50),
        cell("completion_rate", "department", "B", 20, 50),
        cell("completion_rate", "job_class", "J1", 4, 100),  # the only job class: primary
    )
    result = cells_suppressed(cells, threshold=T)
    # J1 = citywide for job classes, so the total goes; then departments A = total - B,
    # so one department goes with it.
    assert hidden_groups(result) == {"J1", "citywide", "A"}


def test_departments_short_of_the_total_are_still_protected():
    # 50 people have no department: the gap is not relied upon to protect A.
    cells = frame(
        cell("overdue_count", "citywide", None, 95, 400),
        cell("overdue_count", "department", "A", 3, 100),
        cell("overdue_count", "department", "B", 20, 120),
        cell("overdue_count", "department", "C", 22, 130),
    )
    result = cells_suppressed(cells, threshold=T)
    assert hidden_groups(result) == {"A", "B"}


def test_tables_are_separate_per_requirement_and_period():
    cells = frame(
        cell("completion_rate", "citywide", None, 100, 200, requirement=1),
        cell("completion_rate", "department", "A", 5, 100, requirement=1),
        cell("completion_rate", "department", "B", 95, 100, requirement=1),
        cell("completion_rate", "citywide", None, 100, 200, requirement=2),
        cell("completion_rate", "department", "A", 50, 100, requirement=2),
        cell("completion_rate", "department", "B", 50, 100, requirement=2),
    )
    result = cells_suppressed(cells, threshold=T)
    assert list(result["suppressed"]) == [False, True, True, False, False, False]


def test_same_input_same_output():
    cells = frame(
        cell("completion_rate", "citywide", None, 230, 300),
        cell("completion_rate", "department", "A", 5, 40),
        cell("completion_rate", "department", "B", 25, 50),
        cell("completion_rate", "department", "C", 25, 50),  # tie with B: the earlier row goes
    )
    first = cells_suppressed(cells, threshold=T)
    pd.testing.assert_frame_equal(first, cells_suppressed(cells, threshold=T))
    assert hidden_groups(first) == {"A", "B"}


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="lack the column"):
        cells_suppressed(pd.DataFrame({"indicator": ["x"]}), threshold=T)
    with pytest.raises(ValueError, match="at least 1"):
        cells_suppressed(frame(cell("completion_rate", "citywide", None, 1, 2)), threshold=0)


def test_the_rule_text_names_the_threshold():
    text = suppression_rule_text(11)
    assert "between 1 and 10" in text
    assert "at least 11" in text


# --- properties ---------------------------------------------------------------------------

INDICATORS = ["completion_rate", "overdue_count", "median_days_to_complete", "knowledge_gain"]


@st.composite
def tables(draw):
    """A few tables (indicator x requirement), each with departments and job classes whose
    counts add up to at most the citywide total (people without a department or class)."""
    rows = []
    for requirement in range(1, draw(st.integers(1, 3)) + 1):
        indicator = draw(st.sampled_from(INDICATORS))
        sizes = {}
        for scope, prefix in (("department", "D"), ("job_class", "J")):
            count = draw(st.integers(0 if scope == "job_class" else 1, 6))
            sizes[scope] = [
                (
                    f"{prefix}{i}",
                    draw(st.integers(0, 40)),  # numerator
                    draw(st.integers(0, 60)),  # denominator
                )
                for i in range(count)
            ]
        gap_numerator = draw(st.integers(0, 15))
        gap_denominator = draw(st.integers(0, 15))
        numerator = sum(n for _g, n, _d in sizes["department"]) + gap_numerator
        denominator = sum(d for _g, _n, d in sizes["department"]) + gap_denominator
        rows.append(
            cell(indicator, "citywide", None, numerator, denominator, requirement=requirement)
        )
        for scope, groups in sizes.items():
            for group, n, d in groups:
                rows.append(cell(indicator, scope, group, n, d, requirement=requirement))
    return pd.DataFrame(rows)


def _people(indicator: str) -> tuple[str, ...]:
    return PEOPLE_COLUMNS[BY_CODE[indicator].kind]


@settings(max_examples=300, deadline=None)
@given(tables(), st.sampled_from([3, 11, 20]))
def test_no_published_count_of_people_is_small(cells, threshold):
    result = cells_suppressed(cells, threshold=threshold)
    shown = result[~result["suppressed"]]
    for _index, row in shown.iterrows():
        for column in _people(row["indicator"]):
            assert not (0 < row[column] < threshold), row.to_dict()


@settings(max_examples=300, deadline=None)
@given(tables(), st.sampled_from([3, 11, 20]))
def test_primary_cells_stay_withheld_and_numbers_are_emptied(cells, threshold):
    primary = primary_suppression_mask(cells, threshold=threshold)
    result = cells_suppressed(cells, threshold=threshold)
    assert result.loc[primary.to_numpy(), "suppressed"].all()
    withheld = result[result["suppressed"]]
    assert withheld[["numerator", "denominator", "value"]].isna().all().all()
    shown = result[~result["suppressed"]]
    pd.testing.assert_series_equal(
        shown["numerator"], cells.loc[shown.index, "numerator"], check_names=False
    )


@settings(max_examples=300, deadline=None)
@given(tables(), st.sampled_from([3, 11, 20]))
def test_no_withheld_cell_can_be_recovered_by_subtraction(cells, threshold):
    """In every table (departments + total, job classes + total) a withheld cell never stands
    alone, and the withheld groups beside a published total count at least `threshold`."""
    result = cells_suppressed(cells, threshold=threshold)
    for _key, table in result.groupby(TABLE_KEYS, dropna=False):
        total = table[table["scope"] == "citywide"]
        original_total = cells.loc[total.index]
        for scope in ("department", "job_class"):
            groups = table[table["scope"] == scope]
            if groups.empty:
                continue
            withheld = groups[groups["suppressed"]]
            total_withheld = bool(total["suppressed"].item())
            assert len(withheld) + total_withheld != 1, table.to_dict("records")
            if not total_withheld and len(withheld):
                indicator = table["indicator"].iloc[0]
                for column in _people(indicator):
                    original = cells.loc[withheld.index, column].sum()
                    assert original >= threshold, (column, table.to_dict("records"))
                    if scope == "department":
                        # What the public can work out (the departments add up to at most
                        # the total here): the total less the published departments.
                        shown = groups.loc[~groups["suppressed"], column].sum()
                        assert original_total[column].item() - shown >= original
