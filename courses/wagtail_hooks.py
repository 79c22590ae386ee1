from django.contrib import messages
from django.db.models import Exists, OuterRef, ProtectedError, Q
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

# Each feature's admin registers its own hooks and views when imported.
from courses.certificates import admin as certificates_admin  # noqa: F401
from courses.compliance.models import Requirement
from courses.learning import admin as learning_admin  # noqa: F401
from courses.learning import editing, page_context  # noqa: F401
from courses.learning.models import CourseCompletion, CoursePage
from courses.packages import admin as packages_admin  # noqa: F401
from courses.packages import player  # noqa: F401  (registers the package player's page hook)
from courses.packages import report_admin as packages_report_admin  # noqa: F401
from courses.sessions import admin as sessions_admin  # noqa: F401
from courses.sessions.models import LiveSession
from courses.workbench import audit_log, reminder_log  # noqa: F401


class RequirementDeleteView(DeleteView):
    """A requirement people were assigned is their compliance record (assignments keep it,
    on_delete=PROTECT): the confirmation says so and offers no delete; it can be taken out of
    force instead. Wagtail's usage count does not see assignments ("referenced 0 times")."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.assignment_count = self.object.assignments.count()

    def refusal(self) -> str:
        return ngettext(
            "This requirement cannot be deleted: %(count)s assignment of it is on record. "
            "To stop assigning it, take it out of force instead (untick “In force” and save).",
            "This requirement cannot be deleted: %(count)s assignments of it are on record. "
            "To stop assigning it, take it out of force instead (untick “In force” and save).",
            self.assignment_count,
        ) % {"count": self.assignment_count}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.assignment_count:
            context["is_protected"] = True
            context["refusal"] = self.refusal()
        return context

    def form_valid(self, form):
        if not self.assignment_count:
            try:
                return super().form_valid(form)
            except ProtectedError:  # assigned between the confirmation and the delete
                self.assignment_count = self.object.assignments.count()
        return self.render_to_response(self.get_context_data(), status=409)


class RequirementViewSet(SnippetViewSet):
    model = Requirement
    delete_view_class = RequirementDeleteView
    delete_template_name = "courses/admin/requirement_confirm_delete.html"
    icon = "date"
    menu_label = _("Training requirements")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "name",
        "course",
        "effective_on",
        "due_on",
        "due_days_after_entry",
        "recurrence_months",
        "is_active",
    ]
    list_filter = ["is_active", "is_for_supervisors", "is_for_liaisons"]


register_snippet(RequirementViewSet)


@hooks.register("before_bulk_action")
def refuse_deleting_assigned_requirements(request, action_type, objects, action_class_instance):
    """The listing's bulk delete keeps the same rule as the delete page (else a 500)."""
    if action_type != "delete" or action_class_instance.model is not Requirement:
        return None
    assigned = [requirement for requirement in objects if requirement.assignments.exists()]
    if not assigned:
        return None
    messages.error(
        request,
        ngettext(
            "Nothing was deleted: %(count)s requirement has assignments on record. "
            "Take it out of force instead (untick “In force” and save).",
            "Nothing was deleted: %(count)s requirements have assignments on record. "
            "Take them out of force instead (untick “In force” and save).",
            len(assigned),
        )
        % {"count": len(assigned)},
    )
    return redirect("wagtailsnippets_courses_requirement:list")


# Autosave and the add form (issue 12, item 5): see courses/editing.py.
hooks.register("construct_page_action_menu", editing.add_form_id_attach)
hooks.register("after_create_page", editing.add_form_page_remember)
hooks.register("before_create_page", editing.add_form_post_continue)


# Courses with a record (completions, requirements, sessions) are unpublished, never deleted.


def _courses_on_record(pages) -> list[CoursePage]:
    """The courses among `pages` and their descendants that people's records refer to."""
    on_record = Q()
    for page in pages:
        on_record |= Q(path__startswith=page.path)
    if not on_record:
        return []
    return list(
        CoursePage.objects.filter(on_record)
        .filter(
            Q(Exists(CourseCompletion.objects.filter(course=OuterRef("pk"))))
            | Q(Exists(Requirement.objects.filter(course=OuterRef("pk"))))
            | Q(Exists(LiveSession.objects.filter(course=OuterRef("pk"))))
        )
        .order_by("path")
    )


def _refusal(courses: list[CoursePage]) -> str:
    return ngettext(
        "Nothing was deleted: the course “%(title)s” has completions, training requirements or "
        "live sessions on record. Unpublish it instead: learners no longer see it and the "
        "records keep their course.",
        "Nothing was deleted: %(count)s courses, “%(title)s” among them, have completions, "
        "training requirements or live sessions on record. Unpublish them instead: learners no "
        "longer see them and the records keep their course.",
        len(courses),
    ) % {"count": len(courses), "title": courses[0].title}


@hooks.register("before_delete_page")
def refuse_deleting_courses_on_record(request, page):
    """The delete page of a course on record (or of a page above one) refuses, before it asks."""
    courses = _courses_on_record([page])
    if not courses:
        return None
    messages.error(request, _refusal(courses))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_courses_on_record(request, action_type, objects, action_class_instance):
    """The page explorer's bulk delete keeps the same rule (else a 500)."""
    if action_type != "delete" or not issubclass(action_class_instance.model, Page):
        return None
    courses = _courses_on_record(objects)
    if not courses:
        return None
    messages.error(request, _refusal(courses))
    return redirect("wagtailadmin_explore", objects[0].get_parent().pk)
