from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Department, JobClass, LiaisonScope, User
from .signals import roster_changed


class LiaisonScopeInline(admin.TabularInline):
    model = LiaisonScope
    extra = 0
    autocomplete_fields = ["department"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "employee_id", "department", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "is_superuser", "department"]
    search_fields = ["email", "employee_id", "last_name"]
    autocomplete_fields = ["department", "supervisor"]
    inlines = [LiaisonScopeInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Employee"),
            {
                "fields": [
                    "employee_id",
                    "first_name",
                    "last_name",
                    "department",
                    "job_class",
                    "hired_on",
                    "supervisor",
                    "preferred_language",
                ]
            },
        ),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        # A hand edit is a roster change like any other: date a transfer or promotion, and
        # let the apps that care (compliance) know.
        today = timezone.localdate()
        if change and "department" in form.changed_data:
            obj.department_since = today
        if change and "job_class" in form.changed_data:
            obj.job_class_since = today
        super().save_model(request, obj, form, change)
        touched = {obj.pk}
        if "supervisor" in form.changed_data:
            touched |= {pk for pk in (form.initial.get("supervisor"), obj.supervisor_id) if pk}
        roster_changed.send(sender=User, user_ids=touched)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "budget_number"]
    search_fields = ["name", "code"]


@admin.register(JobClass)
class JobClassAdmin(admin.ModelAdmin):
    list_display = ["code", "title"]
    search_fields = ["code", "title"]
