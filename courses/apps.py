from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # the receivers of each feature, then the task registry (full in every process, so
        # services can queue tasks by name: lms/queueing.py)
        from courses import tasks  # noqa: F401
        from courses.certificates import handlers as certificates_handlers  # noqa: F401
        from courses.compliance import handlers as compliance_handlers  # noqa: F401
        from courses.packages.cmi5 import rules as cmi5_rules  # noqa: F401
        from courses.xapi import handlers as xapi_handlers  # noqa: F401
