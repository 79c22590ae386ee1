from django.urls import include, path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("lessons/<int:lesson_id>/done/", views.lesson_done, name="lesson_done"),
    path("courses/<int:course_id>/retake/", views.course_retake, name="course_retake"),
    path("checks/", include("courses.urls_checks")),
    path("evaluation/", include("courses.urls_evaluation")),
    path("", include("courses.urls_transcript")),
]
