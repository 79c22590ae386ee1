"""Writes for the content app."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

ORE_EDITORS = "ORE editors"
ORE_ANALYSTS = "ORE analysts"

_EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("courses", "add_requirement"),
    ("courses", "change_requirement"),
    ("courses", "delete_requirement"),
    ("courses", "view_requirement"),
    ("content", "view_tarequest"),
    ("content", "change_tarequest"),
]
_ANALYST_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("users", "view_all_departments"),
    ("content", "view_tarequest"),
]
_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(app_label: str, codename: str) -> Permission | None:
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Creates the ORE groups with their Django and Wagtail permissions. Safe to repeat.

    ORE editors publish pages, images and documents in the Wagtail admin; ORE analysts see
    every department's compliance. Returns the groups by name.
    """
    editors, _created = Group.objects.get_or_create(name=ORE_EDITORS)
    analysts, _created = Group.objects.get_or_create(name=ORE_ANALYSTS)
    for group, wanted in ((editors, _EDITOR_PERMISSIONS), (analysts, _ANALYST_PERMISSIONS)):
        permissions = [p for p in (_permission(a, c) for a, c in wanted) if p is not None]
        group.permissions.add(*permissions)
    root = Page.get_first_root_node()
    if root is not None:
        for codename in _PAGE_PERMISSIONS:
            permission = _permission("wagtailcore", codename)
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=editors, page=root, permission=permission
                )
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, codename in _COLLECTION_PERMISSIONS:
            permission = _permission(app_label, codename)
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=collection, permission=permission
                )
    return {ORE_EDITORS: editors, ORE_ANALYSTS: analysts}
