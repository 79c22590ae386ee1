"""The requirement form in the Wagtail admin: named exclusions by employee ID, not a list of
the whole city in one select box."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.users.models import User


class RequirementForm(WagtailAdminModelForm):
    excluded_employee_ids = forms.CharField(
        label=_("Excluded employees (employee IDs)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Employee IDs separated by commas, spaces or new lines."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["excluded_employee_ids"] = ", ".join(
                self.instance.excluded_employees.order_by("employee_id").values_list(
                    "employee_id", flat=True
                )
            )

    def clean_excluded_employee_ids(self):
        ids = [
            part
            for part in re.split(r"[\s,;]+", self.cleaned_data["excluded_employee_ids"])
            if part
        ]
        found = dict(User.objects.filter(employee_id__in=ids).values_list("employee_id", "pk"))
        unknown = [employee_id for employee_id in ids if employee_id not in found]
        if unknown:
            raise forms.ValidationError(
                _("No employee has the ID %(ids)s.") % {"ids": ", ".join(unknown[:10])}
            )
        return sorted(set(found.values()))

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.excluded_employees.set(self.cleaned_data.get("excluded_employee_ids", []))
