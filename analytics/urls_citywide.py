from django.urls import path

from analytics import views_citywide

app_name = "citywide"

urlpatterns = [
    path("", views_citywide.citywide_dashboard, name="dashboard"),
]
