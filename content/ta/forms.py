"""The form a department uses to ask ORE for technical assistance.

The form parses and checks what it can show next to each field; the service
(`content.ta.services.ta_request_create`) checks again and does the writing.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from content.ta.models import TAKind
from content.ta.selectors import ta_department_choices_for_user
from content.ta.services import (
    ATTACHMENT_EXTENSIONS,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    ta_request_problems,
)
from content.taxonomy import IssueArea
from lms.users.models import Department, User


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one control; cleans to a list (empty when none were chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not uploads:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TARequestForm(forms.Form):
    """What a person asks ORE for: department, topic, kind of help, details, dates and files."""

    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        empty_label=_("Choose a department"),
        help_text=_("Your department, or a department you are the training liaison of."),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=IssueArea.objects.all(),
        empty_label=_("Choose a topic"),
        help_text=_("The community issue area the request is about."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of help"),
        choices=[("", _("Choose the kind of help")), *TAKind.choices],
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_(
            "A short name for the request, for example “Budget equity tool for FY 2026-27”."
        ),
    )
    description = forms.CharField(
        label=_("What do you need help with?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe the work, who is involved and what you hope to achieve."),
    )
    desired_start_on = forms.DateField(
        label=_("Earliest date"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional. As year-month-day, for example 2026-09-15."),
    )
    desired_end_on = forms.DateField(
        label=_("Latest date"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional. Not before the earliest date."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        departments = ta_department_choices_for_user(user=user)
        self.fields["department"].queryset = departments
        if user.department_id and not self.is_bound:
            self.fields["department"].initial = user.department_id
        self.fields["attachments"].help_text = gettext(
            "Optional. Up to %(count)s files of at most %(size)s MB each: PDF, Word (.docx), "
            "Excel (.xlsx), PowerPoint (.pptx), CSV or plain text."
        ) % {"count": MAX_ATTACHMENTS, "size": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
        self.fields["attachments"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in ATTACHMENT_EXTENSIONS
        )

    def clean(self):
        cleaned = super().clean()
        problems = ta_request_problems(
            desired_start_on=cleaned.get("desired_start_on"),
            desired_end_on=cleaned.get("desired_end_on"),
            files=cleaned.get("attachments") or [],
        )
        for field, messages in problems.items():
            for message in messages:
                self.add_error(field, message)
        return cleaned
