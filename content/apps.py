from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        # the receivers, and the task registry full in every process (lms/queueing.py)
        from content import handlers, tasks  # noqa: F401
