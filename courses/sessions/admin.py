"""Wagtail admin screens for live sessions (registered on import by wagtail_hooks).

ORE lists every session with its registrations, and schedules or changes sessions here as on
the site: the form checks with the service's own rules (`courses.sessions.session_check`) and
saving goes through `session_schedule` / `session_update`, so the audit log, the emails to
registrants and the waiting list behave the same wherever the change is made. Sessions are
cancelled, never deleted (their registrations and attendance are history); cancelling, like
registering people and taking attendance, is done on the site (/sessions/).

Who may use these screens: people with Wagtail admin access who may see every department
(ORE analysts, superusers). Liaisons manage their departments' sessions on the site.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from courses.fields import RecordChoiceField
from courses.learning.models import CoursePage
from courses.sessions.models import LiveSession, RegistrationStatus
from courses.sessions.services import session_check, session_schedule, session_update
from lms.users.permissions import can_view_all_departments

_DETAIL_FIELDS = (
    "title",
    "title_es",
    "mode",
    "starts_at",
    "ends_at",
    "location",
    "join_url",
    "capacity",
    "department",
    "notes",
)


class LiveSessionPermissionPolicy(ModelPermissionPolicy):
    """ORE (who may see every department) lists, adds and changes sessions; nobody deletes
    them in the admin."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return can_view_all_departments(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) - {"delete"}:
            return users.none()
        permission = Permission.objects.filter(
            content_type__app_label="users", codename="view_all_departments"
        ).first()
        return users.filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        ).distinct()


class LiveSessionAdminForm(WagtailAdminModelForm):
    """The session's details, checked with the service's rules next to each field. A stored
    session keeps its course."""

    class Meta:
        field_classes = {"course": RecordChoiceField, "department": RecordChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "course" in self.fields:
            self.fields["course"].queryset = (
                CoursePage.objects.live().filter(locale=Locale.get_default()).order_by("title")
            )
            if self.instance.pk:
                self.fields["course"].disabled = True

    def clean(self):
        cleaned = super().clean()
        # Before _post_clean copies the values onto the instance, it still holds the stored
        # session, which is what the checks compare against.
        stored = self.instance if self.instance.pk else None
        try:
            session_check(
                actor=self.for_user,
                course=cleaned.get("course") if stored is None else stored.course,
                starts_at=cleaned.get("starts_at"),
                ends_at=cleaned.get("ends_at"),
                mode=cleaned.get("mode", ""),
                location=cleaned.get("location", ""),
                join_url=cleaned.get("join_url", ""),
                capacity=cleaned.get("capacity"),
                department=cleaned.get("department"),
                session=stored,
            )
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                # A field that already failed its own validation has no cleaned value.
                if field in self.fields and field in self.errors:
                    continue
                self.add_error(field if field in self.fields else None, errors)
        return cleaned


class LiveSessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("course", "department")
            .annotate(
                registered_count=Count(
                    "registrations",
                    filter=Q(registrations__status=RegistrationStatus.REGISTERED),
                ),
                waitlisted_count=Count(
                    "registrations",
                    filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
                ),
            )
        )


def _details(form) -> dict:
    return {name: form.cleaned_data.get(name) for name in _DETAIL_FIELDS}


class LiveSessionCreateView(generic.CreateView):
    """Schedules through `session_schedule` (audit log included)."""

    def save_instance(self):
        details = _details(self.form)
        details.update(
            title=details["title"] or "",
            title_es=details["title_es"] or "",
            location=details["location"] or "",
            join_url=details["join_url"] or "",
            notes=details["notes"] or "",
        )
        session = session_schedule(
            actor=self.request.user, course=self.form.cleaned_data["course"], **details
        )
        log(instance=session, action="wagtail.create", user=self.request.user)
        return session

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            return _refused(self, form, error)


class LiveSessionEditView(generic.EditView):
    """Saves through `session_update`: registrants are emailed, the waiting list moves up."""

    def save_instance(self):
        details = _details(self.form)
        details.update(
            title=details["title"] or "",
            title_es=details["title_es"] or "",
            location=details["location"] or "",
            join_url=details["join_url"] or "",
            notes=details["notes"] or "",
        )
        session = session_update(
            actor=self.request.user, session=LiveSession.objects.get(pk=self.object.pk), **details
        )
        log(instance=session, action="wagtail.edit", user=self.request.user)
        return session

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            return _refused(self, form, error)


def _refused(view, form, error: ValidationError):
    """The service refused after the form's checks (the session changed meanwhile)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
    view.produced_error_message = view.get_error_message()
    return view.form_invalid(form)


class LiveSessionViewSet(ModelViewSet):
    model = LiveSession
    icon = "calendar"
    menu_label = _("Live sessions")
    menu_order = 205
    add_to_admin_menu = True
    url_prefix = "live-sessions"
    index_view_class = LiveSessionIndexView
    add_view_class = LiveSessionCreateView
    edit_view_class = LiveSessionEditView
    copy_view_enabled = False
    list_display = [
        "course",
        "title",
        "starts_at",
        "mode",
        "department",
        Column(
            "registered_count",
            label=_("Registered"),
            accessor="registered_count",
            sort_key="registered_count",
        ),
        "capacity",
        Column(
            "waitlisted_count",
            label=_("Waiting"),
            accessor="waitlisted_count",
            sort_key="waitlisted_count",
        ),
        "is_cancelled",
    ]
    list_filter = ["mode", "is_cancelled", "department"]
    search_fields = ["title", "title_es", "location", "notes"]
    search_backend_name = None
    ordering = ["-starts_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldPanel("title"),
            FieldPanel("title_es"),
            FieldPanel("department"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When")),
            MultiFieldPanel(
                [FieldPanel("mode"), FieldPanel("location"), FieldPanel("join_url")],
                heading=_("Where"),
            ),
            FieldPanel("capacity"),
            FieldPanel("notes"),
        ],
        base_form_class=LiveSessionAdminForm,
    )


register_permission_policy(LiveSession, LiveSessionPermissionPolicy(LiveSession))


@hooks.register("register_admin_viewset")
def register_live_session_viewset():
    return LiveSessionViewSet("live_sessions")
