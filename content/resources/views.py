"""The resource library's views: what its pages show (the page models call these by name, see
lms/page_hooks.py), and the download of a resource's file: public, counted without knowing
who, always an attachment."""

from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe
from wagtail import hooks

from content.forms import content_type_for, safe_file_name
from content.resources.forms import ResourceFilterForm
from content.resources.models import ResourceIndexPage, ResourcePage
from content.resources.selectors import (
    ResourceFilters,
    resource_detail,
    resource_document_get,
    resource_filter_options,
    resource_get_live,
    resource_is_viewable,
    resource_list_for_library,
)
from content.resources.services import resource_download_record
from content.translation import display_context, with_display


@hooks.register("content_resource_library_context")
def resource_library_context(library: ResourceIndexPage, request: HttpRequest) -> dict[str, Any]:
    """The filter form, the matching resources (a page of them) and how many there are."""
    options = resource_filter_options(library=library)
    form = ResourceFilterForm(
        request.GET or None,
        kinds=options.kinds,
        issue_areas=[(area.slug, area.display_name) for area in options.issue_areas],
        owners=[(department.code, department.name) for department in options.owners],
        languages=[(language.code, language.name) for language in options.languages],
    )
    filters = ResourceFilters(
        q=form.value_of("q"),
        kind=form.value_of("kind"),
        issue_area=form.value_of("issue_area"),
        owner=form.value_of("owner"),
        language=form.value_of("language"),
    )
    resources = resource_list_for_library(library=library, filters=filters)
    page = Paginator(resources, library.per_page).get_page(request.GET.get("page"))
    # Each resource of this page in the reader's language where it is translated.
    page.object_list = with_display(page.object_list)
    context = display_context(library, request)
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "filter_form": form,
            "filters": filters,
            "resources": page,
            "result_count": page.paginator.count,
            "filter_query": query.urlencode(),
        }
    )
    return context


@hooks.register("content_resource_page_context")
def resource_page_context(resource: ResourcePage, request: HttpRequest) -> dict[str, Any]:
    """The resource's files (with download counts), links, live related courses and terms."""
    detail = resource_detail(resource=resource)
    # The resource, its library and the related courses and terms in the reader's language.
    library = resource.get_parent()
    with_display([library, *detail.courses, *detail.terms])
    return {"detail": detail, "library": library, **display_context(resource, request)}


@require_safe
def resource_download(request: HttpRequest, resource_id: int, document_id: int) -> FileResponse:
    """Serves a file of a live resource as an attachment and counts the download.

    404 unless the resource is live and readable by this request and the document is one of its
    files (and its collection is readable too). The response never renders in the browser: it is
    an attachment, with a content type from the extension (never HTML or SVG) and nosniff.
    """
    resource = resource_get_live(resource_id=resource_id)
    if resource is None or not resource_is_viewable(resource=resource, request=request):
        raise Http404
    document = resource_document_get(resource=resource, document_id=document_id)
    if document is None or not all(
        restriction.accept_request(request)
        for restriction in document.collection.get_view_restrictions()
    ):
        raise Http404
    try:
        handle = document.file.storage.open(document.file.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    if request.method == "GET":
        resource_download_record(resource=resource, document=document)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_file_name(document.filename),
        content_type=content_type_for(document.filename),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
