"""The liaison page rounds every percentage the same way and says what each on-time figure is
out of."""

import pytest

from analytics.department import ComparisonCell, TrendPoint
from courses.workbench.selectors import RequirementSummary


def test_the_comparison_rounds_like_the_summary_whole_percent_down():
    summary = RequirementSummary(requirement=None, in_audience=1000, completed_on_time=686)
    cell = ComparisonCell(numerator=686.0, denominator=1000.0, value=0.686)
    point = TrendPoint(on=None, in_audience=1000, completed=686)
    assert summary.compliance_percent == cell.percent == point.percent == 68
    # Floating point does not push a whole number below itself.
    assert ComparisonCell(numerator=None, denominator=None, value=0.29).percent == 29
    assert ComparisonCell(numerator=None, denominator=None, value=None).percent is None


@pytest.mark.django_db
def test_the_page_says_what_each_on_time_figure_is_out_of(client, liaison, staffed):
    client.force_login(liaison)
    html = client.get("/liaison/GSD/").content.decode()
    assert "On time (of those completed)" in html
    assert (
        "On time (of completed): people who completed on or before the due date, divided by "
        "the people who completed."
    ) in html
    assert "Percentages are whole numbers, rounded down: 68.6 percent shows as 68" in html
