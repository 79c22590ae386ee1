"""/learn/ (namespace "courses"): the learner's own pages, taking a course, and the learner's
certificates."""

from django.urls import include, path

app_name = "courses"

urlpatterns = [
    path("", include("courses.learner.urls")),
    path("", include("courses.learning.urls")),
    path("", include("courses.certificates.urls_owner")),
    path("packages/", include("courses.packages.urls", namespace="packages")),
    path("packages/cmi5/", include("courses.packages.cmi5.urls")),
]
