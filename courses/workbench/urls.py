"""The liaison's workbench, mounted at /liaison/ (namespace "workbench")."""

from django.urls import path

import lms.converters
import lms.users.converters  # noqa: F401  (registers <department:...>)
from courses.workbench import actions, reminders, views

app_name = "workbench"

urlpatterns = [
    path(
        "<department:code>/people/<id:user_id>/exemptions/new/",
        actions.exemption_grant_view,
        name="exemption_grant",
    ),
    path(
        "<department:code>/exemptions/<id:exemption_id>/revoke/",
        actions.exemption_revoke_view,
        name="exemption_revoke",
    ),
    path("<department:code>/audit/", actions.audit_log_view, name="audit_log"),
    path("<department:code>/reminders/", reminders.reminders_send, name="reminders_send"),
    path("", views.liaison_index, name="liaison_index"),
    path("<department:code>/", views.liaison_department, name="liaison_department"),
    path("<department:code>/people/<id:user_id>/", views.liaison_person, name="liaison_person"),
    # The workbook is made by a job (GET: what and the button; POST: start it).
    path("<department:code>/export.xlsx", views.export_job_start, name="export_job_start"),
    # Only csv (and xlsx, above) exist; the view answers 404 for any other format.
    path("<department:code>/export.<str:fmt>", views.liaison_export, name="liaison_export"),
    path("<department:code>/exports/<id:job_id>/", views.export_job_detail, name="export_job"),
    path(
        "<department:code>/exports/<id:job_id>/download/",
        views.export_job_download,
        name="export_job_download",
    ),
]
