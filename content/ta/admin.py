"""Wagtail admin screens for TA request triage (registered on import by wagtail_hooks).

ORE lists requests (filters by status, department, kind and topic) and edits each one's triage:
status, reason for declining, assigned staff, internal notes, hours and outcome. The edit view
hands every write to `content.ta.services.ta_request_update`, so the transitions, the status
events and the emails to the requester are the same whoever or whatever makes the change.
Requests come from departments (/ta/new/): nobody creates, copies or deletes them here.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permissions import register_permission_policy

from content.ta.models import TARequest
from content.ta.selectors import ta_staff_list
from content.ta.services import ta_request_update, ta_request_update_check
from lms.wagtail_policies import KeepOnRecordPermissionPolicy

_TRIAGE_FIELDS = [
    "status",
    "decline_reason",
    "assigned_to",
    "hours_logged",
    "internal_notes",
    "outcome",
]


class TATriageForm(WagtailAdminModelForm):
    """The triage fields; checks them with the service's own rules, next to each field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            self.fields["assigned_to"].queryset = ta_staff_list()
        if "hours_logged" in self.fields:
            self.fields["hours_logged"].widget.attrs["min"] = "0"

    def clean(self):
        cleaned = super().clean()
        # Before _post_clean copies the values onto the instance, it still holds stored status.
        try:
            ta_request_update_check(
                current_status=self.instance.status,
                status=cleaned.get("status", self.instance.status),
                decline_reason=cleaned.get("decline_reason", ""),
                assigned_to=cleaned.get("assigned_to"),
                hours_logged=cleaned.get("hours_logged"),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class TARequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("department", "assigned_to", "topic")


class TARequestEditView(generic.EditView):
    """Saves through `ta_request_update`; a refusal from it is shown on the form."""

    def save_instance(self):
        data = self.form.cleaned_data
        instance = ta_request_update(
            request=self.object,
            by=self.request.user,
            status=data["status"],
            decline_reason=data.get("decline_reason", ""),
            assigned_to=data.get("assigned_to"),
            internal_notes=data.get("internal_notes", ""),
            hours_logged=data["hours_logged"],
            outcome=data.get("outcome", ""),
        )
        log(instance=instance, action="wagtail.edit", user=self.request.user)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # The stored request changed since the form was shown, or the service refused.
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class TARequestViewSet(ModelViewSet):
    model = TARequest
    icon = "help"
    menu_label = _("TA requests")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "ta-requests"
    index_view_class = TARequestIndexView
    edit_view_class = TARequestEditView
    copy_view_enabled = False
    list_display = ["title", "department", "status", "assigned_to", "created_at"]
    list_filter = ["status", "department", "kind", "topic"]
    search_fields = ["title", "description"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            HelpPanel(template="content/admin/ta/request_summary.html", heading=_("The request")),
            *[FieldPanel(name) for name in _TRIAGE_FIELDS],
        ],
        base_form_class=TATriageForm,
    )


register_permission_policy(TARequest, KeepOnRecordPermissionPolicy(TARequest))


@hooks.register("register_admin_viewset")
def register_ta_request_viewset():
    return TARequestViewSet("ta_requests")
