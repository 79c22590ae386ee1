"""Small-cell suppression of the published dataset: pure pandas, no database."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.pipeline.indicators import BY_CODE
from analytics.releases.suppression import (
    COMPLIANCE,
    cells_suppressed,
    derivable_sets,
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
        cell("completion_rate", "department", "B", 100, 120),
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


# --- related counts of one group (rule 2) -------------------------------------------------


def test_completions_minus_on_time_completions_never_reveal_a_few_late_ones():
    cells = frame(
        cell("completion_rate", "department", "A", 50, 75),
        cell("on_time_rate", "department", "A", 45, 75),  # 5 completed late
        cell("overdue_count", "department", "A", 12, 75),
    )
    result = cells_suppressed(cells, threshold=T)
    # Withholding the on-time cell is enough: completed, overdue and counted stay.
    assert list(result["suppressed"]) == [False, True, False]


def test_a_rates_complement_is_a_count_of_people_too():
    cells = frame(cell("completion_rate", "department", "A", 100, 106))  # 6 not completed
    assert list(cells_suppressed(cells, threshold=T)["suppressed"]) == [True]


def test_not_yet_overdue_people_are_protected_like_the_others():
    cells = frame(
        cell("completion_rate", "department", "A", 50, 75),
        cell("on_time_rate", "department", "A", 30, 75),
        cell("overdue_count", "department", "A", 20, 75),  # 75 - 50 - 20 = 5 pending
    )
    result = cells_suppressed(cells, threshold=T)
    assert list(result["suppressed"]) == [False, False, True]


def test_a_difference_withheld_in_one_department_takes_another_with_it():
    cells = frame(
        cell("completion_rate", "citywide", None, 230, 300),
        cell("on_time_rate", "citywide", None, 200, 300),
        cell("completion_rate", "department", "A", 50, 75),
        cell("on_time_rate", "department", "A", 45, 75),  # 5 late
        cell("completion_rate", "department", "B", 100, 150),
        cell("on_time_rate", "department", "B", 80, 150),  # 20 late
        cell("completion_rate", "department", "C", 40, 60),
        cell("on_time_rate", "department", "C", 40, 60),  # none late
    )
    result = cells_suppressed(cells, threshold=T)
    # Citywide late (30) less B's and C's would give A's 5: B's on-time cell goes too (C,
    # with nobody late, would protect nothing).
    withheld = result.loc[result["suppressed"], ["indicator", "group"]]
    assert sorted(map(tuple, withheld.to_numpy())) == [("on_time_rate", "A"), ("on_time_rate", "B")]


def test_liaisons_who_did_not_complete_are_a_count_too():
    cells = frame(
        cell("completion_rate", "department", "A", 60, 100),
        cell("liaison_coverage", "department", "A", 20, 24),  # 4 liaisons not completed
    )
    result = cells_suppressed(cells, threshold=T)
    assert list(result["suppressed"]) == [False, True]


@pytest.mark.parametrize(
    ("published", "late_is_derivable"),
    [
        ({"completed", "on_time"}, True),
        ({"counted", "on_time", "overdue"}, False),
        ({"completed"}, False),
        ({"counted", "completed", "on_time", "overdue"}, True),
    ],
)
def test_derivable_sets_are_what_adding_and_subtracting_gives(published, late_is_derivable):
    names = [name for name, _kinds in COMPLIANCE.counts]
    kinds = dict(COMPLIANCE.counts)
    late = kinds["completed"] - kinds["on_time"]
    found = derivable_sets(COMPLIANCE, published)
    assert (late in found) is late_is_derivable
    for name in published:
        assert kinds[name] in found
    # Nothing is derivable from nothing; everything published is.
    assert derivable_sets(COMPLIANCE, set()) == []
    assert len(derivable_sets(COMPLIANCE, set(names))) >= len(names)


# --- properties ---------------------------------------------------------------------------

DEPARTMENTS = [None, "D0", "D1", "D2", "D3"]
JOB_CLASSES = [None, "J0", "J1", "J2"]
NAMES = [name for name, _kinds in COMPLIANCE.counts]
KIND_SETS = dict(COMPLIANCE.counts)


@st.composite
def cities(draw):
    """People of one or two requirements, each a bunch of people of one kind (completed on
    time / late / overdue / pending x liaison x supervisor) in a department and a job class
    (either may be missing), and the cells the pipeline would publish about them: the
    compliance family (citywide, by department, by job class; liaisons and supervisors not by
    job class) and the knowledge gain of the completers. Returns (cells, truth): truth maps
    (indicator family, requirement, scope, group) to the people of each kind."""
    rows, truth = [], {}
    for requirement in range(1, draw(st.integers(1, 2)) + 1):
        bunches = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(DEPARTMENTS),
                    st.sampled_from(JOB_CLASSES),
                    st.integers(0, COMPLIANCE.types - 1),
                    st.integers(1, 30),
                ),
                min_size=1,
                max_size=10,
            )
        )
        groups = {("citywide", None): np.zeros(COMPLIANCE.types)}
        for department, job_class, kind, people in bunches:
            keys = [("citywide", None), ("department", department), ("job_class", job_class)]
            for scope, group in keys:
                if scope == "citywide" or group is not None:
                    groups.setdefault((scope, group), np.zeros(COMPLIANCE.types))
                    groups[(scope, group)][kind] += people
        for (scope, group), kinds in groups.items():
            count = {name: kinds[list(KIND_SETS[name])].sum() for name in NAMES}
            if count["counted"] == 0:
                continue
            truth[("compliance", requirement, scope, group)] = kinds
            published = [
                ("completion_rate", "completed", "counted"),
                ("on_time_rate", "on_time", "counted"),
                ("overdue_count", "overdue", "counted"),
            ]
            if scope != "job_class":
                for indicator, numerator, denominator in (
                    ("liaison_coverage", "liaisons_completed", "liaisons"),
                    ("supervisor_coverage", "supervisors_completed", "supervisors"),
                ):
                    if count[denominator]:
                        published.append((indicator, numerator, denominator))
            for indicator, numerator, denominator in published:
                rows.append(
                    cell(
                        indicator,
                        scope,
                        group,
                        count[numerator],
                        count[denominator],
                        requirement=requirement,
                    )
                )
            if count["completed"]:
                gain = cell("knowledge_gain", scope, group, 5 * count["completed"], 1)
                gain.update(
                    requirement_id=np.nan, course_id=requirement, denominator=count["completed"]
                )
                rows.append(gain)
                truth[("knowledge", requirement, scope, group)] = np.array([count["completed"]])
    return pd.DataFrame(rows), truth


def _family(indicator: str) -> str:
    return "knowledge" if indicator == "knowledge_gain" else "compliance"


def _published_sets(result: pd.DataFrame) -> dict[tuple, tuple[list, list]]:
    """Per group: (the sets whose count can be worked out from its published cells, the sets
    that could be if all of its cells were published). A cell that other groups of the same
    table and scope have but this one lacks says its counts are zero: known too."""
    shown, possible = {}, {}
    for row in result.itertuples():
        family = _family(row.indicator)
        requirement = row.course_id if family == "knowledge" else row.requirement_id
        key = (family, int(requirement), row.scope, row.group if row.scope != "citywide" else None)
        names = _cell_counts(row.indicator)
        possible.setdefault(key, set()).update(names)
        shown.setdefault(key, set())
        if not row.suppressed:
            shown[key].update(names)
    # Known zeros.
    present = result.groupby(["requirement_id", "scope"], dropna=False)["indicator"].agg(set)
    for key in list(shown):
        family, requirement, scope, _group = key
        if family != "compliance":
            continue
        everywhere = present.get((requirement, scope), set())
        for indicator in everywhere:
            names = _cell_counts(indicator)
            if not names <= possible[key]:
                shown[key] |= names
                possible[key] |= names
    return {
        key: (
            _sets(key[0], shown[key]),
            _sets(key[0], possible[key]),
        )
        for key in shown
    }


def _cell_counts(indicator: str) -> set[str]:
    if indicator == "knowledge_gain":
        return {"learners"}
    return {name for code, *counts in COMPLIANCE.cells if code == indicator for name in counts}


def _sets(family: str, names: set[str]) -> list[frozenset[int]]:
    if family == "knowledge":
        return [frozenset({0})] if names else []
    return derivable_sets(COMPLIANCE, names)


def leaks(result: pd.DataFrame, truth: dict, threshold: int) -> list[str]:
    """Every count of people between 1 and threshold - 1 that the published cells give away,
    within a group (rule 2) or by subtraction from a total (rule 3)."""
    found = []
    sets = _published_sets(result)
    people = {
        key: {s: float(truth[key][list(s)].sum()) for s in pair[1]} for key, pair in sets.items()
    }
    for key, (shown, _possible) in sets.items():
        for subset in shown:
            if 0 < people[key][subset] < threshold:
                found.append(f"group {key}: set {sorted(subset)} = {people[key][subset]}")
    tables = {}
    for key in sets:
        tables.setdefault(key[:2], []).append(key)
    for table, keys in tables.items():
        total = next((k for k in keys if k[2] == "citywide"), None)
        families = {
            scope: [k for k in keys if k[2] == scope] for scope in ("department", "job_class")
        }
        families = {scope: members for scope, members in families.items() if members}
        every_set = {s for k in keys for s in sets[k][1]}
        for subset in every_set:
            complete = {
                scope: all(subset in sets[k][0] for k in members)
                and any(subset in sets[k][1] for k in members)
                for scope, members in families.items()
            }
            total_shown = total is not None and subset in sets[total][0]
            for scope, members in families.items():
                if not any(subset in sets[k][1] for k in members):
                    continue
                # Groups that cannot show the set (the public does not know which are zero).
                hidden = [people[k].get(subset, 0.0) for k in members if subset not in sets[k][0]]
                known = total_shown or any(c for other, c in complete.items() if other != scope)
                lone = len(hidden) == 1 and sum(hidden) > 0
                if known and (lone or 0 < sum(hidden) < threshold):
                    found.append(f"table {table} {scope}: set {sorted(subset)} hidden {hidden}")
                if (
                    total is not None
                    and not total_shown
                    and not hidden
                    and people[total].get(subset, 0.0) > 0
                ):
                    found.append(f"table {table} {scope}: total alone hides {sorted(subset)}")
    return found


@settings(max_examples=100, deadline=None)
@given(cities(), st.sampled_from([3, 11]))
def test_no_count_of_people_that_can_be_worked_out_is_small(city, threshold):
    cells, truth = city
    result = cells_suppressed(cells, threshold=threshold)
    assert leaks(result, truth, threshold) == []


@settings(max_examples=100, deadline=None)
@given(cities(), st.sampled_from([3, 11]))
def test_primary_cells_stay_withheld_and_published_numbers_are_unchanged(city, threshold):
    cells, _truth = city
    primary = primary_suppression_mask(cells, threshold=threshold)
    result = cells_suppressed(cells, threshold=threshold)
    assert result.loc[primary.to_numpy(), "suppressed"].all()
    withheld = result[result["suppressed"]]
    assert withheld[["numerator", "denominator", "value"]].isna().all().all()
    shown = result[~result["suppressed"]]
    for column in ("numerator", "denominator"):
        pd.testing.assert_series_equal(
            shown[column], cells.loc[shown.index, column].astype(float), check_names=False
        )
    pd.testing.assert_frame_equal(result, cells_suppressed(cells, threshold=threshold))


def test_the_leak_finder_finds_the_issues_example():
    """The property's own check: without complementary suppression, completions minus on-time
    completions give the few who completed late."""
    cells = frame(
        cell("completion_rate", "department", "A", 50, 75),
        cell("on_time_rate", "department", "A", 45, 75),
        cell("overdue_count", "department", "A", 12, 75),
    )
    kinds = np.zeros(COMPLIANCE.types)
    kinds[0], kinds[4], kinds[8], kinds[12] = 45, 5, 12, 13  # on time, late, overdue, pending
    truth = {("compliance", 1, "department", "A"): kinds}
    unprotected = cells.assign(suppressed=False)
    assert any("set" in leak for leak in leaks(unprotected, truth, T))
    assert leaks(cells_suppressed(cells, threshold=T), truth, T) == []
