"""Small-cell suppression for the published monitoring dataset: pure pandas, no Django.

The rule (also written into every release's datapackage.json, see `suppression_rule_text`):

1. **Primary suppression.** For an indicator about people (`Indicator.is_about_people`), a cell
   is withheld when a count of people in it is from 1 to `threshold - 1` (default 11, so 1..10,
   the CMS/CalHHS convention). Which numbers are counts of people depends on the indicator's
   kind: for a rate ("completion_rate") and a count ("overdue_count") both the numerator and
   the denominator; for a median or a mean ("median_days_to_complete", "knowledge_gain") the
   denominator (the people or responses summarised; the numerator of a mean is a sum of
   scores, not people). Zero is shown: "nobody" is not a small group, and a rate over zero
   people is never computed in the first place.
2. **Complementary suppression.** The cells of one indicator x requirement or course x period
   form two tables, each with the citywide cell as its total: the departments, and the job
   classes. A hidden cell must not be recoverable by subtraction, so in each table, for each
   count of people:
   - never exactly one hidden cell (counting the total): a second one is hidden too, the
     smallest published one (preferring non-zero cells, which protect more);
   - when the total is shown, the hidden cells together count at least `threshold` people,
     else the next-smallest cell is hidden as well.
   People without a department (or job class) make the departments add up to less than the
   citywide total. That gap is *not* relied on for protection: the rule assumes anyone can
   work out `total - published cells` as if the gap were known. When every group is hidden and
   that is still not enough, the citywide total is hidden too (and its other table is then
   protected again).
3. A withheld cell is published with numerator, denominator and value empty and
   `suppressed = true`. Whether a cell was withheld as small or as a complement is *not*
   published: that would say which groups are small.

Indicators not about people (technical-assistance requests and hours) are never suppressed.

Known limits, by design of this first version: each table is protected on its own. The same
group also appears under other indicators (on-time and completion rates share a denominator)
and other periods; those links are not solved jointly (a full cell-suppression solver such as
GaussSuppression would), which is acceptable here because denominators, the numbers such links
expose, are rarely small.
"""

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analytics.indicators import BY_CODE, Indicator

# One table: these columns equal. Within it, scope tells total (citywide) from groups.
TABLE_KEYS = ["indicator", "requirement_id", "course_id", "period_type", "period_start"]
GROUP_SCOPES = ("department", "job_class")
TOTAL_SCOPE = "citywide"
NUMBER_COLUMNS = ["numerator", "denominator", "value"]

# Which columns hold counts of people, by indicator kind. Unknown kinds are treated as rates
# (both counted), the safer side.
PEOPLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "rate": ("numerator", "denominator"),
    "count": ("numerator", "denominator"),
    "median": ("denominator",),
    "mean": ("denominator",),
}


def suppression_rule_text(threshold: int) -> str:
    """The rule in one paragraph, for the datapackage and the field descriptions."""
    return (
        f"Small-cell suppression: for indicators about people, any cell in which a count of "
        f"people (numerator or denominator of a rate or count; the number of people or "
        f"responses summarised by a median or mean) is between 1 and {threshold - 1} is "
        f"withheld. Zero is shown. So that a withheld cell cannot be worked out by subtraction "
        f"from the citywide total, further cells are withheld in each table of departments and "
        f"each table of job classes (the smallest first) until no table has exactly one "
        f"withheld cell and the withheld cells of a table together count at least {threshold} "
        f"people; if needed the citywide total is withheld too. Withheld cells have numerator, "
        f"denominator and value empty and suppressed = true; the reason a cell was withheld "
        f"is not published. Counts of technical-assistance requests and hours are not about "
        f"people and are never withheld."
    )


def _people_columns(indicator: str, indicators: Mapping[str, Indicator]) -> tuple[str, ...]:
    """The columns holding counts of people for `indicator`; empty when it is not about people.
    An indicator missing from the registry is treated as a rate about people."""
    known = indicators.get(indicator)
    if known is None:
        return PEOPLE_COLUMNS["rate"]
    if not known.is_about_people:
        return ()
    return PEOPLE_COLUMNS.get(known.kind, PEOPLE_COLUMNS["rate"])


def _small(values: pd.Series, threshold: int) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    return ((numbers > 0) & (numbers < threshold)).fillna(False).astype(bool)


def primary_suppression_mask(
    cells: pd.DataFrame, *, threshold: int, indicators: Mapping[str, Indicator] = BY_CODE
) -> pd.Series:
    """True for each cell with a count of people from 1 to `threshold - 1` (rule 1).

    `cells`: at least indicator, numerator, denominator. Returns a boolean Series on the same
    index."""
    mask = pd.Series(False, index=cells.index)
    for indicator, rows in cells.groupby("indicator", sort=False).groups.items():
        for column in _people_columns(str(indicator), indicators):
            mask.loc[rows] |= _small(cells.loc[rows, column], threshold)
    return mask


def cells_suppressed(
    cells: pd.DataFrame, *, threshold: int, indicators: Mapping[str, Indicator] = BY_CODE
) -> pd.DataFrame:
    """The cells with small-cell suppression applied (rules 1 to 3 of the module docstring).

    `cells`: one row per cell, with the columns of `TABLE_KEYS` plus scope, numerator,
    denominator and value (other columns are kept as they are). Rows of one table should come
    in a stable order (the ties between equally small cells go to the earlier row), so the
    same input always gives the same output.

    Returns a copy with a new boolean column `suppressed`, and numerator, denominator and
    value set to NaN where it is true. Raises ValueError when a needed column is missing or
    `threshold` is below 1.
    """
    if threshold < 1:
        raise ValueError(f"The suppression threshold must be at least 1, not {threshold}.")
    missing = [c for c in [*TABLE_KEYS, "scope", *NUMBER_COLUMNS] if c not in cells.columns]
    if missing:
        raise ValueError(f"Cells lack the column(s) {', '.join(missing)}.")
    result = cells.reset_index(drop=True).copy()
    hidden = primary_suppression_mask(result, threshold=threshold, indicators=indicators)
    hidden = hidden.to_numpy(dtype=bool).copy()
    if len(result) and hidden.any():
        scopes = result["scope"].to_numpy()
        numbers = {
            column: np.nan_to_num(
                pd.to_numeric(result[column], errors="coerce").to_numpy(dtype=float), nan=0.0
            )
            for column in ("numerator", "denominator")
        }
        tables = result.groupby(TABLE_KEYS, dropna=False, sort=False).indices
        for key, positions in tables.items():
            if not hidden[positions].any():
                continue
            columns = _people_columns(str(key[0]), indicators)
            if columns:
                _protect_table(
                    hidden,
                    np.asarray(positions),
                    scopes,
                    [numbers[column] for column in columns],
                    threshold,
                )
    result["suppressed"] = hidden
    for column in NUMBER_COLUMNS:
        result[column] = pd.to_numeric(result[column], errors="coerce").astype(float)
        result.loc[hidden, column] = np.nan
    return result


def _protect_table(
    hidden: np.ndarray,
    positions: np.ndarray,
    scopes: np.ndarray,
    counts: list[np.ndarray],
    threshold: int,
) -> None:
    """Hides complementary cells of one table in place, until rule 2 holds in every family."""
    in_table = scopes[positions]
    totals = positions[in_table == TOTAL_SCOPE]
    if len(totals) == 0:
        # No total published alongside: nothing to subtract from.
        return
    total = int(totals[0])
    families = [positions[in_table == scope] for scope in GROUP_SCOPES]
    families = [family for family in families if len(family)]
    changed = True
    while changed:
        changed = False
        for family in families:
            while (pick := _next_complement(hidden, total, family, counts, threshold)) is not None:
                hidden[pick] = True
                changed = True


def _next_complement(
    hidden: np.ndarray,
    total: int,
    family: np.ndarray,
    counts: list[np.ndarray],
    threshold: int,
) -> int | None:
    """The next cell to hide in one family (groups + total), or None when it is protected."""
    hidden_groups = family[hidden[family]]
    total_hidden = bool(hidden[total])
    for count in counts:
        exactly_one = len(hidden_groups) + int(total_hidden) == 1
        too_few = (
            not total_hidden
            and len(hidden_groups) > 0
            and float(count[hidden_groups].sum()) < threshold
        )
        if not (exactly_one or too_few):
            continue
        shown = family[~hidden[family]]
        if len(shown):
            values = count[shown]
            # Smallest first, non-zero before zero (a zero hides nothing), then row order.
            order = np.lexsort((np.arange(len(shown)), values, values == 0))
            return int(shown[order[0]])
        if not total_hidden:
            return total
    return None
