"""Live sessions, mounted at /sessions/ (namespace "sessions")."""

from django.urls import path

from . import views_sessions as views

app_name = "sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("new/", views.schedule, name="schedule"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel/", views.cancel_registration, name="cancel_registration"),
    path("<int:pk>/calendar.ics", views.calendar, name="ics"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/cancel-session/", views.cancel_session, name="cancel_session"),
    path("<int:pk>/people/", views.register_people, name="register_people"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
]
