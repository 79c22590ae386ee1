"""The Wagtail admin's list of stuck reminders (registered on import by wagtail_hooks): claims
whose sender died after claiming and before sending, so they were never sent. Read-only, for
ORE (anyone who may see every department) and superusers; an operator releases reviewed ones
with `manage.py release_reminders` (see `courses.compliance.reminders.reminders_release`)."""

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from courses.compliance.models import ReminderLog
from courses.compliance.reminders import reminder_claims_stuck
from courses.workbench.audit_log import ReadOnlyForOrePermissionPolicy, ReadOnlyViewSet


def _recipient_text(claim: ReminderLog) -> str:
    recipient = claim.recipient
    if recipient.employee_id:
        return f"{recipient} ({recipient.employee_id})"
    return str(recipient)


class StuckReminderIndexView(generic.IndexView):
    default_ordering = "claimed_at"
    template_name = "courses/admin/stuck_reminders_index.html"

    def get_base_queryset(self) -> QuerySet:
        return reminder_claims_stuck(now=timezone.now())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stuck_after_minutes"] = settings.REMINDER_STUCK_AFTER_MINUTES
        return context


class StuckReminderViewSet(ReadOnlyViewSet):
    model = ReminderLog
    icon = "warning"
    menu_label = gettext_lazy("Stuck reminders")
    menu_order = 295
    add_to_admin_menu = True
    url_prefix = "stuck-reminders"
    index_view_class = StuckReminderIndexView
    list_per_page = 50
    list_display = [
        Column("pk", label=gettext_lazy("Id"), sort_key="pk"),
        DateColumn("claimed_at", label=gettext_lazy("Claimed")),
        "kind",
        Column("recipient", label=gettext_lazy("To"), accessor=_recipient_text),
        "department",
        Column("key", label=gettext_lazy("Reminder key")),
    ]
    inspect_view_fields = [
        "key",
        "kind",
        "recipient",
        "department",
        "assignment",
        "claimed_at",
        "sent_at",
        "error",
        "released_at",
    ]


register_permission_policy(ReminderLog, ReadOnlyForOrePermissionPolicy(ReminderLog))


@hooks.register("register_admin_viewset")
def register_stuck_reminder_viewset():
    return StuckReminderViewSet("stuck_reminders")
