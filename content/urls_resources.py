"""Downloads of TA resource files, mounted at /downloads/ (public, like the resources)."""

from django.urls import path

from .views.resources import resource_download

urlpatterns = [
    path(
        "<int:resource_id>/<int:document_id>/",
        resource_download,
        name="resource_download",
    ),
]
