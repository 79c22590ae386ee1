"""The common language: terms and indicator definitions, each a page with a stable URL."""

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from content.blocks import SourceBlock
from content.taxonomy import IssueArea
from lms.page_hooks import page_hook
from lms.users.models import Department


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted citywide")
    RETIRED = "retired", _("Retired")


class GlossaryIndexPage(RoutablePageMixin, Page):
    """/glossary/: the A-Z index, filters, search and the history of adopted terms."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.TermPage", "content.IndicatorPage"]

    class Meta:
        verbose_name = _("glossary")

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        # Only the English tree is routed: when a reader of another language reaches a
        # translated copy of the index (Wagtail routes the site root's live translation), the
        # canonical index answers, and the entry pages show their translations themselves.
        canonical = page_hook("content_glossary_index_routed")(self)
        if canonical.pk != self.pk:
            return canonical.route(request, path_components)
        return super().route(request, path_components)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(page_hook("content_glossary_index_context")(self, request))
        return context

    @path("history/", name="history")
    def history(self, request: HttpRequest) -> HttpResponse:
        """What changed: the published changes of adopted terms, newest first."""
        context = super().get_context(request)
        context.update(page_hook("content_glossary_history_context")(self, request))
        return TemplateResponse(request, "content/glossary_history.html", context)


class GlossaryEntry(models.Model):
    """What terms and indicator definitions share."""

    short_definition = models.CharField(
        _("short definition"),
        max_length=300,
        help_text=_("One plain sentence, shown inline in lessons and in search results."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopting_body = models.CharField(_("adopted by"), max_length=200, blank=True)
    change_note = models.CharField(
        _("change note"),
        max_length=300,
        blank=True,
        help_text=_("What this revision changed, in one sentence. Shown in the public history."),
    )
    sources = StreamField([("source", SourceBlock())], verbose_name=_("sources"), blank=True)
    issue_areas = ParentalManyToManyField(
        IssueArea, verbose_name=_("issue areas"), blank=True, related_name="+"
    )
    related_terms = ParentalManyToManyField(
        "content.TermPage", verbose_name=_("related terms"), blank=True, related_name="+"
    )

    entry_panels = [
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("adopted_on"),
                FieldPanel("adopting_body"),
                FieldPanel("change_note"),
            ],
            heading=_("Status"),
        ),
        FieldPanel("issue_areas"),
        FieldPanel("related_terms"),
        FieldPanel("sources"),
    ]

    class Meta:
        abstract = True

    def glossary_may_serve(self, request: HttpRequest) -> bool:
        """Whether `request` may read this entry: anyone when it is public; a draft-status entry
        only in a preview or for someone who may edit it."""
        return page_hook("content_glossary_entry_may_serve")(self, request)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(page_hook("content_glossary_entry_context")(self, request))
        return context


class TermPage(GlossaryEntry, Page):
    alternative_labels = models.TextField(
        _("alternative labels"), blank=True, help_text=_("Other names for the term, one a line.")
    )
    definition = RichTextField(_("definition"), features=["bold", "italic", "link", "ul", "ol"])
    replaced_by = models.ForeignKey(
        "content.TermPage",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For a retired term: the term to use instead."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("alternative_labels"),
        FieldPanel("short_definition"),
        FieldPanel("definition"),
        FieldPanel("replaced_by"),
        *GlossaryEntry.entry_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("alternative_labels"),
        index.SearchField("short_definition"),
        index.SearchField("definition"),
        index.FilterField("status"),
    ]
    parent_page_types = ["content.GlossaryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return self.title

    @property
    def alternative_label_list(self) -> list[str]:
        return [line.strip() for line in self.alternative_labels.splitlines() if line.strip()]

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """A retired term with a public replacement sends the reader there (302), naming itself
        in `?retired=` so the replacement can say so; draft-status terms are not public."""
        if not self.glossary_may_serve(request):
            raise Http404
        if not getattr(request, "is_preview", False):
            redirect = page_hook("content_term_replacement_redirect")(self, request)
            if redirect is not None:
                return redirect
        return super().serve(request, *args, **kwargs)


class IndicatorPage(GlossaryEntry, Page):
    code = models.SlugField(
        _("published indicator code"),
        max_length=40,
        blank=True,
        help_text=_(
            "The code under which analytics computes and publishes this indicator, for example "
            "completion_rate. Leave empty for an indicator the LMS does not compute."
        ),
    )
    purpose = models.TextField(_("purpose"))
    numerator = models.TextField(_("numerator"))
    denominator = models.TextField(_("denominator"))
    unit = models.CharField(_("unit"), max_length=100)
    data_source = models.TextField(_("data source"))
    update_frequency = models.CharField(_("update frequency"), max_length=100)
    disaggregations = models.TextField(
        _("disaggregations"), blank=True, help_text=_("One dimension a line.")
    )
    owner_department = models.ForeignKey(
        Department,
        verbose_name=_("owner department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    caveats = models.TextField(_("caveats"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_definition"),
        FieldPanel("code"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [
                FieldPanel("numerator"),
                FieldPanel("denominator"),
                FieldPanel("unit"),
            ],
            heading=_("Calculation"),
        ),
        FieldPanel("data_source"),
        FieldPanel("update_frequency"),
        FieldPanel("disaggregations"),
        FieldPanel("owner_department"),
        FieldPanel("caveats"),
        *GlossaryEntry.entry_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("short_definition"),
        index.SearchField("purpose"),
        index.FilterField("status"),
    ]
    parent_page_types = ["content.GlossaryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("indicator definition")
        verbose_name_plural = _("indicator definitions")

    def __str__(self) -> str:
        return self.title

    @property
    def disaggregation_list(self) -> list[str]:
        return [line.strip() for line in self.disaggregations.splitlines() if line.strip()]

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """Draft-status indicator definitions are not public."""
        if not self.glossary_may_serve(request):
            raise Http404
        return super().serve(request, *args, **kwargs)
