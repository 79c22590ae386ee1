"""Wagtail admin screens for the compliance audit log and exemptions (registered on import by
wagtail_hooks). Both are read-only, for everyone.

ORE (anyone who may see every department, and superusers) lists the audit log, filtered by
action and department, and opens an entry to read who did what to whom, when, with the state
before and after; and lists exemptions, filtered by requirement and by whether they are in
force. Nobody adds, edits or deletes either here: the add, edit, copy and delete URLs do not
exist, and the permission policy refuses every action but "view". Audit entries are written by
`courses.compliance.audit.audit_record`, exemptions by `courses.compliance.exemptions`.

`audit_changes` turns an entry's before/after into readable rows; the liaison's audit page
uses it too.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.urls import path
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from courses.compliance.models import (
    Assignment,
    AssignmentStatus,
    AuditAction,
    AuditEntry,
    Exemption,
    Requirement,
)
from courses.sessions.models import Attendance
from lms.users.models import Department
from lms.users.permissions import can_view_all_departments

# --- reading an entry's before and after ---

_KEY_LABELS = {
    "assignment_id": gettext_lazy("Assignment"),
    "status": gettext_lazy("Status"),
    "due_on": gettext_lazy("Due"),
    "exemption_id": gettext_lazy("Exemption"),
    "reason": gettext_lazy("Reason"),
    "until_on": gettext_lazy("Exempt until"),
    "revoke_reason": gettext_lazy("Reason for revoking"),
    "attendance": gettext_lazy("Attendance"),
    "replaces_exemption_id": gettext_lazy("Replaces expired exemption"),
}
_LIST_SHOWN = 20
EMPTY = "—"


@dataclass(frozen=True)
class AuditChange:
    """One line of an audit entry: what (`label`), the value before and after, as text."""

    key: str
    label: str
    before: str
    after: str

    @property
    def is_changed(self) -> bool:
        return self.before != self.after


def _label(key: str) -> str:
    if key in _KEY_LABELS:
        return str(_KEY_LABELS[key])
    return key.replace("_", " ").capitalize()


_ABSENT = object()


def _value_text(key: str, value) -> str:
    if value is _ABSENT:
        return EMPTY
    if value is None and key == "until_on":
        return _("No end date")
    if value is None or value == "" or value == []:
        return EMPTY
    if key.endswith("_id") and isinstance(value, int) and not isinstance(value, bool):
        return f"#{value}"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        shown = ", ".join(_value_text(key, item) for item in value[:_LIST_SHOWN])
        if len(value) > _LIST_SHOWN:
            shown += " " + _("and %(count)s more") % {"count": len(value) - _LIST_SHOWN}
        return shown
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str):
        if key.endswith("status") and value in AssignmentStatus.values:
            return str(AssignmentStatus(value).label)
        if key == "attendance" and value in Attendance.values:
            return str(Attendance(value).label)
        if key.endswith("_on"):
            try:
                return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")
            except ValueError:
                return value
        if key.endswith("_at"):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                return value
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
    return str(value)


# PostgreSQL's jsonb keeps no key order, so the rows follow this one: what it is about, what
# changed, then the rest alphabetically.
_KEY_ORDER = ["assignment_id", "requirement_id", "session", "status", "due_on"]


def _key_rank(key: str) -> tuple[int, str]:
    return (_KEY_ORDER.index(key) if key in _KEY_ORDER else len(_KEY_ORDER), key)


def audit_changes(entry: AuditEntry, names: "AuditNames | None" = None) -> list[AuditChange]:
    """The entry's before and after as rows: the keys of `_KEY_ORDER` first, then the others
    alphabetically. Statuses and dates read as words; ids of what `names` knows (courses,
    sessions, requirements, ...) as names, other ids as "#12"; a key that is on one side
    only shows "—" on the other."""
    before, after = entry.before or {}, entry.after or {}
    keys = sorted(set(before) | set(after), key=_key_rank)
    return [
        AuditChange(
            key=key,
            label=_label(key),
            before=_named_text(key, before.get(key, _ABSENT), names),
            after=_named_text(key, after.get(key, _ABSENT), names),
        )
        for key in keys
    ]


# Keys of before/after that hold the id of something with a name, and what it is.
_NAMED_KEYS = {
    "course": "course",
    "course_id": "course",
    "session": "session",
    "completion": "completion",
    "assignment": "assignment",
    "assignment_id": "assignment",
    "exemption_id": "exemption",
    "replaces_exemption_id": "exemption",
    "requirement_id": "requirement",
    "registration": "registration",
}


def _named_text(key: str, value, names: "AuditNames | None") -> str:
    kind = _NAMED_KEYS.get(key)
    if names is not None and kind and isinstance(value, int) and not isinstance(value, bool):
        name = names.text.get((kind, value))
        if name is not None:
            return name
    return _value_text(key, value)


@dataclass(frozen=True)
class AuditNames:
    """What the ids in a page of audit entries stand for, as text, and the requirements an
    entry without one (attendance) is about, by course."""

    text: dict[tuple[str, int], str]
    requirements_by_course: dict[int, list[str]]

    def requirement_names(self, entry: AuditEntry) -> list[str]:
        if entry.requirement_id is not None:
            return [entry.requirement.name]
        course_id = _course_of(entry, self)
        return self.requirements_by_course.get(course_id, []) if course_id else []


def _course_of(entry: AuditEntry, names: "AuditNames | None" = None) -> int | None:
    for side in (entry.after or {}, entry.before or {}):
        for key in ("course", "course_id"):
            if isinstance(side.get(key), int):
                return side[key]
    if names is not None:
        for side in (entry.after or {}, entry.before or {}):
            session = side.get("session")
            if isinstance(session, int) and ("session-course", session) in names.text:
                return int(names.text[("session-course", session)])
    return None


def audit_names_get(entries: list[AuditEntry]) -> AuditNames:
    """Names for every id the entries' before/after hold, in one query per kind of thing
    (at most six, however many entries): course titles, session titles with their date,
    requirement names (of assignments and exemptions too), and a completion's course."""
    from courses.learning.models import CourseCompletion, CoursePage
    from courses.sessions.models import LiveSession, SessionRegistration

    wanted: dict[str, set[int]] = {kind: set() for kind in set(_NAMED_KEYS.values())}
    for entry in entries:
        for side in (entry.before or {}, entry.after or {}):
            for key, value in side.items():
                kind = _NAMED_KEYS.get(key)
                if kind and isinstance(value, int) and not isinstance(value, bool):
                    wanted[kind].add(value)
    text: dict[tuple[str, int], str] = {}
    sessions = LiveSession.objects.filter(pk__in=wanted["session"]).only(
        "pk", "title", "starts_at", "course_id"
    )
    for session in sessions if wanted["session"] else []:
        when = formats.date_format(timezone.localtime(session.starts_at), "DATE_FORMAT")
        text[("session", session.pk)] = f"{session.title}, {when}" if session.title else when
        text[("session-course", session.pk)] = str(session.course_id)
        wanted["course"].add(session.course_id)
    registrations = SessionRegistration.objects.filter(pk__in=wanted["registration"])
    for pk, title, starts_at in (
        registrations.values_list("pk", "session__title", "session__starts_at")
        if wanted["registration"]
        else []
    ):
        when = formats.date_format(timezone.localtime(starts_at), "DATE_FORMAT")
        text[("registration", pk)] = _("Registration for %(session)s") % {
            "session": f"{title}, {when}" if title else when
        }
    completions = CourseCompletion.objects.filter(pk__in=wanted["completion"])
    for pk, course_id, completed_at in (
        completions.values_list("pk", "course_id", "completed_at") if wanted["completion"] else []
    ):
        wanted["course"].add(course_id)
        text[("completion", pk)] = formats.date_format(
            timezone.localtime(completed_at), "DATE_FORMAT"
        )
        text[("completion-course", pk)] = str(course_id)
    assignments = Assignment.objects.filter(pk__in=wanted["assignment"])
    for pk, name, due_on in (
        assignments.values_list("pk", "requirement__name", "due_on") if wanted["assignment"] else []
    ):
        text[("assignment", pk)] = _("%(requirement)s, due %(date)s") % {
            "requirement": name,
            "date": formats.date_format(due_on, "DATE_FORMAT"),
        }
    exemptions = Exemption.objects.filter(pk__in=wanted["exemption"])
    for pk, name in (
        exemptions.values_list("pk", "requirement__name") if wanted["exemption"] else []
    ):
        text[("exemption", pk)] = _("Exemption from %(requirement)s") % {"requirement": name}
    # Attendance entries carry no requirement: name those their course meets.
    for entry in entries:
        if entry.requirement_id is None:
            course_id = _course_of(entry)
            if course_id is not None:
                wanted["course"].add(course_id)
    requirements_by_course: dict[int, list[str]] = {}
    requirements = Requirement.objects.filter(
        Q(pk__in=wanted["requirement"]) | Q(course_id__in=wanted["course"], is_active=True)
    ).order_by("name")
    for pk, name, course_id in (
        requirements.values_list("pk", "name", "course_id")
        if wanted["requirement"] or wanted["course"]
        else []
    ):
        text[("requirement", pk)] = name
        if course_id in wanted["course"]:
            requirements_by_course.setdefault(course_id, []).append(name)
    courses = CoursePage.objects.filter(pk__in=wanted["course"])
    for pk, title in courses.values_list("pk", "title") if wanted["course"] else []:
        text[("course", pk)] = title
    for (kind, pk), course_id in list(text.items()):
        if kind == "completion-course" and ("course", int(course_id)) in text:
            text[("completion", pk)] = _("%(course)s, completed %(date)s") % {
                "course": text[("course", int(course_id))],
                "date": text[("completion", pk)],
            }
    return AuditNames(text=text, requirements_by_course=requirements_by_course)


# --- who may see ---


class ReadOnlyForOrePermissionPolicy(BasePermissionPolicy):
    """ "view" for active people who may see every department (ORE, superusers); nothing else
    for anyone. The rows are a record: they change only through the services."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and can_view_all_departments(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects
        if "view" not in actions:
            return users.none()
        may_see_all = Permission.objects.filter(
            content_type__app_label="users", codename="view_all_departments"
        )
        return users.filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=may_see_all)
            | Q(groups__permissions__in=may_see_all),
            is_active=True,
        ).distinct()


class ReadOnlyViewSet(ModelViewSet):
    """Only the listing and the inspect view: no add, edit, copy, delete, history or usage."""

    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{self.pk_path_converter}:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        # The URLs do not exist, so no page may link to them.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_permissions_to_register(self):
        # Nothing to grant in the group editor: who may read is decided by the policy.
        return Permission.objects.none()


# --- the audit log ---


class AuditEntryFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=gettext_lazy("Action"), choices=AuditAction.choices)
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Department"), queryset=Department.objects.order_by("name")
    )

    class Meta:
        model = AuditEntry
        fields: list[str] = []


class AuditEntryIndexView(generic.IndexView):
    default_ordering = "-at"

    def get_base_queryset(self) -> QuerySet:
        return (
            super()
            .get_base_queryset()
            .select_related("actor", "employee", "requirement", "department")
        )


class AuditEntryInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return (
            AuditEntry.objects.select_related("actor", "employee", "requirement", "department")
            .filter(pk=self.pk)
            .first()
        ) or super().get_object(queryset)

    def _changes(self, side: str):
        written = getattr(self.object, side) or {}
        rows = [
            (change.label, getattr(change, side))
            for change in audit_changes(self.object, audit_names_get([self.object]))
            if change.key in written
        ]
        if not rows:
            return EMPTY
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def get_before_display_value(self):
        return self._changes("before")

    def get_after_display_value(self):
        return self._changes("after")


def _employee_text(entry: AuditEntry) -> str:
    if entry.employee is None:
        return ""
    if entry.employee.employee_id:
        return f"{entry.employee} ({entry.employee.employee_id})"
    return str(entry.employee)


class AuditEntryViewSet(ReadOnlyViewSet):
    model = AuditEntry
    icon = "list-ul"
    menu_label = gettext_lazy("Compliance audit log")
    menu_order = 290
    add_to_admin_menu = True
    url_prefix = "compliance-audit"
    index_view_class = AuditEntryIndexView
    inspect_view_class = AuditEntryInspectView
    list_per_page = 50
    list_display = [
        "at",
        UserColumn("actor", label=gettext_lazy("Who")),
        "action",
        Column("employee", label=gettext_lazy("Employee"), accessor=_employee_text),
        "requirement",
        "department",
    ]
    filterset_class = AuditEntryFilterSet
    inspect_view_fields = [
        "at",
        "actor",
        "action",
        "employee",
        "requirement",
        "department",
        "before",
        "after",
    ]


# --- exemptions ---

STATUS_IN_FORCE = "in_force"
STATUS_EXPIRED = "expired"
STATUS_REVOKED = "revoked"


class ExemptionFilterSet(WagtailFilterSet):
    requirement = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Requirement"), queryset=Requirement.objects.order_by("name")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            (STATUS_IN_FORCE, gettext_lazy("In force")),
            (STATUS_EXPIRED, gettext_lazy("Expired")),
            (STATUS_REVOKED, gettext_lazy("Revoked")),
        ],
        method="filter_status",
    )

    class Meta:
        model = Exemption
        fields: list[str] = []

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        if value == STATUS_IN_FORCE:
            return queryset.filter(revoked_at__isnull=True).filter(
                Q(until_on__isnull=True) | Q(until_on__gte=today)
            )
        if value == STATUS_EXPIRED:
            return queryset.filter(revoked_at__isnull=True, until_on__lt=today)
        if value == STATUS_REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        return queryset


def exemption_status_text(exemption: Exemption) -> str:
    """ "In force", "Expired on …" or "Revoked on …", as of today."""
    if exemption.revoked_at is not None:
        return _("Revoked on %(date)s") % {
            "date": formats.date_format(timezone.localdate(exemption.revoked_at), "DATE_FORMAT")
        }
    if exemption.until_on is not None and exemption.until_on < timezone.localdate():
        return _("Expired on %(date)s") % {
            "date": formats.date_format(exemption.until_on, "DATE_FORMAT")
        }
    return _("In force")


class ExemptionIndexView(generic.IndexView):
    default_ordering = "-granted_at"

    def get_base_queryset(self) -> QuerySet:
        return super().get_base_queryset().select_related("user", "requirement", "granted_by")


class ExemptionViewSet(ReadOnlyViewSet):
    model = Exemption
    icon = "clipboard-list"
    menu_label = gettext_lazy("Exemptions")
    menu_order = 280
    add_to_admin_menu = True
    url_prefix = "compliance-exemptions"
    index_view_class = ExemptionIndexView
    list_per_page = 50
    list_display = [
        "user",
        Column("employee_id", label=gettext_lazy("Employee ID"), accessor="user.employee_id"),
        "requirement",
        DateColumn("granted_at", label=gettext_lazy("Granted")),
        UserColumn("granted_by", label=gettext_lazy("Granted by")),
        "until_on",
        Column(
            "status",
            label=gettext_lazy("Status"),
            accessor=exemption_status_text,
            sort_key="revoked_at",
        ),
    ]
    filterset_class = ExemptionFilterSet
    inspect_view_fields = [
        "user",
        "requirement",
        "reason",
        "granted_by",
        "granted_at",
        "until_on",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
    ]


register_permission_policy(AuditEntry, ReadOnlyForOrePermissionPolicy(AuditEntry))
register_permission_policy(Exemption, ReadOnlyForOrePermissionPolicy(Exemption))


@hooks.register("register_admin_viewset")
def register_compliance_record_viewsets():
    return [
        AuditEntryViewSet("compliance_audit"),
        ExemptionViewSet("compliance_exemptions"),
    ]
