"""/learn/packages/cmi5/ (namespace "courses:cmi5")."""

from django.urls import path

from courses.packages.cmi5 import views

app_name = "cmi5"

urlpatterns = [
    path("launch/<int:lesson_id>/<int:item_id>/", views.launch, name="launch"),
    path("play/<int:lesson_id>/", views.play, name="play"),
    path("returned/<int:lesson_id>/", views.returned, name="returned"),
    path("fetch/<uuid:session_id>/", views.fetch, name="fetch"),
]
