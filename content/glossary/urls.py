"""The glossary's open data, mounted at /api/ (so /api/glossary/, /api/glossary.csv, ...)."""

from django.urls import path

from content.glossary import views

app_name = "glossary_api"

urlpatterns = [
    path("glossary/", views.glossary_json, name="json"),
    path("glossary.csv", views.glossary_csv_download, name="csv"),
    path("glossary.ttl", views.glossary_turtle_download, name="turtle"),
    path("glossary.jsonld", views.glossary_jsonld_download, name="jsonld"),
]
