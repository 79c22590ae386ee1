"""The home page: the site root (one per language)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page

from content.translation import display_context


class HomePage(Page):
    """The front door: what the system is, and a way in for each kind of visitor."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """The home page's words in the reader's language (see content.translation)."""
        context = super().get_context(request, *args, **kwargs)
        context.update(display_context(self, request))
        return context

    def route(self, request, path_components):
        # Wagtail routes a Spanish reader through the Spanish home page once one exists. The
        # English tree is the one the site serves (pages then show their Spanish translation
        # themselves), so every language routes through the English home.
        default = Locale.get_default()
        if self.locale_id != default.pk:
            home = self.get_translation_or_none(default)
            if home is not None:
                return home.specific.route(request, path_components)
        return super().route(request, path_components)
