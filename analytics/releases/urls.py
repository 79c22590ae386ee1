from django.urls import path, re_path

from analytics.releases import views

app_name = "releases"

# Mounted at /analytics/releases/ (ORE only).
urlpatterns = [
    path("", views.release_list, name="list"),
    path("publish/", views.release_publish, name="publish"),
    # A version is a date and a number ("2026-07-01.2"): nothing else (a NUL, for one, reached
    # the database and failed there) can name a release.
    re_path(r"^(?P<version>[\w.-]{1,64})/$", views.release_detail, name="detail"),
    re_path(
        r"^(?P<version>[\w.-]{1,64})/files/(?P<kind>[\w-]{1,32})/$",
        views.release_file,
        name="file",
    ),
]
