"""The learner's own pages, included by courses.urls under /learn/ (namespace "courses")."""

from django.urls import path

from courses.learner import views

urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("transcript/", views.transcript, name="transcript"),
    path("transcript.csv", views.transcript_csv_download, name="transcript_csv"),
    path("transcript.pdf", views.transcript_pdf_download, name="transcript_pdf"),
]
