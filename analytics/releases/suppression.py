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
2. **Related counts of one group.** The indicators published about the same group (one
   requirement x period x citywide / department / job class) count overlapping sets of the same
   people: of the N people counted, C completed, O of them on time, D are overdue; L are
   liaisons, L_c of whom completed; likewise supervisors. Differences and sums of published
   counts are counts too (C - O completed late, N - C - D not completed and not yet overdue,
   N - C not completed, C - L_c non-liaisons who completed...). Every count that can be worked
   out this way (every set of people whose count is a linear combination of the group's
   published counts: `derivable_sets`) must be 0 or at least `threshold`; otherwise more of
   the group's cells are withheld, the one that leaves the fewest small counts first (on-time,
   overdue, supervisors, liaisons, completion, in that order on ties). A rate's own complement
   (N - C) is such a count. Indicators outside that family form a related set of their own
   (numerator within denominator for rates and counts).
3. **Totals and subgroups.** The groups of one requirement x period add up: the departments to
   the citywide total, the job classes to it too. People without a department (or job class)
   make them add up to less, but that gap is *not* relied on: the rule assumes anyone can work
   out `total - published groups` as if the gap were known. So for every count of rule 2 that
   can be worked out for the total (from its cells, or from every group of the other table),
   the groups of a table where it cannot be worked out must together count 0 or at least
   `threshold` people, and not be a lone group with people in it; and the total may not be
   the only place it cannot be worked out. Otherwise further groups are withheld (smallest
   first), or the total if no group is left.
4. A withheld cell is published with numerator, denominator and value empty and
   `suppressed = true`. Whether a cell was withheld as small or as a complement is *not*
   published: that would say which groups are small.

Indicators not about people (technical-assistance requests and hours) are never suppressed.

Known limits: periods are protected one by one (a month and the quarter holding it are not
solved jointly), the median's completions dated in a period are a flow rather than a part of
the reporting date's stock and are protected on their own, and a group table is protected
count by count (a full linear-programming solver such as GaussSuppression would also consider
combinations of several groups' counts at once).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from analytics.pipeline.indicators import BY_CODE, Indicator

# One table: these columns equal. Within it, scope tells total (citywide) from groups.
TABLE_KEYS = ["indicator", "requirement_id", "course_id", "period_type", "period_start"]
GROUP_SCOPES = ("department", "job_class")
TOTAL_SCOPE = "citywide"
NUMBER_COLUMNS = ["numerator", "denominator", "value"]
# The cells of one group of one requirement or course x period: these columns equal.
PERIOD_KEYS = ["requirement_id", "course_id", "period_type", "period_start"]
# Which columns name the group within its scope (those present are used).
GROUP_COLUMNS = ("department_id", "job_class_id", "department_code", "job_class_code", "group")

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
        f"withheld. Zero is shown. The indicators published about one group (a requirement, "
        f"period and citywide, department or job class) are protected together: every count of "
        f"people that adding or subtracting the group's published counts gives (completed minus "
        f"completed on time = completed late; counted minus completed; counted minus completed "
        f"minus overdue; liaisons or supervisors minus those who completed; completed minus "
        f"liaisons who completed...) must also be 0 or at least {threshold}, otherwise more of "
        f"the group's cells are withheld (the on-time cell first). So that a withheld count "
        f"cannot be worked out by subtraction from the citywide total, further cells are "
        f"withheld in each table of departments and each table of job classes (the smallest "
        f"first) until, for every such count, the groups that do not show it are none, or more "
        f"than one, together counting 0 or at least {threshold} people, and the total is not "
        f"the only one hiding it; if needed the citywide total is withheld too. People without "
        f"a department or job class are not relied on to protect anyone. Withheld cells have "
        f"numerator, denominator and value empty and suppressed = true; the reason a cell was "
        f"withheld is not published. Counts of technical-assistance requests and hours are not "
        f"about people and are never withheld."
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
    """The cells with small-cell suppression applied (rules 1 to 4 of the module docstring).

    `cells`: one row per cell, with the columns of `TABLE_KEYS` plus scope, numerator,
    denominator and value, and the group's id in the columns of `GROUP_COLUMNS` that it has
    (other columns are kept as they are). Rows should come in a stable order (ties between
    equally small groups go to the earlier row), so the same input always gives the same
    output.

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
    if len(result):
        for structure, rows in _structures_of(result, indicators):
            _Related(result.loc[rows], rows, structure).protect(hidden, threshold)
    result["suppressed"] = hidden
    for column in NUMBER_COLUMNS:
        result[column] = pd.to_numeric(result[column], errors="coerce").astype(float)
        result.loc[hidden, column] = np.nan
    return result


# --- related sets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Structure:
    """A related set of counts about one group: the kinds of person in the group (`types`),
    each published count as the set of kinds it counts, and which indicator's cell publishes
    which counts (numerator, denominator; None when that number is not a count of people).
    `order`: on ties, the indicator whose cell is withheld first."""

    name: str
    types: int
    counts: tuple[tuple[str, frozenset[int]], ...]
    cells: tuple[tuple[str, str | None, str], ...]
    order: tuple[str, ...]


def _compliance_structure() -> Structure:
    # A person counted for a requirement on the reporting date is one of: completed on time,
    # completed late, overdue, not completed and not yet due (pending); and may be a liaison
    # and/or a supervisor: 4 x 2 x 2 kinds.
    kinds = [(s, liaison, boss) for s in range(4) for liaison in (0, 1) for boss in (0, 1)]

    def where(test) -> frozenset[int]:
        return frozenset(i for i, kind in enumerate(kinds) if test(*kind))

    return Structure(
        name="compliance",
        types=len(kinds),
        counts=(
            ("counted", where(lambda s, liaison, boss: True)),
            ("completed", where(lambda s, liaison, boss: s < 2)),
            ("on_time", where(lambda s, liaison, boss: s == 0)),
            ("overdue", where(lambda s, liaison, boss: s == 2)),
            ("liaisons", where(lambda s, liaison, boss: liaison == 1)),
            ("liaisons_completed", where(lambda s, liaison, boss: liaison == 1 and s < 2)),
            ("supervisors", where(lambda s, liaison, boss: boss == 1)),
            ("supervisors_completed", where(lambda s, liaison, boss: boss == 1 and s < 2)),
        ),
        cells=(
            ("completion_rate", "completed", "counted"),
            ("on_time_rate", "on_time", "counted"),
            ("overdue_count", "overdue", "counted"),
            ("liaison_coverage", "liaisons_completed", "liaisons"),
            ("supervisor_coverage", "supervisors_completed", "supervisors"),
        ),
        order=(
            "on_time_rate",
            "overdue_count",
            "supervisor_coverage",
            "liaison_coverage",
            "completion_rate",
        ),
    )


COMPLIANCE = _compliance_structure()


def _single_structure(indicator: str, people: tuple[str, ...]) -> Structure:
    """An indicator outside the compliance family: its own related set."""
    if "numerator" in people:
        counts = (("numerator", frozenset({0})), ("denominator", frozenset({0, 1})))
        return Structure(indicator, 2, counts, ((indicator, "numerator", "denominator"),), ())
    counts = (("denominator", frozenset({0})),)
    return Structure(indicator, 1, counts, ((indicator, None, "denominator"),), (indicator,))


def _structures_of(cells: pd.DataFrame, indicators: Mapping[str, Indicator]):
    """(structure, row labels) for every related set family present in `cells`."""
    compliance = {code for code, _n, _d in COMPLIANCE.cells}
    in_compliance = []
    for indicator, rows in cells.groupby("indicator", sort=False).groups.items():
        code = str(indicator)
        people = _people_columns(code, indicators)
        if not people:
            continue
        known = indicators.get(code)
        if code in compliance and known is not None and known.kind in ("rate", "count"):
            in_compliance.append(rows)
        else:
            yield _single_structure(code, people), rows
    if in_compliance:
        yield COMPLIANCE, in_compliance[0].append(in_compliance[1:]).sort_values()


class _Algebra:
    """What can be worked out from which counts of a structure, computed once."""

    def __init__(self, structure: Structure) -> None:
        self.counts = np.zeros((len(structure.counts), structure.types))
        for k, (_name, kinds) in enumerate(structure.counts):
            self.counts[k, list(kinds)] = 1.0
        self.sets = _zero_one_span(self.counts)
        # Each derivable set as a combination of the counts (exact: small integer matrices).
        solution = np.linalg.lstsq(self.counts.T, self.sets.T, rcond=None)[0]
        self.coefficients = np.round(solution.T, 9)
        self._closures: dict[int, np.ndarray] = {}

    def closure(self, known: int) -> np.ndarray:
        """Which sets can be worked out from the counts in the bit mask `known`."""
        found = self._closures.get(known)
        if found is None:
            rows = self.counts[[k for k in range(len(self.counts)) if known >> k & 1]]
            if len(rows) == 0:
                found = np.zeros(len(self.sets), dtype=bool)
            else:
                rank = np.linalg.matrix_rank(rows)
                found = np.array(
                    [np.linalg.matrix_rank(np.vstack([rows, s])) == rank for s in self.sets]
                )
            self._closures[known] = found
        return found


_ALGEBRAS: dict[Structure, _Algebra] = {}


def _algebra(structure: Structure) -> _Algebra:
    if structure not in _ALGEBRAS:
        _ALGEBRAS[structure] = _Algebra(structure)
    return _ALGEBRAS[structure]


def derivable_sets(structure: Structure, published: set[str]) -> list[frozenset[int]]:
    """The sets of kinds of person whose count can be worked out (by adding and subtracting)
    from the counts named in `published`, as sets of kind indexes."""
    names = [name for name, _kinds in structure.counts]
    algebra = _algebra(structure)
    mask = sum(1 << names.index(name) for name in published)
    return [
        frozenset(np.flatnonzero(algebra.sets[i]).tolist())
        for i in np.flatnonzero(algebra.closure(mask))
    ]


def _zero_one_span(matrix: np.ndarray) -> np.ndarray:
    """Every non-zero 0/1 vector in the row space of `matrix` (a small 0/1 matrix).

    In reduced row echelon form a vector of the row space is fixed by its pivot entries, so a
    0/1 vector is the sum of a subset of the reduced rows: at most 2**rank candidates."""
    rows = [[Fraction(int(v)) for v in row] for row in matrix]
    pivots: list[int] = []
    reduced: list[list[Fraction]] = []
    width = matrix.shape[1]
    for column in range(width):
        source = next((r for r in rows if r[column] != 0), None)
        if source is None:
            continue
        rows.remove(source)
        source = [v / source[column] for v in source]
        rows = [[a - r[column] * b for a, b in zip(r, source, strict=True)] for r in rows]
        reduced = [[a - r[column] * b for a, b in zip(r, source, strict=True)] for r in reduced]
        reduced.append(source)
        pivots.append(column)
    found = []
    for chosen in range(1, 1 << len(reduced)):
        vector = [Fraction(0)] * width
        for i, row in enumerate(reduced):
            if chosen >> i & 1:
                vector = [a + b for a, b in zip(vector, row, strict=True)]
        if all(v in (0, 1) for v in vector):
            found.append([float(v) for v in vector])
    return np.array(found).reshape(len(found), width)


class _Related:
    """The units (one group's cells of one structure) of one structure, and the tables they
    add up in, with the arrays rules 2 and 3 are checked on."""

    def __init__(self, cells: pd.DataFrame, rows, structure: Structure) -> None:
        self.structure = structure
        self.algebra = _algebra(structure)
        names = [name for name, _kinds in structure.counts]
        group_columns = [c for c in GROUP_COLUMNS if c in cells.columns]
        unit_keys = [*PERIOD_KEYS, "scope", *group_columns]
        units = cells.groupby(unit_keys, dropna=False, sort=False).ngroup().to_numpy()
        tables = cells.groupby(PERIOD_KEYS, dropna=False, sort=False).ngroup().to_numpy()
        count = int(units.max()) + 1
        self.rows = np.asarray(rows)
        self.cell_row = np.full((count, len(structure.cells)), -1)
        self.table = np.zeros(count, dtype=np.int64)
        self.scope = np.empty(count, dtype=object)
        values = np.full((count, len(names)), np.nan)
        cell_index = {code: c for c, (code, _n, _d) in enumerate(structure.cells)}
        codes = cells["indicator"].astype(str).map(cell_index).to_numpy(dtype=np.int64)
        numerator = pd.to_numeric(cells["numerator"], errors="coerce").to_numpy(dtype=float)
        denominator = pd.to_numeric(cells["denominator"], errors="coerce").to_numpy(dtype=float)
        # Reversed, so that where a cell comes twice the first row is the one kept.
        backwards = np.arange(len(cells))[::-1]
        self.cell_row[units[backwards], codes[backwards]] = backwards
        self.table[units] = tables
        self.scope[units] = cells["scope"].to_numpy()
        for c in range(len(structure.cells) - 1, -1, -1):
            has = self.cell_row[:, c] >= 0
            at = self.cell_row[has, c]
            _code, num, den = structure.cells[c]
            if num is not None:
                values[has, names.index(num)] = np.nan_to_num(numerator[at])
            values[has, names.index(den)] = np.nan_to_num(denominator[at])
        # A cell every other group of its table and scope has is missing because its
        # denominator is zero (no row is written for nobody): its counts are known zeros.
        self.phantom = np.zeros_like(self.cell_row, dtype=bool)
        frame = pd.DataFrame({"table": self.table, "scope": self.scope})
        for c, (_code, num, den) in enumerate(structure.cells):
            present = pd.Series(self.cell_row[:, c] >= 0)
            anywhere = present.groupby([frame["table"], frame["scope"]]).transform("any")
            self.phantom[:, c] = anywhere.to_numpy() & ~present.to_numpy()
            for name in (num, den):
                if name is not None:
                    k = names.index(name)
                    values[self.phantom[:, c] & np.isnan(values[:, k]), k] = 0.0
        self.count_of_cell = [
            [names.index(n) for n in (num, den) if n is not None]
            for _code, num, den in structure.cells
        ]
        unknown = np.isnan(values)
        filled = np.nan_to_num(values)
        coefficients = self.algebra.coefficients
        self.values = filled @ coefficients.T
        self.values[(unknown.astype(float) @ (coefficients != 0).T) > 0] = np.nan
        self.possible = self._derivable(self._known(np.zeros(len(cells), dtype=bool)))
        # What known zeros alone give away: no withholding can hide those sets.
        self.fixed = self._derivable(self._known(np.ones(len(cells), dtype=bool)))
        self.order = [
            structure.order.index(code) if code in structure.order else len(structure.order)
            for code, _n, _d in structure.cells
        ]

    def _known(self, hidden_rows: np.ndarray) -> np.ndarray:
        """Per unit, the bit mask of counts its published cells (and known zeros) give."""
        shown = self.phantom.copy()
        present = self.cell_row >= 0
        shown[present] = ~hidden_rows[self.cell_row[present]]
        known = np.zeros(len(self.cell_row), dtype=np.int64)
        for c, counts in enumerate(self.count_of_cell):
            for k in counts:
                known |= np.where(shown[:, c], 1 << k, 0)
        return known

    def _derivable(self, known: np.ndarray) -> np.ndarray:
        masks, inverse = np.unique(known, return_inverse=True)
        table = np.array([self.algebra.closure(int(m)) for m in masks])
        return table[inverse.reshape(-1)]

    def _small(self, values: np.ndarray, threshold: int) -> np.ndarray:
        return np.nan_to_num((values > 0.5) & (values < threshold - 0.5)).astype(bool)

    def protect(self, hidden: np.ndarray, threshold: int) -> None:
        """Hides cells (rows of `hidden`, indexed like `self.rows`) until rules 2 and 3 hold."""
        self.small = self._small(self.values, threshold)
        local = hidden[self.rows].copy()
        while self._within_groups(local, threshold) | self._across_groups(local, threshold):
            pass
        hidden[self.rows] = local

    # Rule 2 ---------------------------------------------------------------------------------

    def _within_groups(self, hidden: np.ndarray, threshold: int) -> bool:
        derivable = self._derivable(self._known(hidden))
        bad = np.flatnonzero((derivable & self.small).any(axis=1))
        changed = False
        for u in bad:
            while True:
                leaks = self._leaks(u, hidden, threshold)
                if not leaks:
                    break
                choices = []
                for c in self._hideable(u, hidden):
                    row = self.cell_row[u, c]
                    hidden[row] = True
                    choices.append((self._leaks(u, hidden, threshold), self.order[c], c, row))
                    hidden[row] = False
                if not choices:
                    break
                hidden[min(choices)[3]] = True
                changed = True
        return changed

    def _hideable(self, u: int, hidden: np.ndarray) -> list[int]:
        return [
            c
            for c in range(self.cell_row.shape[1])
            if self.cell_row[u, c] >= 0 and not hidden[self.cell_row[u, c]]
        ]

    def _unit_derivable(self, u: int, hidden: np.ndarray) -> np.ndarray:
        known = 0
        for c, counts in enumerate(self.count_of_cell):
            row = self.cell_row[u, c]
            if self.phantom[u, c] or (row >= 0 and not hidden[row]):
                for k in counts:
                    known |= 1 << k
        return self.algebra.closure(known)

    def _leaks(self, u: int, hidden: np.ndarray, threshold: int) -> int:
        return int(np.count_nonzero(self._unit_derivable(u, hidden) & self.small[u]))

    # Rule 3 ---------------------------------------------------------------------------------

    def _across_groups(self, hidden: np.ndarray, threshold: int) -> bool:
        derivable = self._derivable(self._known(hidden))
        values = np.nan_to_num(self.values)
        changed = False
        for _table, units in pd.Series(np.arange(len(self.table))).groupby(self.table):
            units = units.to_numpy()
            scopes = self.scope[units]
            totals = units[scopes == TOTAL_SCOPE]
            families = [units[scopes == scope] for scope in GROUP_SCOPES]
            families = [family for family in families if len(family)]
            width = self.values.shape[1]
            shown_total = derivable[totals[0]] if len(totals) else np.zeros(width, dtype=bool)
            total_people = values[totals[0]] if len(totals) else np.zeros(width)
            # A family whose every group shows a set gives the total's by adding up (the gap
            # of people without a group is taken as known).
            whole = [self.possible[f].any(axis=0) & derivable[f].all(axis=0) for f in families]
            for index, family in enumerate(families):
                considered = self.possible[family].any(axis=0)
                known_total = shown_total.copy()
                for other, complete in enumerate(whole):
                    if other != index:
                        known_total |= complete
                # Groups that cannot show the set, whatever its count there (the public does
                # not know which of them are zero); their sum is what the total gives away.
                unknown = ~derivable[family]
                sums = (values[family] * unknown).sum(axis=0)
                counts = unknown.sum(axis=0)
                small = self._small(sums, threshold)
                bad = considered & known_total & (small | ((counts == 1) & (sums > 0)))
                # The total withheld alone beside groups that all show the set.
                bad |= considered & ~shown_total & (counts == 0) & (total_people > 0)
                fixed = False
                # Small sums first: their complement often settles a lone group as well.
                for p in [*np.flatnonzero(bad & small), *np.flatnonzero(bad & ~small)]:
                    target = self._complement(
                        p, family, totals, families, derivable, values, zero_helps=not small[p]
                    )
                    if target is not None:
                        self._hide_set(target, p, hidden)
                        fixed = True
                        break  # this table's arrays are stale now: it is checked again next pass
                if fixed:
                    changed = True
                    break
        return changed

    def _complement(
        self, p, family, totals, families, derivable, values, *, zero_helps: bool
    ) -> int | None:
        """The unit to withhold `p` in next: the smallest group of the table that still shows
        it (with people in it, unless `zero_helps`: a second unknown group, even an empty one,
        keeps a lone large one from being worked out), else the total, else the smallest group
        of another table of groups."""
        for candidates in (
            family,
            totals,
            *[f for f in families if f is not family],
        ):
            can_hide = derivable[candidates, p] & ~self.fixed[candidates, p]
            shows = candidates[can_hide & (values[candidates, p] > 0)]
            if not len(shows) and zero_helps and candidates is family:
                shows = candidates[can_hide]
            if len(shows):
                # Smallest first, then the earlier group.
                return int(shows[np.lexsort((shows, values[shows, p]))[0]])
        return None

    def _hide_set(self, u: int, p: int, hidden: np.ndarray) -> None:
        """Withholds cells of unit `u` until the set `p` can no longer be worked out there: one
        cell if one is enough (in `order`), else cells in `order` one by one."""
        cells = sorted(self._hideable(u, hidden), key=lambda c: self.order[c])
        for c in cells:
            row = self.cell_row[u, c]
            hidden[row] = True
            if not self._unit_derivable(u, hidden)[p]:
                return
            hidden[row] = False
        for c in cells:
            hidden[self.cell_row[u, c]] = True
            if not self._unit_derivable(u, hidden)[p]:
                return
