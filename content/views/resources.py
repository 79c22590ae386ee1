"""The download of a resource's file: public, counted without knowing who, always an attachment."""

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from ..forms import content_type_for, safe_file_name
from ..selectors.resources import (
    resource_document_get,
    resource_get_live,
    resource_is_viewable,
)
from ..services.resources import resource_download_record


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
