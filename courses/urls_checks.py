"""Knowledge-check submissions, under /learn/checks/ in the "courses" namespace."""

from django.urls import path

from . import views_checks

urlpatterns = [
    path("<int:lesson_id>/<str:check_id>/", views_checks.check_submit, name="check_submit"),
]
