from datetime import date

import pytest

from lms.fiscal import fiscal_quarter_of, fiscal_year_end_on, fiscal_year_label, fiscal_year_of


@pytest.mark.parametrize(
    ("day", "year", "label", "quarter"),
    [
        (date(2025, 7, 1), 2026, "FY 2025-26", 1),
        (date(2025, 9, 30), 2026, "FY 2025-26", 1),
        (date(2025, 12, 31), 2026, "FY 2025-26", 2),
        (date(2026, 1, 1), 2026, "FY 2025-26", 3),
        (date(2026, 6, 30), 2026, "FY 2025-26", 4),
        (date(2099, 7, 1), 2100, "FY 2099-00", 1),
    ],
)
def test_fiscal_year_runs_july_to_june(day, year, label, quarter):
    assert fiscal_year_of(day) == year
    assert fiscal_year_label(day) == label
    assert fiscal_quarter_of(day) == quarter
    assert fiscal_year_end_on(day) == date(year, 6, 30)
