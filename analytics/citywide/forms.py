"""The citywide dashboard's filters: every GET parameter is checked before a query uses it.

A value that is not one of the choices, a parameter the page never sends, a parameter sent twice,
or a department and a job class together (the figures are not broken down by both) is refused
with a message; the view then shows the default figures, never a half-applied filter.
"""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from analytics.citywide.selectors import DashboardChoices, DashboardQuery, job_class_get_by_code
from analytics.pipeline.indicators import fiscal_year_label
from analytics.pipeline.models import PeriodType
from lms.forms import query_parameters_check

# Parameters the page sends besides the filters: which section to download as CSV.
OTHER_PARAMETERS = ("download",)


def requirement_choices(choices: DashboardChoices) -> list:
    """The requirements, those no longer in force apart under their own heading (they keep
    their figures, but must not pass for current ones)."""
    retired = choices.retired_requirement_ids
    if not retired:
        return list(choices.requirements)
    return [
        (_("In force"), [(pk, name) for pk, name in choices.requirements if pk not in retired]),
        (
            _("No longer in force"),
            [(pk, name) for pk, name in choices.requirements if pk in retired],
        ),
    ]


class CitywideFilterForm(forms.Form):
    requirement = forms.TypedChoiceField(
        label=_("Requirement"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a requirement from the list.")},
    )
    department = forms.TypedChoiceField(
        label=_("Department"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a department from the list.")},
    )
    job_class = forms.CharField(
        label=_("Job class code"),
        help_text=_("For example 1368. Leave empty for every job class."),
        required=False,
        max_length=20,
        strip=True,
    )
    period_type = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=PeriodType.choices,
        error_messages={"invalid_choice": _("Choose fiscal year, fiscal quarter or month.")},
    )
    fiscal_year = forms.TypedChoiceField(
        label=_("Fiscal year"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a fiscal year that has figures.")},
    )

    def __init__(self, data: QueryDict | None = None, *, choices: DashboardChoices, **kwargs):
        super().__init__(data, **kwargs)
        self.choices = choices
        self.fields["requirement"].choices = requirement_choices(choices)
        self.fields["department"].choices = [
            ("", _("Every department (citywide)")),
            *[(d.pk, f"{d.name} ({d.code})") for d in choices.departments],
        ]
        self.fields["fiscal_year"].choices = [
            (year, fiscal_year_label(year)) for year in reversed(choices.fiscal_years)
        ]
        self.fields["job_class"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "size": 8}
        )
        self.initial.update(self.defaults())

    def defaults(self) -> dict:
        # The first requirement in force (they come first); one out of force only if none is.
        requirements = self.choices.requirements
        return {
            "requirement": requirements[0][0] if requirements else None,
            "period_type": PeriodType.FISCAL_YEAR,
            "fiscal_year": self.choices.default_fiscal_year,
        }

    def clean_job_class(self):
        """The job class with the code typed (one query, only when the filter is used)."""
        code = self.cleaned_data["job_class"]
        if not code:
            return None
        job_class = job_class_get_by_code(code)
        if job_class is None:
            raise forms.ValidationError(_("No job class has the code %(code)s.") % {"code": code})
        return job_class

    def clean(self):
        cleaned = super().clean()
        query_parameters_check(self, other_parameters=OTHER_PARAMETERS)
        if cleaned.get("department") is not None and cleaned.get("job_class") is not None:
            self.add_error(
                "job_class",
                _(
                    "Choose a department or a job class, not both: the figures are not broken "
                    "down by both at once."
                ),
            )
        return cleaned

    def query(self, *, selected_period) -> DashboardQuery:
        """The filters as a query: the validated values when the form is valid, otherwise the
        defaults. `selected_period(period_type, fiscal_year)` gives the period's start."""
        values = dict(self.defaults())
        if self.is_bound and self.is_valid():
            for name, value in self.cleaned_data.items():
                if value not in (None, ""):
                    values[name] = value
        job_class = values.get("job_class")
        return DashboardQuery(
            fiscal_year=values["fiscal_year"],
            period_type=values["period_type"],
            period_start=selected_period(values["period_type"], values["fiscal_year"]),
            requirement_id=values.get("requirement"),
            department_id=values.get("department"),
            job_class_id=job_class.pk if job_class is not None else None,
        )

    def job_class_chosen(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("job_class")
        return None

    def error_messages_plain(self) -> list[str]:
        """Every error as one line, for the plain-text refusal of a download."""
        lines = [str(error) for error in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name in self.fields:
                lines += [f"{self.fields[name].label}: {error}" for error in errors]
        return lines
