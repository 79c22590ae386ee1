"""Public certificate URLs, mounted at /certificates/ (namespace "certificates")."""

from django.urls import path

from . import views_certificates as views

app_name = "certificates"

urlpatterns = [
    path("", views.certificate_lookup, name="lookup"),
    path("verify/", views.credential_verify_form, name="verify"),
    path("issuer/", views.issuer_profile, name="issuer"),
    path("jwks.json", views.jwks_view, name="jwks"),
    path("<str:code>/", views.certificate_public, name="detail"),
]
