"""The ORE roles: Django groups with Wagtail permissions, and the review workflow.

ORE editors draft pages and submit them for review; ORE leads approve (publish); ORE analysts
read every department's numbers and the evaluation reports.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

ORE_EDITORS = "ORE editors"
ORE_LEADS = "ORE leads"
ORE_ANALYSTS = "ORE analysts"
REVIEW_WORKFLOW = "ORE review"
REVIEW_TASK = "ORE lead approval"

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
    # "Translate this page" and the translation editor (wagtail-localize); the translated
    # pages themselves are edited with the page permissions below, which cover every locale.
    ("wagtail_localize", "submit_translation"),
]
# ORE leads also revoke certificates (the admin's revoke screen is the certificate's edit view)
# and import packages (SCORM, cmi5: code that runs in learners' browsers); editors only choose
# an imported package for a lesson.
_LEAD_PERMISSIONS = [
    *_EDITOR_PERMISSIONS,
    ("courses", "view_certificate"),
    ("courses", "change_certificate"),
    ("courses", "add_package"),
    ("courses", "change_package"),
    # view_package: the package snippets, and the package reports (courses.packages.report),
    # which analysts see too.
    ("courses", "view_package"),
]
_ANALYST_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("users", "view_all_departments"),
    ("content", "view_tarequest"),
    ("courses", "view_package"),
]
_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
_LEAD_PAGE_PERMISSIONS = [*_EDITOR_PAGE_PERMISSIONS, "publish_page"]
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
    """Creates the ORE groups, their permissions and the review workflow. Safe to repeat.

    Returns the groups by name.
    """
    editors, _created = Group.objects.get_or_create(name=ORE_EDITORS)
    leads, _created = Group.objects.get_or_create(name=ORE_LEADS)
    analysts, _created = Group.objects.get_or_create(name=ORE_ANALYSTS)
    for group, wanted in (
        (editors, _EDITOR_PERMISSIONS),
        (leads, _LEAD_PERMISSIONS),
        (analysts, _ANALYST_PERMISSIONS),
    ):
        permissions = [p for p in (_permission(a, c) for a, c in wanted) if p is not None]
        group.permissions.add(*permissions)
    root = Page.get_first_root_node()
    if root is not None:
        for group, codenames in (
            (editors, _EDITOR_PAGE_PERMISSIONS),
            (leads, _LEAD_PAGE_PERMISSIONS),
        ):
            for codename in codenames:
                permission = _permission("wagtailcore", codename)
                if permission is not None:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=root, permission=permission
                    )
        _review_workflow_ensure(root=root, leads=leads)
    collection = Collection.get_first_root_node()
    if collection is not None:
        for group in (editors, leads):
            for app_label, codename in _COLLECTION_PERMISSIONS:
                permission = _permission(app_label, codename)
                if permission is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=collection, permission=permission
                    )
    return {ORE_EDITORS: editors, ORE_LEADS: leads, ORE_ANALYSTS: analysts}


def _review_workflow_ensure(*, root: Page, leads: Group) -> None:
    """Every page goes through "ORE review": an ORE lead approves before it is published."""
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(leads)
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
