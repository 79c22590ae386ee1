from django.urls import path

import lms.users.converters  # noqa: F401  (registers <department:...>)

from . import views_reminders

urlpatterns = [
    path("<department:code>/reminders/", views_reminders.reminders_send, name="reminders_send"),
]
