"""Keeps the ORE roles (Django groups with Wagtail permissions) in place after every migrate."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def ensure_roles(sender, **kwargs):
    if sender.name != "content":
        return
    from .services.roles import roles_ensure

    roles_ensure()
