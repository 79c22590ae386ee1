"""TA resources for the tests: the library under the home page, resources, their files.

Pages are made the way an editor makes them: added under their parent, then a revision is saved
and published. Slugs are generated (Wagtail's own migration owns "home").
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from content.glossary.models import GlossaryIndexPage, TermPage
from content.resources.models import ResourceIndexPage, ResourceKind, ResourcePage
from content.site import site_root
from content.taxonomy import IssueArea

_numbers = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def publish(page: Page) -> Page:
    """Saves a revision and publishes it, as the admin does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def resource_library() -> ResourceIndexPage:
    """The published library at /resources/ under the English home page (made once per test)."""
    home = site_root()
    existing = ResourceIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    library = ResourceIndexPage(
        title="Resources", slug="resources", intro="<p>Toolkits and guides from ORE.</p>"
    )
    home.add_child(instance=library)
    return publish(library)


def make_document(
    *, name: str = "budget-equity-tool.pdf", content: bytes = PDF_BYTES, title: str = ""
) -> AbstractDocument:
    """A stored Wagtail document with `content` under `name`, its size and hash recorded."""
    document = get_document_model()(title=title or name)
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def file_block(document: AbstractDocument, *, label: str = "", language: str = "en") -> dict:
    """A "file" block of ResourcePage.files, as the StreamField accepts it."""
    return {
        "type": "file",
        "value": {"document": document.pk, "label": label or document.title, "language": language},
    }


def link_block(url: str, *, label: str, language: str = "en") -> dict:
    """A "link" block of ResourcePage.files."""
    return {"type": "link", "value": {"url": url, "label": label, "language": language}}


def make_resource(
    *,
    title: str = "",
    library: ResourceIndexPage | None = None,
    is_live: bool = True,
    issue_areas: list[IssueArea] | None = None,
    related_terms: list[TermPage] | None = None,
    **fields: Any,
) -> ResourcePage:
    """A resource page under the library, published unless `is_live` is False (a draft)."""
    number = next(_numbers)
    values: dict[str, Any] = {
        "title": title or f"Resource {number}",
        "slug": f"resource-{number}",
        "summary": "A resource for the tests.",
        "kind": ResourceKind.GUIDE,
        "languages": "en",
    }
    values.update(fields)
    resource = ResourcePage(**values)
    if issue_areas is not None:
        resource.issue_areas = issue_areas
    if related_terms is not None:
        resource.related_terms = related_terms
    resource.live = is_live
    (library or resource_library()).add_child(instance=resource)
    if not is_live:
        resource.save_revision()
        return resource
    return publish(resource)


def make_term(*, title: str = "Racial equity", is_live: bool = True) -> TermPage:
    """A glossary term page under a glossary index (made once per test)."""
    home = site_root()
    glossary = GlossaryIndexPage.objects.child_of(home).first()
    if glossary is None:
        glossary = GlossaryIndexPage(title="Glossary", slug=f"glossary-{next(_numbers)}")
        home.add_child(instance=glossary)
        publish(glossary)
    term = TermPage(
        title=title,
        slug=f"term-{next(_numbers)}",
        short_definition=f"What {title} means, in one sentence.",
        definition=f"<p>The full definition of {title}.</p>",
    )
    term.live = is_live
    glossary.add_child(instance=term)
    return publish(term) if is_live else term


def review_date() -> date:
    """A fixed last-reviewed date, so pages render the same every run."""
    return date(2025, 11, 3)
