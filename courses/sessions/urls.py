"""Live sessions, mounted at /sessions/ (namespace "sessions")."""

from django.urls import path

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.sessions import views

app_name = "sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("new/", views.schedule, name="schedule"),
    path("<id:pk>/", views.session_detail, name="detail"),
    path("<id:pk>/register/", views.register, name="register"),
    path("<id:pk>/cancel/", views.cancel_registration, name="cancel_registration"),
    path("<id:pk>/calendar.ics", views.calendar, name="ics"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/cancel-session/", views.cancel_session, name="cancel_session"),
    path("<id:pk>/people/", views.register_people, name="register_people"),
    path("<id:pk>/attendance/", views.attendance, name="attendance"),
]
