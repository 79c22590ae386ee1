from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        # the task registry is full in every process (lms/queueing.py)
        from . import (
            handlers,  # noqa: F401
            tasks,  # noqa: F401
        )
