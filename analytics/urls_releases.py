from django.urls import path

from analytics import views_releases

app_name = "releases"

# Mounted at /analytics/releases/ (ORE only).
urlpatterns = [
    path("", views_releases.release_list, name="list"),
    path("publish/", views_releases.release_publish, name="publish"),
    path("<str:version>/", views_releases.release_detail, name="detail"),
    path("<str:version>/files/<str:kind>/", views_releases.release_file, name="file"),
]
