"""Reads for the TA resource library: the filtered list, a resource's details, its files.

Every function here runs a fixed number of queries, whatever the number of resources.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from content.forms import content_type_for, file_extension
from content.glossary.models import TermPage
from content.resources.models import (
    ResourceDownload,
    ResourceIndexPage,
    ResourceKind,
    ResourcePage,
    language_name,
)
from content.taxonomy import IssueArea
from lms.users.models import Department


@dataclass(frozen=True)
class ResourceFilters:
    """What a reader asked the library for; empty strings mean "any"."""

    q: str = ""
    kind: str = ""
    issue_area: str = ""  # an IssueArea slug
    owner: str = ""  # a Department code
    language: str = ""  # a language code, as in ResourcePage.languages

    @property
    def is_active(self) -> bool:
        return any((self.q, self.kind, self.issue_area, self.owner, self.language))


@dataclass(frozen=True)
class LanguageOption:
    code: str
    name: str


@dataclass(frozen=True)
class ResourceFilterOptions:
    """The choices each filter of the library offers."""

    kinds: list[tuple[str, str]]
    issue_areas: list[IssueArea]
    owners: list[Department]
    languages: list[LanguageOption]


@dataclass(frozen=True)
class ResourceFile:
    """One downloadable file of a resource, as its page lists it."""

    document: AbstractDocument
    label: str
    language: LanguageOption
    extension: str
    content_type: str
    size: int | None
    download_count: int


@dataclass(frozen=True)
class ResourceLink:
    url: str
    label: str
    language: LanguageOption


@dataclass(frozen=True)
class ResourceDetail:
    """Everything a resource page shows beyond its own fields."""

    resource: ResourcePage
    issue_areas: list[IssueArea]
    languages: list[LanguageOption]
    files: list[ResourceFile] = field(default_factory=list)
    links: list[ResourceLink] = field(default_factory=list)
    courses: list[Page] = field(default_factory=list)
    terms: list[TermPage] = field(default_factory=list)

    @property
    def total_downloads(self) -> int:
        return sum(item.download_count for item in self.files)


def language_option(code: str) -> LanguageOption:
    """A language code with its name in the reader's language (the code itself if unknown)."""
    return LanguageOption(code=code, name=language_name(code))


def _codes(languages: str) -> list[str]:
    return [code.strip().lower() for code in languages.split(",") if code.strip()]


def resource_list_for_library(
    *, library: ResourceIndexPage, filters: ResourceFilters | None = None
) -> QuerySet[ResourcePage]:
    """The live, public resources of `library` matching `filters`, ordered by title.

    Search `q` is a case-insensitive substring of the title, summary, partner or description.
    The owner department is joined and the issue areas prefetched, so listing any number of
    resources (or a page of them) takes the same queries: one for view restrictions, one for
    the rows, one for their issue areas. Unknown filter values simply match nothing.
    """
    filters = filters or ResourceFilters()
    resources = (
        ResourcePage.objects.child_of(library)
        .live()
        .public()
        .select_related("owner_department")
        .prefetch_related("issue_areas")
        .order_by("title", "pk")
    )
    if filters.q:
        q = filters.q.strip()
        resources = resources.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(partner__icontains=q)
            | Q(body__icontains=q)
        )
    if filters.kind:
        resources = resources.filter(kind=filters.kind)
    if filters.issue_area:
        resources = resources.filter(issue_areas__slug=filters.issue_area)
    if filters.owner:
        resources = resources.filter(owner_department__code=filters.owner)
    if filters.language:
        code = re.escape(filters.language.strip().lower())
        resources = resources.filter(languages__iregex=rf"(^|,)\s*{code}\s*(,|$)")
    return resources


def resource_filter_options(*, library: ResourceIndexPage) -> ResourceFilterOptions:
    """The kinds, issue areas, owner departments and languages the library's filters offer.

    Every issue area is offered; departments and languages only when a live resource of the
    library has them. Three queries.
    """
    resources = ResourcePage.objects.child_of(library).live().public()
    owner_ids = resources.exclude(owner_department=None).values("owner_department")
    owners = list(Department.objects.filter(pk__in=owner_ids).order_by("name"))
    codes: set[str] = set()
    for languages in resources.values_list("languages", flat=True):
        codes.update(_codes(languages))
    options = sorted((language_option(code) for code in codes), key=lambda o: o.name.lower())
    return ResourceFilterOptions(
        kinds=list(ResourceKind.choices),
        issue_areas=list(IssueArea.objects.all()),
        owners=owners,
        languages=options,
    )


def resource_get_live(*, resource_id: int) -> ResourcePage | None:
    """The live resource with this page id, or None (drafts and other pages are not resources)."""
    return (
        ResourcePage.objects.live()
        .select_related("owner_department")
        .filter(pk=resource_id)
        .first()
    )


def resource_is_viewable(*, resource: ResourcePage, request: HttpRequest) -> bool:
    """Whether `request` passes the resource's page view restrictions (none by default)."""
    return all(
        restriction.accept_request(request) for restriction in resource.get_view_restrictions()
    )


def resource_document_get(*, resource: ResourcePage, document_id: int) -> AbstractDocument | None:
    """The document `document_id` if it is one of the files of `resource`'s live version.

    Reads the StreamField's document ids without loading any other document: one query.
    """
    ids = {
        int(block["value"]["document"])
        for block in resource.files.raw_data
        if block["type"] == "file" and (block.get("value") or {}).get("document")
    }
    if document_id not in ids:
        return None
    return get_document_model().objects.select_related("collection").filter(pk=document_id).first()


def resource_detail(*, resource: ResourcePage) -> ResourceDetail:
    """The files (with type, size and download count), links, issue areas, languages, live
    related courses and live related glossary terms of `resource`.

    Deleted documents and unpublished courses or terms are left out. A fixed number of queries:
    documents, download counts, courses, terms and issue areas, one each.
    """
    # A page previewed before its first save has no id, and so no downloads yet.
    counts = (
        dict(ResourceDownload.objects.filter(resource=resource).values_list("document_id", "count"))
        if resource.pk
        else {}
    )
    files: list[ResourceFile] = []
    links: list[ResourceLink] = []
    for block in resource.files:
        if block.block_type == "file":
            document = block.value["document"]
            if document is None:
                continue
            files.append(
                ResourceFile(
                    document=document,
                    label=block.value["label"],
                    language=language_option(block.value["language"]),
                    extension=file_extension(document.filename).upper(),
                    content_type=content_type_for(document.filename),
                    size=document.file_size,
                    download_count=counts.get(document.pk, 0),
                )
            )
        elif block.block_type == "link":
            links.append(
                ResourceLink(
                    url=block.value["url"],
                    label=block.value["label"],
                    language=language_option(block.value["language"]),
                )
            )
    courses = [
        block.value
        for block in resource.related_courses
        if block.value is not None and block.value.live
    ]
    return ResourceDetail(
        resource=resource,
        issue_areas=list(resource.issue_areas.all()),
        languages=[language_option(code) for code in _codes(resource.languages)],
        files=files,
        links=links,
        courses=courses,
        terms=list(resource.related_terms.filter(live=True).order_by("title")),
    )
