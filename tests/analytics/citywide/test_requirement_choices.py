"""The citywide dashboard's requirement list says which requirements are no longer in force:
they come last, under their own heading, and are never the default."""

import pytest
from django.http import QueryDict

from analytics.citywide.forms import CitywideFilterForm
from analytics.citywide.selectors import dashboard_choices_get
from tests.factories import RequirementFactory


@pytest.mark.django_db
def test_requirements_out_of_force_are_listed_apart_and_never_the_default(course):
    retired = RequirementFactory(course=course, name="Anti-bias 2019", is_active=False)
    current = RequirementFactory(course=course, name="Racial equity foundations")
    form = CitywideFilterForm(choices=dashboard_choices_get())

    groups = dict(form.fields["requirement"].choices)
    assert [pk for pk, _name in groups["In force"]] == [current.pk]
    assert [pk for pk, _name in groups["No longer in force"]] == [retired.pk]
    html = str(form["requirement"])
    assert html.index('label="In force"') < html.index('label="No longer in force"')
    assert form.initial["requirement"] == current.pk


@pytest.mark.django_db
def test_a_requirement_out_of_force_can_still_be_chosen(course):
    retired = RequirementFactory(course=course, name="Anti-bias 2019", is_active=False)
    RequirementFactory(course=course, name="Racial equity foundations")
    data = QueryDict(f"requirement={retired.pk}")
    form = CitywideFilterForm(data, choices=dashboard_choices_get())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["requirement"] == retired.pk


@pytest.mark.django_db
def test_with_every_requirement_in_force_the_list_has_no_headings(course):
    current = RequirementFactory(course=course, name="Racial equity foundations")
    form = CitywideFilterForm(choices=dashboard_choices_get())
    assert list(form.fields["requirement"].choices) == [(current.pk, current.name)]
