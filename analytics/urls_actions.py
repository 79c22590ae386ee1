from django.urls import path

from . import views_actions

urlpatterns = [
    path(
        "<slug:code>/people/<int:user_id>/exemptions/new/",
        views_actions.exemption_grant_view,
        name="exemption_grant",
    ),
    path(
        "<slug:code>/exemptions/<int:exemption_id>/revoke/",
        views_actions.exemption_revoke_view,
        name="exemption_revoke",
    ),
    path("<slug:code>/audit/", views_actions.audit_log_view, name="audit_log"),
]
