"""The staff list's filters: every GET parameter is checked before it reaches a query or an export.

Choices come from the department itself (its requirements, the job classes and supervisors of its
staff), so an id from another department, a status or sort key that does not exist, a date that
is not ISO, a parameter the page never sends, or a parameter sent twice is refused with a message
instead of being dropped: an export must never quietly widen to "everyone".

The liaison's action forms: grant or revoke an exemption, and filter the audit log.

The forms parse and check what they can show next to each field; the services in
`courses.compliance.exemptions` check again and do the writing.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from courses.compliance.exemptions import REASON_MAX_LENGTH
from courses.compliance.models import Assignment, AssignmentStatus, AuditAction, Requirement
from courses.workbench.selectors import StaffFilterChoices, StaffFilters
from lms.forms import ListSelect, query_parameters_check

SORT_LABELS = {
    "name": _("Name"),
    "employee_id": _("Employee ID"),
    "job_class": _("Job class"),
    "hired_on": _("Hire date"),
    "due_on": _("Due date"),
    "status": _("Status"),
}
# Parameters the page sends besides the filters: the page number (the paginator clamps it).
OTHER_PARAMETERS = ("page",)


def _sort_choices() -> list[tuple[str, str]]:
    return [
        ("name", _("Name, A to Z")),
        ("-name", _("Name, Z to A")),
        ("employee_id", _("Employee ID, lowest first")),
        ("-employee_id", _("Employee ID, highest first")),
        ("job_class", _("Job class, lowest code first")),
        ("-job_class", _("Job class, highest code first")),
        ("hired_on", _("Hire date, earliest first")),
        ("-hired_on", _("Hire date, latest first")),
        ("due_on", _("Due date, soonest first")),
        ("-due_on", _("Due date, latest first")),
        ("status", _("Status, most urgent first")),
        ("-status", _("Status, least urgent first")),
    ]


class StaffFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name, employee ID or email"),
        required=False,
        max_length=100,
        strip=True,
    )
    requirement = forms.TypedChoiceField(
        label=_("Requirement"),
        required=False,
        widget=ListSelect,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose one of this department's requirements.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        widget=ListSelect,
        choices=[("", _("Any status")), *AssignmentStatus.choices],
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    job_class = forms.TypedChoiceField(
        label=_("Job class"),
        required=False,
        widget=ListSelect,
        coerce=int,
        empty_value=None,
        error_messages={
            "invalid_choice": _("Choose a job class held by someone in this department.")
        },
    )
    supervisor = forms.CharField(
        label=_("Supervisor's employee ID"),
        required=False,
        max_length=20,
        strip=True,
    )
    hired_from = forms.DateField(
        label=_("Hired on or after"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    hired_to = forms.DateField(
        label=_("Hired on or before"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        widget=ListSelect,
        choices=_sort_choices,
        error_messages={"invalid_choice": _("Choose a sort order from the list.")},
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        requirements: list[Requirement],
        choices: StaffFilterChoices,
        **kwargs,
    ):
        super().__init__(data, **kwargs)
        self.fields["requirement"].choices = [
            ("", _("Any requirement")),
            *[(r.pk, r.name) for r in requirements],
        ]
        self.fields["job_class"].choices = [
            ("", _("Any job class")),
            *[(j.pk, str(j)) for j in choices.job_classes],
        ]
        self._supervisors = choices.supervisors

    def clean_supervisor(self) -> int | None:
        """The pk of the supervisor with the employee ID typed, who must supervise someone in
        this department. One query, only when the filter is used."""
        employee_id = self.cleaned_data["supervisor"]
        if not employee_id:
            return None
        pk = self._supervisors.filter(employee_id=employee_id).values_list("pk", flat=True).first()
        if pk is None:
            raise forms.ValidationError(_("Choose a supervisor of someone in this department."))
        return pk

    def clean(self):
        cleaned = super().clean()
        query_parameters_check(self, other_parameters=OTHER_PARAMETERS)
        hired_from, hired_to = cleaned.get("hired_from"), cleaned.get("hired_to")
        if hired_from and hired_to and hired_from > hired_to:
            self.add_error("hired_to", _("The end of the hire date range is before its start."))
        return cleaned

    def filters(self) -> StaffFilters:
        """The validated filters. Only call after `is_valid()` returned True."""
        data = self.cleaned_data
        return StaffFilters(
            requirement_id=data.get("requirement"),
            status=data.get("status") or None,
            job_class_id=data.get("job_class"),
            supervisor_id=data.get("supervisor"),
            hired_from=data.get("hired_from"),
            hired_to=data.get("hired_to"),
            search=data.get("q") or "",
            sort=data.get("sort") or "name",
        )

    def error_messages_plain(self) -> list[str]:
        """Every error as one line, for the plain-text refusal of an export."""
        lines = [str(error) for error in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            lines += [f"{self.fields[name].label}: {error}" for error in errors]
        return lines


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RequirementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Requirement) -> str:
        return obj.name


class ExemptionGrantForm(forms.Form):
    """Which requirement, why, and until when. The requirement is one the person has now."""

    requirement = RequirementChoiceField(
        label=_("Requirement"),
        queryset=Requirement.objects.none(),
        empty_label=_("Choose a requirement"),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this person is excused. Kept in the audit log; ORE can read it."),
        error_messages={"required": _("Give the reason. It is kept in the audit log.")},
    )
    until_on = forms.DateField(
        label=_("Exempt until"),
        required=False,
        widget=DateInput(),
        help_text=_("The last day of the exemption. Leave empty for no end date."),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        current = Assignment.objects.filter(user=person, is_current=True).values("requirement_id")
        self.fields["requirement"].queryset = Requirement.objects.filter(pk__in=current).order_by(
            "name"
        )


class ExemptionPreselectForm(forms.Form):
    """The requirement a link to the exemption form chooses in advance (`?requirement=<id>`)."""

    requirement = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class ExemptionRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the exemption ends now. Kept in the audit log."),
        error_messages={"required": _("Give the reason. It is kept in the audit log.")},
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *AuditAction.choices],
    )
