"""/learn/packages/ (namespace "courses:packages"): package files and the SCORM runtime."""

from django.urls import path

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.packages import views

app_name = "packages"

urlpatterns = [
    path("files/<uuid:storage_key>/<str:token>/<path:path>", views.package_file, name="file"),
    path("attempts/<id:attempt_id>/", views.attempt_state, name="attempt_state"),
    path("attempts/<id:attempt_id>/commit/", views.attempt_commit, name="attempt_commit"),
]
