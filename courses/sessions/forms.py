"""Forms of the live-session pages. They parse; the services in `courses.sessions` decide.

A refusal from a service comes back per field (the keys are the service's argument names,
which are the field names here): `add_service_error` puts each message next to its field.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from courses.fields import RecordChoiceField
from courses.learning.models import CoursePage
from courses.sessions.models import LiveSession, SessionMode
from courses.sessions.permissions import liaison_department_ids
from courses.sessions.selectors import employees_by_employee_id
from lms.users.models import Department, User
from lms.users.permissions import can_view_all_departments

MAX_PEOPLE = 500


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class SessionForm(forms.Form):
    """What, when, where and for whom. Without `session`, the course is chosen (scheduling);
    with it, the course stays (editing)."""

    course = RecordChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.none(),
        empty_label=_("Choose a course"),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional, for example “Foundations workshop for supervisors”."),
    )
    title_es = forms.CharField(
        label=_("Title in Spanish"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "es"}),
        help_text=_(
            "Shown to people who read the site in Spanish, for example “Taller de fundamentos "
            "para supervisores”. Leave empty to show the title."
        ),
    )
    department = forms.ModelChoiceField(
        label=_("For the employees of"),
        queryset=Department.objects.none(),
    )
    mode = forms.ChoiceField(label=_("Format"), choices=SessionMode.choices)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=DateTimeLocalInput(),
        help_text=_("Date and time, Pacific time."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        widget=DateTimeLocalInput(),
        help_text=_("Date and time, Pacific time."),
    )
    location = forms.CharField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_("Needed for an in-person session: building, address and room."),
    )
    join_url = forms.URLField(
        label=_("Link to join"),
        required=False,
        assume_scheme="https",
        help_text=_("Needed for a virtual session, for example a Teams or Zoom link."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=10000,
        initial=30,
        help_text=_("How many people can attend. Others join a waiting list."),
    )
    notes = forms.CharField(
        label=_("Notes for attendees"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, user: User, session: LiveSession | None = None, **kwargs):
        if session is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": session.title,
                    "title_es": session.title_es,
                    "department": session.department_id,
                    "mode": session.mode,
                    "starts_at": session.starts_at,
                    "ends_at": session.ends_at,
                    "location": session.location,
                    "join_url": session.join_url,
                    "capacity": session.capacity,
                    "notes": session.notes,
                },
            )
        super().__init__(*args, **kwargs)
        if session is None:
            self.fields["course"].queryset = (
                CoursePage.objects.live()
                .filter(locale=Locale.get_default())
                .order_by("title", "pk")
            )
        else:
            del self.fields["course"]
        department = self.fields["department"]
        if can_view_all_departments(user):
            department.queryset = Department.objects.order_by("name")
            department.required = False
            department.empty_label = _("Everyone (a citywide session)")
            department.help_text = _("Leave as “Everyone” for a session open to every employee.")
        else:
            department.queryset = Department.objects.filter(
                pk__in=liaison_department_ids(user)
            ).order_by("name")
            department.empty_label = _("Choose a department")
            department.help_text = _("Only employees of this department can register.")


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the session cancelled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone registered or waiting receives this in their email."),
    )


class RegistrationCancelForm(forms.Form):
    """Whose registration a cancel button cancels: the signed-in person's (no `user`), or, for
    a liaison or ORE, the person's with that record id."""

    user = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class PeopleSearchForm(forms.Form):
    """The search of the list of people a liaison or ORE may register (`?q=`)."""

    q = forms.CharField(required=False)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:100]


class PeopleField(forms.Field):
    """Several employee record ids from checkboxes named alike; cleans to a list of ints."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            return list(dict.fromkeys(int(item) for item in values))
        except (TypeError, ValueError):
            raise ValidationError(_("Choose people from the list."), code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_PEOPLE:
            raise ValidationError(
                _("Choose at most %(count)s people at a time.") % {"count": MAX_PEOPLE},
                code="too_many",
            )


class PeopleForm(forms.Form):
    """The people ticked in a list (registering them, or marking them present)."""

    user = PeopleField(
        label=_("People"),
        error_messages={"required": _("Choose at least one person.")},
    )


class AttendanceForm(PeopleForm):
    """The people ticked on the attendance page, and what to record for them."""

    attendance = forms.ChoiceField(
        label=_("Record the people ticked as"),
        choices=[
            ("present", _("Present (completes the course)")),
            ("absent", _("Absent")),
            ("excused", _("Excused")),
            ("not_recorded", _("Not recorded (undo)")),
        ],
        required=False,
        initial="present",
    )

    def clean_attendance(self) -> str:
        """ "present" when not given (the form before absent and excused existed); "" for
        "not recorded"."""
        value = self.cleaned_data.get("attendance") or "present"
        return "" if value == "not_recorded" else value


class EmployeeIdsForm(forms.Form):
    """ORE registers anyone by employee ID, pasted from a spreadsheet or typed."""

    employee_ids = forms.CharField(
        label=_("Employee IDs"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_("One or more employee IDs, separated by new lines, commas or spaces."),
    )

    def clean_employee_ids(self) -> list[User]:
        ids = list(dict.fromkeys(re.split(r"[\s,;]+", self.cleaned_data["employee_ids"].strip())))
        ids = [value for value in ids if value]
        if len(ids) > MAX_PEOPLE:
            raise ValidationError(
                _("Enter at most %(count)s employee IDs at a time.") % {"count": MAX_PEOPLE}
            )
        found = employees_by_employee_id(employee_ids=ids)
        missing = [value for value in ids if value not in found]
        if missing:
            raise ValidationError(
                _("No employee has the ID %(ids)s.") % {"ids": ", ".join(missing)}
            )
        return [found[value] for value in ids]


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Shows a service's refusal on `form`: next to the field it names, or at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
