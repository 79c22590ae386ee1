"""/xapi/: the xAPI resources (lms/urls.py includes this before Wagtail's catch-all). xAPI names
them without a trailing slash; one is tolerated."""

from django.urls import re_path

from courses.xapi import views

app_name = "xapi"

urlpatterns = [
    re_path(r"^statements/?$", views.StatementsView.as_view(), name="statements"),
    re_path(r"^activities/state/?$", views.StateView.as_view(), name="state"),
    re_path(
        r"^activities/profile/?$", views.ActivityProfileView.as_view(), name="activity_profile"
    ),
    re_path(r"^agents/profile/?$", views.AgentProfileView.as_view(), name="agent_profile"),
    re_path(r"^activities/?$", views.ActivitiesView.as_view(), name="activities"),
    re_path(r"^agents/?$", views.AgentsView.as_view(), name="agents"),
    re_path(r"^about/?$", views.AboutView.as_view(), name="about"),
]
