"""Downloads of TA resource files, mounted at /downloads/ (public, like the resources)."""

from django.urls import path

import lms.converters  # noqa: F401  (registers <id:...>)
from content.resources.views import resource_download

urlpatterns = [
    path(
        "<id:resource_id>/<id:document_id>/",
        resource_download,
        name="resource_download",
    ),
]
