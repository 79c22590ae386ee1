"""Taking a course: marking lessons done, retakes, knowledge checks (/learn/checks/) and the
evaluation (/learn/evaluation/), included by courses.urls under /learn/ (namespace "courses")."""

from django.urls import path, register_converter

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.learning import views


class AssessmentPhaseConverter:
    """Matches "pre" or "post", the two phases of an assessment."""

    regex = "pre|post"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(AssessmentPhaseConverter, "assessment_phase")

urlpatterns = [
    path("lessons/<id:lesson_id>/done/", views.lesson_done, name="lesson_done"),
    path("courses/<id:course_id>/retake/", views.course_retake, name="course_retake"),
    path("checks/<id:lesson_id>/<str:check_id>/", views.check_submit, name="check_submit"),
    path("evaluation/<id:course_id>/feedback/", views.feedback_give, name="feedback"),
    path(
        "evaluation/<id:course_id>/<assessment_phase:phase>/",
        views.assessment_take,
        name="assessment",
    ),
    path(
        "evaluation/<id:course_id>/<assessment_phase:phase>/result/",
        views.assessment_result,
        name="assessment_result",
    ),
    path(
        "evaluation/reflections/<id:lesson_id>/<str:block_id>/",
        views.reflection_save_view,
        name="reflection_save",
    ),
]
