"""Technical-assistance requests, mounted at /ta/ by lms/urls.py."""

from django.urls import path

import lms.converters  # noqa: F401  (registers <id:...>)
from content.ta import views

app_name = "ta"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("summary/", views.summary, name="summary"),
    path("<id:request_id>/", views.request_detail, name="detail"),
    path(
        "<id:request_id>/attachments/<id:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
]
