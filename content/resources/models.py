"""TA resources and toolkits: a library of pages, each with files and links."""

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import RelatedCourseBlock, ResourceFileBlock, ResourceLinkBlock
from content.taxonomy import IssueArea
from lms.page_hooks import page_hook
from lms.users.models import Department


def language_name(code: str) -> str:
    """The name of language `code` in the reader's language (the code itself when unknown)."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


class ResourceKind(models.TextChoices):
    TOOLKIT = "toolkit", _("Toolkit")
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")
    WORKSHEET = "worksheet", _("Worksheet")
    RECORDING = "recording", _("Recording")
    DATA_TOOL = "data_tool", _("Data tool")


class ResourceIndexPage(Page):
    """/resources/: the library, with filters and search."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ResourcePage"]

    class Meta:
        verbose_name = _("resource library")

    #: How many resources one page of the library lists.
    per_page = 20

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The filter form, the matching resources (a page of them) and how many there are."""
        context = super().get_context(request, *args, **kwargs)
        context.update(page_hook("content_resource_library_context")(self, request))
        return context


class ResourcePage(Page):
    summary = models.TextField(_("summary"), max_length=600)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    owner_department = models.ForeignKey(
        Department,
        verbose_name=_("owner department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner = models.CharField(
        _("partner"), max_length=200, blank=True, help_text=_("Who built it with ORE, if anyone.")
    )
    issue_areas = ParentalManyToManyField(
        IssueArea, verbose_name=_("issue areas"), blank=True, related_name="+"
    )
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=50,
        default="en",
        help_text=_("Codes of the languages it is available in, comma-separated: en,es"),
    )
    body = RichTextField(_("description"), blank=True)
    files = StreamField(
        [("file", ResourceFileBlock()), ("link", ResourceLinkBlock())],
        verbose_name=_("files and links"),
        blank=True,
    )
    version = models.CharField(_("version"), max_length=50, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    related_courses = StreamField(
        [("course", RelatedCourseBlock())], verbose_name=_("related courses"), blank=True
    )
    related_terms = ParentalManyToManyField(
        "content.TermPage", verbose_name=_("related glossary terms"), blank=True, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("owner_department"), FieldPanel("partner"), FieldPanel("audience")],
            heading=_("Who"),
        ),
        FieldPanel("issue_areas"),
        FieldPanel("languages"),
        FieldPanel("body"),
        FieldPanel("files"),
        MultiFieldPanel(
            [FieldPanel("version"), FieldPanel("last_reviewed_on")], heading=_("Version")
        ),
        FieldPanel("related_courses"),
        FieldPanel("related_terms"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("partner"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["content.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    @property
    def language_codes(self) -> list[str]:
        return [code.strip().lower() for code in self.languages.split(",") if code.strip()]

    @property
    def language_names(self) -> list[str]:
        """The names of the languages it is available in, in the reader's language."""
        return [language_name(code) for code in self.language_codes]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The resource's files (with download counts), links, live related courses and terms."""
        context = super().get_context(request, *args, **kwargs)
        context.update(page_hook("content_resource_page_context")(self, request))
        return context


class ResourceDownload(models.Model):
    """How many times a file of a resource was downloaded. Counts only: never who."""

    resource = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("download count")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "document"], name="content_resourcedownload_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource_id}/{self.document_id}: {self.count}"
