"""The liaison's action forms: grant or revoke an exemption, and filter the audit log.

The forms parse and check what they can show next to each field; the services in
`courses.compliance.exemptions` check again and do the writing.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.compliance.exemptions import REASON_MAX_LENGTH
from courses.compliance.models import Assignment, AuditAction, Requirement


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
