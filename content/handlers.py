"""Keeps the ORE roles (Django groups with Wagtail permissions) in place after every migrate."""

from django.apps import apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver


def _last_migrated_app():
    """The app whose post_migrate comes last: by then every app's permissions exist
    (`courses`' and wagtail-localize's are created after `content`'s signal)."""
    return [config for config in apps.get_app_configs() if config.models_module][-1]


@receiver(post_migrate)
def ensure_roles(sender, **kwargs):
    if sender is not _last_migrated_app():
        return
    from content.roles import roles_ensure

    roles_ensure()
