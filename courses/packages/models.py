"""Packages, their versions and items (SCOs and AUs), and each learner's attempts at them.

A `Package` is what a package lesson plays (`LessonPage.package`). ORE replaces a package by
importing a new `PackageVersion`; attempts keep the version they were made on. Files of a version
live under `PACKAGE_ROOT/<version.storage_key>/` and are served only by `courses.packages` views.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PackageKind(models.TextChoices):
    SCORM12 = "scorm12", _("SCORM 1.2")
    SCORM2004 = "scorm2004", _("SCORM 2004")
    CMI5 = "cmi5", _("cmi5")


class Package(models.Model):
    title = models.CharField(_("title"), max_length=300)
    current_version = models.ForeignKey(
        "PackageVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("package")

    def __str__(self) -> str:
        return self.title


class PackageVersion(models.Model):
    """One imported zip. Never changed after import, so attempts on it keep their meaning."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=PackageKind.choices)
    # "1.2"; "2004 2nd/3rd/4th edition"; "cmi5": the schema version the manifest declares.
    edition = models.CharField(_("edition"), max_length=40)
    identifier = models.CharField(_("identifier"), max_length=2000)
    title = models.CharField(_("title"), max_length=300)
    storage_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sha256 = models.CharField(max_length=64)
    file_count = models.PositiveIntegerField()
    size_bytes = models.BigIntegerField(help_text=_("uncompressed"))
    # The manifest as parsed and normalised (see courses.packages.manifest).
    structure = models.JSONField(default=dict)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("package version")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "number"], name="courses_packageversion_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class PackageItem(models.Model):
    """A launchable part of a version: a SCORM SCO (or asset) or a cmi5 AU, in manifest order."""

    version = models.ForeignKey(PackageVersion, on_delete=models.CASCADE, related_name="items")
    identifier = models.CharField(max_length=2000)
    title = models.CharField(max_length=300)
    order = models.PositiveIntegerField()
    # Identifier of the parent item/block (empty at the top), for the table of contents.
    parent_identifier = models.CharField(max_length=2000, blank=True)
    depth = models.PositiveSmallIntegerField(default=0)
    is_launchable = models.BooleanField(default=True)
    # Relative path inside the package (SCORM href + parameters), or the cmi5 AU url.
    launch_url = models.CharField(max_length=4000, blank=True)
    # SCORM: masteryscore, datafromlms, timelimitaction, sequencing; cmi5: activity id, moveOn,
    # masteryScore, launchMethod, launchParameters, entitlementKey, objectives.
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("package item")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "order"], name="courses_packageitem_order_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PackageAttempt(models.Model):
    """A learner's attempt at one SCO/AU of a version, in one run of the course.

    `cmi` holds the SCORM data model as committed (`cmi.*` keys), so nothing the package stored
    is lost; the columns below are the parts the LMS reads. `revision` grows with every commit
    (two tabs committing at once are merged key by key, never lost).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="package_attempts"
    )
    item = models.ForeignKey(PackageItem, on_delete=models.PROTECT, related_name="attempts")
    version = models.ForeignKey(PackageVersion, on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    run = models.PositiveSmallIntegerField(default=1)
    number = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    revision = models.PositiveIntegerField(default=0)
    cmi = models.JSONField(default=dict)
    # SCORM 1.2 lesson_status, or 2004 completion_status / success_status.
    completion_status = models.CharField(max_length=20, default="not attempted")
    success_status = models.CharField(max_length=20, default="unknown")
    score_raw = models.FloatField(null=True, blank=True)
    score_min = models.FloatField(null=True, blank=True)
    score_max = models.FloatField(null=True, blank=True)
    score_scaled = models.FloatField(null=True, blank=True)
    total_seconds = models.FloatField(default=0)
    location = models.CharField(max_length=1000, blank=True)
    suspend_data = models.TextField(blank=True)
    exit = models.CharField(max_length=20, blank=True)
    # When the package's result made the item count as done (completed/passed by its rules).
    satisfied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("package attempt")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "item", "run", "number"], name="courses_packageattempt_unique"
            )
        ]
        indexes = [models.Index(fields=["version", "item"])]

    def __str__(self) -> str:
        return f"attempt {self.number} at item {self.item_id} by {self.user_id}"


class PackageInteraction(models.Model):
    """One answer to one question (SCORM cmi.interactions.n / cmi5 answered statements), for
    ORE's item analysis. Keyed by its position in the attempt, so a repeated commit replaces it."""

    attempt = models.ForeignKey(
        PackageAttempt, on_delete=models.CASCADE, related_name="interactions"
    )
    index = models.PositiveIntegerField()
    interaction_id = models.CharField(max_length=4000)
    interaction_type = models.CharField(max_length=40, blank=True)
    learner_response = models.TextField(blank=True)
    correct_responses = models.JSONField(default=list)
    result = models.CharField(max_length=40, blank=True)
    latency_seconds = models.FloatField(null=True, blank=True)
    description = models.CharField(max_length=1000, blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("package interaction")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "index"], name="courses_packageinteraction_unique"
            )
        ]

    def __str__(self) -> str:
        return f"interaction {self.interaction_id}"


# cmi5: a registration per learner and course (the package), a launch session per AU launch.


class Cmi5Registration(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="registrations")
    version = models.ForeignKey(PackageVersion, on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    run = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField()
    # The whole course's moveOn was satisfied (the LMS sent "satisfied" for the course).
    satisfied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("cmi5 registration")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "package", "run"], name="courses_cmi5registration_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.id)


class Cmi5AuState(models.Model):
    """What one AU has reached in a registration (the facts moveOn is evaluated on)."""

    registration = models.ForeignKey(
        Cmi5Registration, on_delete=models.CASCADE, related_name="au_states"
    )
    item = models.ForeignKey(PackageItem, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    waived_at = models.DateTimeField(null=True, blank=True)
    waive_reason = models.CharField(max_length=40, blank=True)
    satisfied_at = models.DateTimeField(null=True, blank=True)
    score_scaled = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("cmi5 AU state")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "item"], name="courses_cmi5austate_unique"
            )
        ]

    def __str__(self) -> str:
        return f"AU {self.item_id} in {self.registration_id}"


class Cmi5Session(models.Model):
    """One launch of an AU: its session id, one-time fetch token and launch mode."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    registration = models.ForeignKey(
        Cmi5Registration, on_delete=models.CASCADE, related_name="sessions"
    )
    item = models.ForeignKey(PackageItem, on_delete=models.PROTECT, related_name="+")
    launch_mode = models.CharField(max_length=10, default="Normal")
    created_at = models.DateTimeField()
    fetch_token_hash = models.CharField(max_length=64, unique=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    initialized_at = models.DateTimeField(null=True, blank=True)
    terminated_at = models.DateTimeField(null=True, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)
    # A completed/passed/failed statement was accepted in this session.
    completed_in_session = models.BooleanField(default=False)
    passed_or_failed_in_session = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("cmi5 session")

    def __str__(self) -> str:
        return str(self.id)
