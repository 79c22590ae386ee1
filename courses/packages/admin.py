"""Wagtail admin screens for packages (registered on import by wagtail_hooks).

Packages are snippets (the chooser of `LessonPage.package`): the list shows each package's
title, kind, edition, current version and the lessons using it. "Upload a package" imports a zip
as a new lesson of a course (`package_import`) and opens the lesson's edit page; "Replace with a
new version" imports a zip as the package's next version (`package_version_import`). A refused
package shows the form again with every problem, and nothing is stored.

Who may: ORE leads and superusers (``courses.add_package`` to upload, ``courses.change_package``
to replace). ORE editors only choose a package for a lesson (the chooser needs no permission).
"""

import re
import shutil

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.fields import RecordChoiceField
from courses.learning.models import CoursePage
from courses.packages.importing import (
    PackageInvalid,
    package_files_root,
    package_import,
    package_version_import,
)
from courses.packages.models import Package, PackageKind

URL_NAMESPACE = "courses_packages_admin"
UPLOAD_URL_NAME = f"{URL_NAMESPACE}:upload"
REPLACE_URL_NAME = f"{URL_NAMESPACE}:replace"


def may_upload(user) -> bool:
    return user.has_perm("courses.add_package")


def may_replace(user) -> bool:
    return user.has_perm("courses.change_package")


class PackageFileField(forms.FileField):
    widget = forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"})

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and uploaded.size > settings.PACKAGE_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than the %(limit)s a package may be.")
                % {"limit": filesizeformat(settings.PACKAGE_MAX_UPLOAD_BYTES)}
            )
        return uploaded


def _file_help() -> str:
    return _(
        "A SCORM 1.2, SCORM 2004 or cmi5 package: a zip with imsmanifest.xml or cmi5.xml at "
        "its root, at most %(limit)s."
    ) % {"limit": filesizeformat(settings.PACKAGE_MAX_UPLOAD_BYTES)}


class CourseChoiceField(RecordChoiceField):
    def label_from_instance(self, obj):
        if obj.locale_id != self.default_locale_id:
            return f"{obj.title} ({obj.locale.language_code})"
        return obj.title


class PackageUploadForm(forms.Form):
    file = PackageFileField(label=gettext_lazy("Package (zip file)"))
    course = CourseChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.none(),
        help_text=gettext_lazy("The package becomes a new lesson at the end of this course."),
    )
    title = forms.CharField(
        label=gettext_lazy("Lesson title"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Leave empty to use the package's own title."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["file"].help_text = _file_help()
        course = self.fields["course"]
        course.queryset = CoursePage.objects.select_related("locale").order_by("title", "pk")
        course.default_locale_id = Locale.get_default().pk

    def clean_course(self):
        course = self.cleaned_data["course"]
        if not course.permissions_for_user(self.user).can_add_subpage():
            raise forms.ValidationError(_("You may not add lessons to this course."))
        return course


class PackageReplaceForm(forms.Form):
    file = PackageFileField(label=gettext_lazy("New version (zip file)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _file_help()


class PackageFormView(WagtailAdminTemplateMixin, FormView):
    """Shared by upload and replace: permission first, and a refused package's problems shown
    above the form (the form keeps the other values; the file must be chosen again)."""

    template_name = "courses/packages/admin/upload.html"
    header_icon = "upload"
    problems: list[str] = ()

    def may(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.may(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(PackageViewSet.LIST_URL_NAME), "label": _("Packages")},
            {"url": "", "label": self.get_page_title()},
        ]

    def refused(self, form, refusal: PackageInvalid):
        self.problems = refusal.problems
        form.add_error("file", _("This package was refused; the problems are listed above."))
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = list(self.problems)
        context["submit_label"] = self.submit_label
        return context


class PackageUploadView(PackageFormView):
    page_title = gettext_lazy("Upload a package")
    form_class = PackageUploadForm
    submit_label = gettext_lazy("Upload and create the lesson")

    def may(self, user) -> bool:
        return may_upload(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        # "Upload a package" among a course's actions in the page explorer chooses the course.
        course = self.request.GET.get("course", "")
        return {"course": course} if re.fullmatch(r"[0-9]{1,18}", course) else {}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            lesson = package_import(
                file=data["file"].file,
                course=data["course"],
                user=self.request.user,
                title=data["title"] or None,
            )
        except PackageInvalid as refusal:
            return self.refused(form, refusal)
        messages.success(
            self.request,
            _("Package imported as the lesson “%(lesson)s” of “%(course)s”.")
            % {"lesson": lesson.title, "course": data["course"].title},
        )
        return redirect("wagtailadmin_pages:edit", lesson.pk)


class PackageReplaceView(PackageFormView):
    page_title = gettext_lazy("Replace with a new version")
    form_class = PackageReplaceForm
    submit_label = gettext_lazy("Upload the new version")

    def may(self, user) -> bool:
        return may_replace(user)

    def dispatch(self, request, *args, **kwargs):
        self.package = get_object_or_404(
            Package.objects.select_related("current_version"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.package.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            package=self.package,
            lessons=list(self.package.lessons.order_by("pk")),
            replacing=True,
        )
        return context

    def form_valid(self, form):
        try:
            version = package_version_import(
                file=form.cleaned_data["file"].file, package=self.package, user=self.request.user
            )
        except PackageInvalid as refusal:
            return self.refused(form, refusal)
        messages.success(
            self.request,
            _("Version %(number)s of “%(package)s” is now the one its lessons play.")
            % {"number": version.number, "package": self.package.title},
        )
        return redirect(PackageViewSet.LIST_URL_NAME)


def _kind(package: Package) -> str:
    version = package.current_version
    return PackageKind(version.kind).label if version else ""


def _edition(package: Package) -> str:
    version = package.current_version
    return version.edition if version else ""


def _version_number(package: Package):
    version = package.current_version
    return version.number if version else ""


class PackageIndexView(IndexView):
    """The list: "Upload a package" instead of "Add", and "Replace with a new version" per
    package; a fixed number of queries however many packages."""

    @property
    def add_item_label(self):
        return _("Upload a package")

    def get_add_url(self):
        if may_upload(self.request.user):
            return reverse(UPLOAD_URL_NAME)
        return None

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("current_version")
            .annotate(lesson_count=Count("lessons"))
        )

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if may_replace(self.request.user):
            buttons.insert(
                0,
                MenuItem(
                    _("Replace with a new version"),
                    url=reverse(REPLACE_URL_NAME, args=[instance.pk]),
                    icon_name="upload",
                    priority=5,
                ),
            )
        return buttons


class PackageDeleteView(DeleteView):
    """Deleting a package no lesson plays: its files go too. One with learners' attempts on
    record is refused (their attempts keep it, on_delete=PROTECT)."""

    def form_valid(self, form):
        folders = [package_files_root(version) for version in self.object.versions.all()]
        try:
            with transaction.atomic():
                response = super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("“%(package)s” cannot be deleted: learners' attempts at it are on record.")
                % {"package": self.object.title},
            )
            return redirect(PackageViewSet.LIST_URL_NAME)
        transaction.on_commit(lambda: [shutil.rmtree(f, ignore_errors=True) for f in folders])
        return response


class PackageViewSet(SnippetViewSet):
    LIST_URL_NAME = "wagtailsnippets_courses_package:list"

    model = Package
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Packages")
    menu_order = 205
    add_to_admin_menu = True
    index_view_class = PackageIndexView
    delete_view_class = PackageDeleteView
    copy_view_enabled = False
    list_display = [
        "title",
        Column("kind", label=gettext_lazy("Kind"), accessor=_kind),
        Column("edition", label=gettext_lazy("Edition"), accessor=_edition),
        Column(
            "version",
            label=gettext_lazy("Current version"),
            accessor=_version_number,
            sort_key="current_version__number",
        ),
        Column(
            "lesson_count",
            label=gettext_lazy("Lessons using it"),
            accessor="lesson_count",
            sort_key="lesson_count",
        ),
    ]
    search_fields = ["title"]
    search_backend_name = None
    # Only the title is edited here; versions come from uploads.
    panels = [FieldPanel("title")]

    @property
    def add_view(self):
        """A package is added by uploading one."""

        def to_upload(request):
            return redirect(UPLOAD_URL_NAME)

        return to_upload


register_snippet(PackageViewSet)


@hooks.register("register_admin_urls")
def register_package_admin_urls():
    urls = [
        path("upload/", PackageUploadView.as_view(), name="upload"),
        path("replace/<id:pk>/", PackageReplaceView.as_view(), name="replace"),
    ]
    return [path("package-import/", include((urls, URL_NAMESPACE)))]


class UploadToCourseButton(PageMenuItem):
    """ "Upload a package" among a course page's actions in the page explorer."""

    label = gettext_lazy("Upload a package as a lesson")
    icon_name = "upload"

    @cached_property
    def url(self):
        return f"{reverse(UPLOAD_URL_NAME)}?course={self.page.pk}"

    def is_shown(self, user) -> bool:
        return (
            self.page.specific_class is CoursePage
            and may_upload(user)
            and self.page.permissions_for_user(user).can_add_subpage()
        )


@hooks.register("register_page_listing_more_buttons")
def upload_to_course_listing_button(page, user, next_url=None):
    yield UploadToCourseButton(page=page, priority=56)


@hooks.register("register_page_header_buttons")
def upload_to_course_header_button(page, user, view_name, next_url=None):
    yield UploadToCourseButton(page=page, priority=76)
