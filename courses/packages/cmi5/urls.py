"""/learn/packages/cmi5/ (namespace "courses:cmi5")."""

from django.urls import path

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.packages.cmi5 import views

app_name = "cmi5"

urlpatterns = [
    path("launch/<id:lesson_id>/<id:item_id>/", views.launch, name="launch"),
    path("play/<id:lesson_id>/", views.play, name="play"),
    path("returned/<id:lesson_id>/", views.returned, name="returned"),
    path("fetch/<uuid:session_id>/", views.fetch, name="fetch"),
]
