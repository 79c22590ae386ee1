from django.urls import include, path

app_name = "analytics"

# One namespace, one module per part of the liaison's workbench.
urlpatterns = [
    path("", include("analytics.urls_actions")),
    path("", include("analytics.urls_reminders")),
    path("", include("analytics.urls_workbench")),
]
