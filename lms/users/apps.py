from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "lms.users"
    label = "users"
    verbose_name = _("People and departments")

    def ready(self):
        from . import handlers  # noqa: F401 - connects the receivers
