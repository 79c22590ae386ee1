from django.urls import path

from analytics.citywide import views

app_name = "citywide"

urlpatterns = [
    path("", views.citywide_dashboard, name="dashboard"),
]
