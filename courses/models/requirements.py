"""Who must take which course by when."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from lms.users.models import Department

from .pages import CoursePage


class Requirement(models.Model):
    """ "This course is required of this audience by this date."

    The foundation of the compliance engine: today an audience is everyone active or a set of
    departments, with one due date. Per-employee assignments, recurrence and exemptions grow
    from here.
    """

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="requirements"
    )
    name = models.CharField(_("name"), max_length=200)
    due_on = models.DateField(_("due date"))
    applies_to_all = models.BooleanField(
        _("required of every active employee"),
        default=True,
        help_text=_("Leave unticked to require it only of the departments chosen below."),
    )
    departments = models.ManyToManyField(
        Department, verbose_name=_("departments"), blank=True, related_name="requirements"
    )
    is_active = models.BooleanField(_("in force"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("course"),
        FieldPanel("due_on"),
        FieldPanel("applies_to_all"),
        FieldPanel("departments"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["due_on", "name"]
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")

    def __str__(self) -> str:
        return self.name
