"""The certificate: proof of a completion, verifiable by anyone at /certificates/<code>/."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.learning.models import CourseCompletion


class Certificate(models.Model):
    """Proof of a completion, verifiable by anyone at /certificates/<code>/."""

    completion = models.OneToOneField(
        CourseCompletion, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=40, unique=True)
    holder_name = models.CharField(_("issued to"), max_length=300)
    course_title = models.CharField(_("course"), max_length=255)
    course_version = models.CharField(_("course version"), max_length=50)
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Its bit in the published revocation status lists (courses.certificates.credentials): given
    # once, at random, when the certificate is issued; never reused.
    status_list_index = models.PositiveIntegerField(
        _("status list index"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("certificate")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
                name="courses_certificate_revoked_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"certificate {self.code}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
