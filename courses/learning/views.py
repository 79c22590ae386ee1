from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from content.translation import translation_for
from courses.learning.models import CoursePage, LessonPage
from courses.learning.selectors import my_learning_for_user
from courses.learning.services import course_retake_start, lesson_complete


@login_required
def my_learning(request):
    """The learner's trainings in sections: to do, exempt, upcoming live sessions, completed,
    optional (see `my_learning_for_user`)."""
    today = timezone.localdate()
    learning = my_learning_for_user(user=request.user, as_of=today, now=timezone.now())
    return render(request, "courses/my_learning.html", {"learning": learning, "today": today})


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
