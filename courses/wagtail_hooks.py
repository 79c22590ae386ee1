from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_certificates, admin_checks, admin_evaluation  # noqa: F401
from .models import Requirement


class RequirementViewSet(SnippetViewSet):
    model = Requirement
    icon = "date"
    menu_label = _("Training requirements")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "course", "due_on", "applies_to_all", "is_active"]
    list_filter = ["is_active", "applies_to_all"]


register_snippet(RequirementViewSet)
