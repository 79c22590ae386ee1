from django.urls import path

from . import views

urlpatterns = [
    path("", views.liaison_index, name="liaison_index"),
    path("<slug:code>/", views.liaison_department, name="liaison_department"),
    path("<slug:code>/people/<int:user_id>/", views.liaison_person, name="liaison_person"),
    # Only csv and xlsx exist; the view answers 404 for any other format.
    path("<slug:code>/export.<str:fmt>", views.liaison_export, name="liaison_export"),
]
