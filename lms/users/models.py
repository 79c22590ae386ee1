"""The people of the city: the employee (our User), departments, job classes, liaison scopes."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_code, validate_not_formula


class Department(models.Model):
    # The code is in web addresses and the name in every export: see validators.py. Rows
    # stored before these checks may still break them, so pages never assume they hold.
    code = models.CharField(_("code"), max_length=20, unique=True, validators=[validate_code])
    name = models.CharField(_("name"), max_length=200, validators=[validate_not_formula])
    budget_number = models.CharField(_("budget number"), max_length=10, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        permissions = [
            ("view_all_departments", _("Can see the compliance of every department")),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class JobClass(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True, validators=[validate_code])
    title = models.CharField(
        _("title"), max_length=200, blank=True, validators=[validate_not_formula]
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("job class")
        verbose_name_plural = _("job classes")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An employee of the city, and the account they sign in with.

    `is_active` is the employment status from the roster: people who left cannot sign in, stay
    in history, and leave today's compliance counts.
    """

    email = models.EmailField(_("email address"), unique=True)
    # NULL, not "", for accounts outside the roster (the system owner): unique only when set.
    employee_id = models.CharField(  # noqa: DJ001
        _("employee ID"), max_length=20, null=True, blank=True
    )
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
    )
    job_class = models.ForeignKey(
        JobClass,
        verbose_name=_("job class"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hired_on = models.DateField(_("hire date"), null=True, blank=True)
    # When the roster last moved the person into their department / job class: a transfer or
    # promotion that brings someone into a requirement's audience starts their clock there.
    department_since = models.DateField(_("in department since"), null=True, blank=True)
    job_class_since = models.DateField(_("in job class since"), null=True, blank=True)
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    preferred_language = models.CharField(_("preferred language"), max_length=16, blank=True)
    is_active = models.BooleanField(_("active employee"), default=True)
    is_staff = models.BooleanField(_("may use the Django admin"), default=False)
    date_joined = models.DateTimeField(_("account created"), default=timezone.now)
    liaison_departments = models.ManyToManyField(
        Department,
        through="LiaisonScope",
        related_name="liaisons",
        blank=True,
        verbose_name=_("liaison for"),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique"),
            models.UniqueConstraint(fields=["employee_id"], name="users_user_employee_id_unique"),
        ]
        indexes = [
            models.Index(fields=["department", "is_active"]),
            # The liaison's staff list in its usual order, and the job classes its filter
            # offers, read from this index alone on PostgreSQL (no sort of the department).
            models.Index(
                fields=["department", "last_name", "first_name", "id"],
                include=["job_class"],
                condition=models.Q(is_active=True),
                name="users_active_by_name",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email


class LiaisonScope(models.Model):
    """A liaison may see the compliance of this department (and no other)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="liaison_scopes")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("liaison scope")
        verbose_name_plural = _("liaison scopes")
        constraints = [
            models.UniqueConstraint(fields=["user", "department"], name="users_liaisonscope_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.department.code}"
