"""What the course and lesson pages show a learner, registered as Wagtail hooks that the page
models call from `get_context` (so the models import none of the reads below them)."""

from wagtail import hooks

from content.glossary.selectors import autolink_terms_get
from content.translation import display_context, reader_language, with_display
from courses.learning.attempts import check_states_for_lesson
from courses.learning.evaluation import evaluation_state_for_user
from courses.learning.reflections import reflections_for_lesson
from courses.learning.selectors import course_progress_for_user
from lms.page_hooks import page_hook


@hooks.register("courses_course_page_context")
def course_page_context(page, request) -> dict:
    """The learner's progress through the course, its evaluation, and its lessons' rows."""
    progress = course_progress_for_user(user=request.user, course=page)
    lessons = {lesson.pk: lesson for lesson in with_display(progress.lessons)}
    context = {
        "progress": progress,
        "course_evaluation": evaluation_state_for_user(user=request.user, course=page),
        **display_context(page, request),
    }
    context["lesson_rows"] = [
        {
            "lesson": lesson,
            "title": lesson.display.title,
            "lang": lesson.display_lang,
            "is_untranslated": lesson.is_untranslated,
            "is_done": lesson.pk in progress.done_ids,
        }
        for lesson in lessons.values()
    ]
    if progress.next_lesson:
        context["next_lesson"] = lessons.get(progress.next_lesson.pk, progress.next_lesson)
    return context


@hooks.register("courses_lesson_page_context")
def lesson_page_context(page, request) -> dict:
    """The lesson in its course: the learner's progress, the neighbours, checks, reflections."""
    course = page.get_parent().specific
    progress = course_progress_for_user(user=request.user, course=course)
    context = display_context(page, request)
    course_display = display_context(course)
    context["course_display"] = course_display["display"]
    context["course_display_lang"] = course_display["display_lang"]
    lesson_state = progress.lesson_state(page.pk)
    # The links to the neighbours name them in the reader's language too.
    with_display(
        neighbour for neighbour in (lesson_state["previous"], lesson_state["next"]) if neighbour
    )
    if page.autolink_glossary:
        context["glossary_autolink"] = {"terms": autolink_terms_get(reader_language())}
    context["course"] = course
    context["progress"] = progress
    context["lesson_state"] = lesson_state
    context["check_states"] = check_states_for_lesson(user=request.user, lesson=page)
    context["reflections"] = reflections_for_lesson(user=request.user, lesson=page)
    if page.package_id:
        # The package player (courses.packages.player, a layer above this one).
        context.update(page_hook("courses_package_player_context")(page, request))
    return context
