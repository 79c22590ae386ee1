"""Knowledge-check submissions, under /learn/checks/ in the "courses" namespace."""

from django.urls import path

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.learning import views_checks

urlpatterns = [
    path("<id:lesson_id>/<str:check_id>/", views_checks.check_submit, name="check_submit"),
]
