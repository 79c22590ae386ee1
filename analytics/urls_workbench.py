from django.urls import path

from . import views

urlpatterns = [
    path("", views.liaison_index, name="liaison_index"),
    path("<slug:code>/", views.liaison_department, name="liaison_department"),
]
