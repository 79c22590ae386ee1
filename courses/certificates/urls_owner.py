"""The learner's own certificates, included by courses.urls under /learn/
(namespace "courses")."""

from django.urls import path

from courses.certificates import views

urlpatterns = [
    path("certificates/<str:code>/", views.certificate_detail, name="certificate"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf_download, name="certificate_pdf"),
    path(
        "certificates/<str:code>/credential.json",
        views.certificate_credential,
        name="certificate_credential",
    ),
    path(
        "certificates/<str:code>/credential.jwt",
        views.certificate_credential_jwt,
        name="certificate_credential_jwt",
    ),
]
