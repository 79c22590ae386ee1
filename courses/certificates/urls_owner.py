"""The learner's own certificates and transcript, included by courses.urls under /learn/
(namespace "courses")."""

from django.urls import path

from courses.certificates import views as views

urlpatterns = [
    path("transcript/", views.transcript, name="transcript"),
    path("transcript.csv", views.transcript_csv_download, name="transcript_csv"),
    path("transcript.pdf", views.transcript_pdf_download, name="transcript_pdf"),
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
