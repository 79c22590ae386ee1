from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import (  # noqa: F401
    admin_audit,
    admin_certificates,
    admin_checks,
    admin_evaluation,
    admin_reminders,
    admin_sessions,
)
from .models import Requirement


class RequirementViewSet(SnippetViewSet):
    model = Requirement
    icon = "date"
    menu_label = _("Training requirements")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "name",
        "course",
        "effective_on",
        "due_on",
        "due_days_after_entry",
        "recurrence_months",
        "is_active",
    ]
    list_filter = ["is_active", "is_for_supervisors", "is_for_liaisons"]


register_snippet(RequirementViewSet)
