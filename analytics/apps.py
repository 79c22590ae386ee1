from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from analytics.pipeline import handlers  # noqa: F401

        # the task registry is full in every process (lms/queueing.py)
        from . import tasks  # noqa: F401
