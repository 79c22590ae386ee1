"""Downloads of resource files: public, counted without knowing who, always attachments."""

import logging

import pytest
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from content.resources.models import ResourceDownload
from content.resources.services import resource_download_record
from tests.content.resources.factories import (
    PDF_BYTES,
    file_block,
    make_document,
    make_resource,
    resource_library,
)
from tests.factories import home_page

ROLES = ["anonymous", "learner", "liaison", "other_liaison", "ore", "admin_user"]
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def download_url(resource, document) -> str:
    return reverse("resource_download", args=[resource.pk, document.pk])


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


def count_of(resource, document) -> int:
    row = ResourceDownload.objects.filter(resource=resource, document=document).first()
    return row.count if row else 0


@pytest.fixture
def guide(db):
    resource_library()
    document = make_document(name="Contract Equity Guide (v2).pdf")
    other = make_document(name="unrelated.pdf")
    resource = make_resource(
        title="Contracting and Procurement Equity Guide", files=[file_block(document)]
    )
    return resource, document, other


@pytest.mark.django_db
def test_download_url_is_under_downloads(guide):
    resource, document, _other = guide
    assert download_url(resource, document) == f"/downloads/{resource.pk}/{document.pk}/"


@pytest.mark.django_db
def test_download_serves_the_file_as_an_attachment_with_a_safe_name(client, guide):
    resource, document, _other = guide
    response = client.get(download_url(resource, document))
    assert response.status_code == 200
    assert content_of(response) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="contract-equity-guide-v2.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_html_that_reached_the_store_another_way_is_never_served_as_a_page(client, db):
    resource_library()
    legacy = make_document(name="legacy-page.html", content=HTML_BYTES)
    drawing = make_document(name="drawing.svg", content=b"<svg><script>alert(1)</script></svg>")
    resource = make_resource(files=[file_block(legacy), file_block(drawing)])
    for document in (legacy, drawing):
        response = client.get(download_url(resource, document))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_each_download_adds_one_to_the_count_of_that_file_only(client, db):
    resource_library()
    first = make_document(name="first.pdf")
    second = make_document(name="second.csv", content=b"a,b\n1,2\n")
    resource = make_resource(files=[file_block(first), file_block(second)])
    for _time in range(3):
        content_of(client.get(download_url(resource, first)))
    response = client.get(download_url(resource, second))
    assert response["Content-Type"] == "text/csv"
    assert count_of(resource, first) == 3
    assert count_of(resource, second) == 1
    assert ResourceDownload.objects.count() == 2


@pytest.mark.django_db
def test_counts_are_shown_on_the_resource_page(client, guide):
    resource, document, _other = guide
    client.get(download_url(resource, document))
    client.get(download_url(resource, document))
    html = client.get(resource.url).content.decode()
    assert '<td class="num">2</td>' in html


@pytest.mark.django_db
def test_a_head_request_is_not_counted(client, guide):
    resource, document, _other = guide
    assert client.head(download_url(resource, document)).status_code == 200
    assert count_of(resource, document) == 0
    assert client.post(download_url(resource, document)).status_code == 405


@pytest.mark.django_db
def test_no_personal_data_is_stored_or_logged(client, learner, guide, caplog):
    resource, document, _other = guide
    client.force_login(learner)
    with caplog.at_level(logging.DEBUG):
        client.get(download_url(resource, document), REMOTE_ADDR="203.0.113.7")
    fields = {field.name for field in ResourceDownload._meta.get_fields()}
    assert fields == {"id", "resource", "document", "count"}
    assert count_of(resource, document) == 1
    for secret in (learner.email, str(learner.pk), "203.0.113.7"):
        assert secret not in caplog.text


@pytest.mark.django_db
def test_the_service_counts_from_an_existing_row_without_reading_it_into_python(guide):
    resource, document, _other = guide
    resource_download_record(resource=resource, document=document)
    stale = ResourceDownload.objects.get()
    resource_download_record(resource=resource, document=document)
    stale.refresh_from_db()
    assert stale.count == 2


@pytest.mark.django_db
def test_a_repeat_download_is_one_update(guide, django_assert_num_queries):
    resource, document, _other = guide
    resource_download_record(resource=resource, document=document)
    with django_assert_num_queries(3):  # savepoint, UPDATE ... count = count + 1, release
        resource_download_record(resource=resource, document=document)
    assert count_of(resource, document) == 2


@pytest.mark.django_db
def test_a_first_download_made_by_a_racing_request_is_still_counted(guide, monkeypatch):
    """Another request creates the row between this one's UPDATE and its get_or_create."""
    resource, document, _other = guide
    real_get_or_create = ResourceDownload.objects.get_or_create

    def racing_get_or_create(**kwargs):
        ResourceDownload.objects.create(resource=resource, document=document, count=1)
        return real_get_or_create(**kwargs)

    monkeypatch.setattr(ResourceDownload.objects, "get_or_create", racing_get_or_create)
    resource_download_record(resource=resource, document=document)
    assert count_of(resource, document) == 2


@pytest.mark.django_db
def test_a_document_that_is_not_a_file_of_the_resource_is_404(client, guide):
    resource, _document, other = guide
    assert client.get(download_url(resource, other)).status_code == 404
    assert ResourceDownload.objects.count() == 0


@pytest.mark.django_db
def test_a_file_of_another_resource_is_404_through_this_one(client, guide):
    resource, document, other = guide
    second = make_resource(title="Another", files=[file_block(other)])
    assert client.get(download_url(second, document)).status_code == 404
    assert client.get(download_url(resource, other)).status_code == 404
    assert client.get(download_url(second, other)).status_code == 200


@pytest.mark.django_db
def test_unknown_ids_and_pages_that_are_not_resources_are_404(client, guide):
    _resource, document, _other = guide
    assert client.get(f"/downloads/999999/{document.pk}/").status_code == 404
    assert client.get(f"/downloads/{home_page().pk}/{document.pk}/").status_code == 404
    assert client.get(f"/downloads/{resource_library().pk}/{document.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_missing_file_on_disk_is_404_and_not_counted(client, guide):
    resource, document, _other = guide
    document.file.storage.delete(document.file.name)
    assert client.get(download_url(resource, document)).status_code == 404
    assert count_of(resource, document) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_and_anonymous_can_download(client, request, guide, role):
    resource, document, _other = guide
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(download_url(resource, document))
    assert response.status_code == 200
    assert content_of(response) == PDF_BYTES
    assert count_of(resource, document) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "learner", "ore", "admin_user"])
def test_files_of_a_draft_resource_are_404_for_everyone(client, request, db, role):
    resource_library()
    document = make_document(name="draft.pdf")
    draft = make_resource(files=[file_block(document)], is_live=False)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(download_url(draft, document)).status_code == 404
    assert ResourceDownload.objects.count() == 0


@pytest.mark.django_db
def test_a_file_added_only_in_an_unpublished_revision_is_404(client, guide):
    resource, document, other = guide
    resource.files = [file_block(document), file_block(other)]
    resource.save_revision()  # a draft: the live page still has one file
    assert client.get(download_url(resource, document)).status_code == 200
    assert client.get(download_url(resource, other)).status_code == 404


@pytest.mark.django_db
def test_an_unpublished_resource_stops_serving_its_files(client, guide):
    resource, document, _other = guide
    resource.unpublish()
    assert client.get(download_url(resource, document)).status_code == 404


@pytest.mark.django_db
def test_a_resource_restricted_to_signed_in_readers_serves_them_only(client, learner, guide):
    resource, document, _other = guide
    PageViewRestriction.objects.create(page=resource, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(download_url(resource, document)).status_code == 404
    client.force_login(learner)
    assert client.get(download_url(resource, document)).status_code == 200


@pytest.mark.django_db
def test_a_document_in_a_restricted_collection_is_not_served_to_anonymous(client, learner, db):
    resource_library()
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = make_document(name="internal.pdf")
    document.collection = private
    document.save()
    resource = make_resource(files=[file_block(document)])
    assert client.get(download_url(resource, document)).status_code == 404
    client.force_login(learner)
    assert client.get(download_url(resource, document)).status_code == 200
