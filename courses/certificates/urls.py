"""Public certificate URLs, mounted at /certificates/ (namespace "certificates")."""

from django.urls import path

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.certificates import views as views

app_name = "certificates"

urlpatterns = [
    path("", views.certificate_lookup, name="lookup"),
    path("verify/", views.credential_verify_form, name="verify"),
    path("issuer/", views.issuer_profile, name="issuer"),
    path("jwks.json", views.jwks_view, name="jwks"),
    path("jwks/<str:thumbprint>", views.jwk_view, name="jwk"),
    path("status/<id:number>/", views.status_list_view, name="status_list"),
    path("badges/<uuid:achievement>.svg", views.badge_image, name="badge"),
    path("<str:code>/", views.certificate_public, name="detail"),
]
