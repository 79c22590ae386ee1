"""The City's fiscal year runs July 1 to June 30; "FY 2025-26" ends on June 30, 2026.

The one place fiscal years are computed (pure Python: no Django, no clock).
"""

from datetime import date

FIRST_MONTH = 7


def fiscal_year_of(day: date) -> int:
    """The calendar year in which the fiscal year containing `day` ends."""
    return day.year + 1 if day.month >= FIRST_MONTH else day.year


def fiscal_year_end_on(day: date) -> date:
    """June 30 closing the fiscal year that contains `day`."""
    return date(fiscal_year_of(day), 6, 30)


def fiscal_year_label(day: date) -> str:
    """'FY 2025-26' for any day from July 1, 2025 to June 30, 2026."""
    end = fiscal_year_of(day)
    return f"FY {end - 1}-{end % 100:02d}"


def fiscal_quarter_of(day: date) -> int:
    """1 for July-September, ..., 4 for April-June."""
    return (day.month - FIRST_MONTH) % 12 // 3 + 1
