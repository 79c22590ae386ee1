"""Wagtail admin screens for certificates (registered on import by wagtail_hooks).

ORE lists certificates (code, holder, course, issued, status; filters by course and status;
search by code, name or course) and revokes one with a reason. Revoking goes through
`courses.certificates.certificate_revoke`, so its rules hold whoever revokes. Certificates are
issued by completing a course: nobody adds, copies or deletes them here.

Who may: superusers, and anyone with the ``courses.change_certificate`` permission (the revoke
screen is the model's edit view). ``courses.view_certificate`` alone shows the list and details.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permissions import register_permission_policy

from courses.certificates.models import Certificate
from courses.certificates.services import certificate_revoke
from courses.fields import RecordChoiceField
from courses.learning.models import CoursePage
from lms.wagtail_policies import KeepOnRecordPermissionPolicy

REVOKE_ACTION = "courses.certificate.revoke"
STATUS_VALID = "valid"
STATUS_REVOKED = "revoked"


class CourseChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = RecordChoiceField


class CertificateFilterSet(WagtailFilterSet):
    course = CourseChoiceFilter(
        label=gettext_lazy("Course"),
        field_name="completion__course",
        queryset=CoursePage.objects.order_by("title"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[(STATUS_VALID, gettext_lazy("Valid")), (STATUS_REVOKED, gettext_lazy("Revoked"))],
        method="filter_status",
    )

    class Meta:
        model = Certificate
        fields: list[str] = []

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == STATUS_VALID:
            return queryset.filter(revoked_at__isnull=True)
        if value == STATUS_REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        return queryset


def _status(certificate: Certificate) -> str:
    if certificate.revoked_at is None:
        return _("Valid")
    return _("Revoked on %(date)s") % {
        "date": formats.date_format(timezone.localtime(certificate.revoked_at), "DATE_FORMAT")
    }


class CertificateRevokeForm(WagtailAdminModelForm):
    """The reason for revoking: required, and refused for a certificate already revoked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("revoked_reason")
        if field is not None:
            field.required = True
            field.label = _("Reason for revoking")
            field.help_text = _("Shown to anyone who checks the certificate.")
            if self.instance.revoked_at is not None:
                field.disabled = True

    def clean(self):
        cleaned = super().clean()
        if self.instance.revoked_at is not None:
            raise ValidationError(_("This certificate is already revoked."))
        return cleaned


class CertificateIndexView(generic.IndexView):
    """The listing: newest first; "Revoke" instead of "Edit", and only while still valid."""

    default_ordering = "-issued_at"

    def get_edit_url(self, instance):
        if instance.revoked_at is not None:
            return None  # nothing left to do: the title links to the details instead
        return super().get_edit_url(instance)

    def get_list_more_buttons(self, instance):
        edit_url = self.get_edit_url(instance)
        buttons = [
            button
            for button in super().get_list_more_buttons(instance)
            if edit_url is None or getattr(button, "url", None) != edit_url
        ]
        if edit_url:
            buttons.insert(0, MenuItem(_("Revoke"), url=edit_url, icon_name="cross", priority=10))
        return buttons


class CertificateRevokeView(generic.EditView):
    """The edit view, as "revoke": saves only through `certificate_revoke`."""

    page_title = gettext_lazy("Revoke")
    submit_button_label = gettext_lazy("Revoke certificate")
    submit_button_active_label = gettext_lazy("Revoking…")
    success_message = gettext_lazy("Certificate '%(object)s' revoked.")

    def save_instance(self):
        certificate = certificate_revoke(
            certificate=self.object,
            by=self.request.user,
            reason=self.form.cleaned_data["revoked_reason"],
        )
        log(
            instance=certificate,
            action=REVOKE_ACTION,
            user=self.request.user,
            data={"reason": certificate.revoked_reason},
        )
        return certificate

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # Revoked by someone else since the form was shown, or the service refused.
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "certificates"
    index_view_class = CertificateIndexView
    edit_view_class = CertificateRevokeView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
        "holder_name",
        "course_title",
        "course_version",
        "issued_at",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
    ]
    list_display = [
        "code",
        "holder_name",
        "course_title",
        "issued_at",
        Column("status", label=gettext_lazy("Status"), accessor=_status, sort_key="revoked_at"),
    ]
    filterset_class = CertificateFilterSet
    search_fields = ["code", "holder_name", "course_title"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            HelpPanel(
                template="courses/certificates/admin_summary.html",
                heading=gettext_lazy("The certificate"),
            ),
            FieldPanel("revoked_reason"),
        ],
        base_form_class=CertificateRevokeForm,
    )


register_permission_policy(Certificate, KeepOnRecordPermissionPolicy(Certificate))


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("course_certificates")


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(
        REVOKE_ACTION, gettext_lazy("Revoke certificate"), gettext_lazy("Certificate revoked")
    )
