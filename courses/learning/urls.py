"""Taking a course: marking lessons done, retakes, knowledge checks and the evaluation, included
by courses.urls under /learn/ (namespace "courses")."""

from django.urls import include, path

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.learning import views

urlpatterns = [
    path("lessons/<id:lesson_id>/done/", views.lesson_done, name="lesson_done"),
    path("courses/<id:course_id>/retake/", views.course_retake, name="course_retake"),
    path("checks/", include("courses.learning.urls_checks")),
    path("evaluation/", include("courses.learning.urls_evaluation")),
]
