"""The staff list when nobody matches, and the name search as the list writes names."""

import pytest

from courses.compliance.models import AssignmentStatus
from tests.courses.workbench.workbench_data import assign
from tests.factories import UserFactory

GSD = "/liaison/GSD/"


@pytest.mark.django_db
def test_a_filter_nobody_matches_says_so_and_keeps_the_export_links(
    client, liaison, department, requirement
):
    assign(UserFactory(department=department), requirement, status=AssignmentStatus.NOT_STARTED)
    client.force_login(liaison)

    response = client.get(GSD, {"q": "nobody-has-this-name"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nobody matches these filters" in html
    assert "The staff list is shown once the filters above are corrected" not in html
    assert "/liaison/GSD/export.csv?q=nobody-has-this-name" in html
    assert "/liaison/GSD/export.xlsx?q=nobody-has-this-name" in html


@pytest.mark.parametrize(
    "query", ["Rivera, Emily", "Emily Rivera", "rivera,emily", "Riv, Em", "Emily", "RIVERA"]
)
@pytest.mark.django_db
def test_search_finds_a_name_written_as_the_list_shows_it_or_first_name_first(
    client, liaison, department, query
):
    UserFactory(department=department, first_name="Emily", last_name="Rivera")
    UserFactory(department=department, first_name="Emil", last_name="Nolan")
    UserFactory(department=department, first_name="Rosa", last_name="Rivers")
    client.force_login(liaison)

    rows = client.get(GSD, {"q": query}).context["rows"]

    assert [(row.person.last_name, row.person.first_name) for row in rows] == [("Rivera", "Emily")]


@pytest.mark.django_db
def test_a_search_of_only_commas_lists_everyone(client, liaison, department):
    UserFactory(department=department, first_name="Emily", last_name="Rivera")
    client.force_login(liaison)

    response = client.get(GSD, {"q": " , ,"})

    assert response.status_code == 200
    everyone = client.get(GSD).context["rows"]
    assert response.context["rows"] == everyone
    assert "Rivera" in [row.person.last_name for row in everyone]


def _row(html: str, last_name: str) -> str:
    """The staff table's row of the person with `last_name`."""
    start = html.rindex("<tr>", 0, html.index(f">{last_name}, "))
    return html[start : html.index("</tr>", start)]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            {
                "Adams": ["Completed late", "done 03/01/2026", "Not required"],
                "Baker": ["Overdue", "due 11/02/2026", "Not required"],
                "Cruz": ["Overdue", "due 11/02/2026", "In progress", "due 01/15/2027"],
            },
        ),
        (
            "es",
            {
                "Adams": ["Completado con retraso", "completado el 01/03/2026", "No obligatorio"],
                "Baker": ["Vencido", "vence el 02/11/2026", "No obligatorio"],
                "Cruz": ["Vencido", "vence el 02/11/2026", "vence el 15/01/2027"],
            },
        ),
    ],
)
@pytest.mark.django_db
def test_each_cell_shows_the_status_and_the_day_done_or_due_in_the_readers_language(
    client, liaison, department, requirement, course, language, expected
):
    """The cells: status, and the day done (the city's day, not UTC's) or due; "not required"
    outside a requirement's audience. Two people with the same cell both show it."""
    from datetime import date, datetime

    from django.utils import timezone

    from courses.compliance.models import Assignment
    from tests.factories import RequirementFactory

    second = RequirementFactory(course=course, name="Second requirement")
    S = AssignmentStatus
    adams = UserFactory(department=department, last_name="Adams")
    done = assign(adams, requirement, status=S.COMPLETED_LATE, completed_on=date(2026, 3, 1))
    # 06:30 UTC on 2 March is the evening of 1 March in Los Angeles.
    Assignment.objects.filter(pk=done.pk).update(
        completed_at=datetime(2026, 3, 2, 6, 30, tzinfo=timezone.UTC)
    )
    for name in ("Baker", "Cruz"):
        person = UserFactory(department=department, last_name=name)
        assign(person, requirement, status=S.OVERDUE, due_on=date(2026, 11, 2))
    cruz = UserFactory._meta.model.objects.get(last_name="Cruz")
    assign(cruz, second, status=S.IN_PROGRESS, due_on=date(2027, 1, 15))
    client.force_login(liaison)

    html = client.get(GSD, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    for last_name, texts in expected.items():
        row = _row(html, last_name)
        for text in texts:
            assert text in row, (last_name, text)
    assert '<span class="status status-overdue">' in _row(html, "Baker")
    assert _row(html, "Baker").count('aria-hidden="true">\N{EN DASH}<') == 1
