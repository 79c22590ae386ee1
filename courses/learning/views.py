from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from content.translation import translation_for
from courses.learning.models import CoursePage, LessonPage
from courses.learning.services import course_retake_start, lesson_complete


@login_required
@require_POST
def lesson_done(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    _progress, completion = lesson_complete(user=request.user, lesson=lesson)
    course = lesson.get_parent().specific
    if completion is not None:
        messages.success(
            request,
            _("You completed “%(course)s”. Well done.") % {"course": translation_for(course).title},
        )
        return redirect(course.get_url(request))
    messages.success(request, _("Lesson marked as done."))
    following = LessonPage.objects.child_of(course).live().filter(path__gt=lesson.path)
    next_lesson = following.order_by("path").first()
    return redirect((next_lesson or course).get_url(request))


@login_required
@require_POST
def course_retake(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        course_retake_start(user=request.user, course=course)
    except ValidationError:
        messages.error(request, _("You can start the course again once you have completed it."))
        return redirect(course.get_url(request))
    messages.success(request, _("You started the course again. Your earlier completion is kept."))
    return redirect(course.get_url(request))
