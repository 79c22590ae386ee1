"""The nine community issue areas from ORE's strategic plan: tags for courses, resources, terms."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class IssueArea(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_es = models.CharField(_("name in Spanish"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("issue area")
        verbose_name_plural = _("issue areas")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language when there is one."""
        if (get_language() or "en").startswith("es") and self.name_es:
            return self.name_es
        return self.name
