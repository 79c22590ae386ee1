"""Evaluation pages, under /learn/evaluation/ in the "courses" namespace."""

from django.urls import path, register_converter

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.learning import views_evaluation as views


class AssessmentPhaseConverter:
    """Matches "pre" or "post", the two phases of an assessment."""

    regex = "pre|post"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(AssessmentPhaseConverter, "assessment_phase")

urlpatterns = [
    path("<id:course_id>/feedback/", views.feedback_give, name="feedback"),
    path(
        "<id:course_id>/<assessment_phase:phase>/",
        views.assessment_take,
        name="assessment",
    ),
    path(
        "<id:course_id>/<assessment_phase:phase>/result/",
        views.assessment_result,
        name="assessment_result",
    ),
    path(
        "reflections/<id:lesson_id>/<str:block_id>/",
        views.reflection_save_view,
        name="reflection_save",
    ),
]
