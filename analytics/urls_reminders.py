from django.urls import path

from . import views_reminders

urlpatterns = [
    path("<slug:code>/reminders/", views_reminders.reminders_send, name="reminders_send"),
]
