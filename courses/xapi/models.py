"""The xAPI statement store: statements (immutable, voidable), documents (State, Activity
Profile, Agent Profile), per-launch credentials, and the forwarding log."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Statement(models.Model):
    """One stored statement. `payload` is the statement as stored (with id, stored, authority,
    version); the columns are what the standard GET filters use."""

    statement_id = models.UUIDField(unique=True)
    payload = models.JSONField()
    stored = models.DateTimeField(db_index=True)
    timestamp = models.DateTimeField()
    # The canonical inverse functional identifier of the actor ("mbox:mailto:…",
    # "account:<homePage>|<name>", "mbox_sha1sum:…", "openid:…").
    actor_key = models.CharField(max_length=2000, db_index=True)
    verb_id = models.CharField(max_length=2000)
    # The object's id when it is an Activity (empty otherwise).
    activity_id = models.CharField(max_length=2000, blank=True)
    registration = models.UUIDField(null=True, blank=True)
    voided = models.BooleanField(default=False)
    # For a voiding statement: the id of the statement it voids.
    voids = models.UUIDField(null=True, blank=True)
    # Who sent it: the credential it came with (None for statements the LMS writes itself).
    credential = models.ForeignKey(
        "Credential", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When it reached the city's LRS (XAPI_FORWARD_URL); None while pending.
    forwarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("xAPI statement")
        indexes = [
            models.Index(fields=["registration", "stored"]),
            models.Index(fields=["activity_id", "stored"]),
            models.Index(fields=["verb_id", "stored"]),
            models.Index(
                fields=["stored"],
                name="courses_statement_pending",
                condition=models.Q(forwarded_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return str(self.statement_id)


class StatementActivity(models.Model):
    """Every Activity a statement names (object, context activities, sub-statement), for the
    `related_activities` filter."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="activities")
    activity_id = models.CharField(max_length=2000, db_index=True)
    is_object = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("xAPI statement activity")

    def __str__(self) -> str:
        return self.activity_id


class StatementAgent(models.Model):
    """Every Agent a statement names (actor, object, authority, team, instructor), for the
    `related_agents` filter."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="agents")
    agent_key = models.CharField(max_length=2000, db_index=True)
    is_actor = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("xAPI statement agent")

    def __str__(self) -> str:
        return self.agent_key


class DocumentKind(models.TextChoices):
    STATE = "state", _("State")
    ACTIVITY_PROFILE = "activity_profile", _("Activity profile")
    AGENT_PROFILE = "agent_profile", _("Agent profile")


class Document(models.Model):
    """A State, Activity Profile or Agent Profile document. Unused keys are empty strings."""

    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    activity_id = models.CharField(max_length=2000, blank=True)
    agent_key = models.CharField(max_length=2000, blank=True)
    registration = models.CharField(max_length=36, blank=True)
    document_id = models.CharField(max_length=2000)
    content = models.BinaryField()
    content_type = models.CharField(max_length=200)
    etag = models.CharField(max_length=64)
    updated = models.DateTimeField()

    class Meta:
        verbose_name = _("xAPI document")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "activity_id", "agent_key", "registration", "document_id"],
                name="courses_xapidocument_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.document_id}"


class Credential(models.Model):
    """A per-launch credential: the token a cmi5 AU got from its fetch URL. It may only write as
    its learner, in its registration, until it expires."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor_key = models.CharField(max_length=2000)
    registration = models.UUIDField(null=True, blank=True)
    # The cmi5 launch session this credential belongs to (courses.packages.Cmi5Session id).
    session_id = models.UUIDField(null=True, blank=True)
    activity_id = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("xAPI credential")

    def __str__(self) -> str:
        return f"credential {self.id}"


class ForwardRun(models.Model):
    """One run of forwarding to the city's LRS, for the releases page."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("xAPI forwarding run")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"forwarding run {self.started_at:%Y-%m-%d %H:%M}"
