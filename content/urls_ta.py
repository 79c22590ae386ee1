"""Technical-assistance requests, mounted at /ta/ by lms/urls.py."""

from django.urls import path

from content.views import ta as views

app_name = "ta"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("summary/", views.summary, name="summary"),
    path("<int:request_id>/", views.request_detail, name="detail"),
    path(
        "<int:request_id>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
]
