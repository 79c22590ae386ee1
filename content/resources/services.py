"""Writes for the TA resource library: counting downloads, and nothing about who downloaded."""

from django.db import transaction
from django.db.models import F
from wagtail.documents.models import AbstractDocument

from content.resources.models import ResourceDownload, ResourcePage


@transaction.atomic
def resource_download_record(*, resource: ResourcePage, document: AbstractDocument) -> None:
    """Adds one to the download count of `document` as a file of `resource`.

    Only the pair and a number are stored: never a person, an address or a time, and nothing
    is logged. Safe under concurrency: the increment is a single UPDATE with F(), so
    simultaneous downloads are all counted; the first download of a file makes the unique
    (resource, document) row with get_or_create, which, when another request made it first,
    reads that row instead, and then increments it the same way.
    """
    downloads = ResourceDownload.objects.filter(resource=resource, document=document)
    if downloads.update(count=F("count") + 1):
        return
    row, created = ResourceDownload.objects.get_or_create(
        resource=resource, document=document, defaults={"count": 1}
    )
    if not created:
        ResourceDownload.objects.filter(pk=row.pk).update(count=F("count") + 1)
