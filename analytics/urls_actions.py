from django.urls import path

import lms.converters  # registers <id:...>
import lms.users.converters  # noqa: F401  (registers <department:...>)

from . import views_actions

urlpatterns = [
    path(
        "<department:code>/people/<id:user_id>/exemptions/new/",
        views_actions.exemption_grant_view,
        name="exemption_grant",
    ),
    path(
        "<department:code>/exemptions/<id:exemption_id>/revoke/",
        views_actions.exemption_revoke_view,
        name="exemption_revoke",
    ),
    path("<department:code>/audit/", views_actions.audit_log_view, name="audit_log"),
]
