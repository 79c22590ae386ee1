"""What the course and lesson pages show a learner, registered as Wagtail hooks that the page
models call from `get_context` (so the models import none of the reads below them)."""

from wagtail import hooks

from content.glossary.selectors import autolink_terms_get
from content.page_cache import cached_pages
from content.translation import (
    default_language,
    display_context,
    locale_id_for,
    reader_language,
    with_display,
)
from courses.learning.attempts import check_states_for_lesson
from courses.learning.evaluation import evaluation_state_for_user
from courses.learning.lesson_page_cache import lesson_page_response
from courses.learning.models import CoursePage
from courses.learning.reflections import reflections_for_lesson
from courses.learning.selectors import course_progress_for_user
from lms.page_hooks import page_hook


def _in_site_language(pages, request) -> bool:
    """True when the reader reads the site's language and every one of `pages` is in it: then
    each page is its own display, with nothing to look up. The locale is read once per change of
    the pages and locales (content.page_cache)."""
    if reader_language() != default_language():
        return False
    locale_id = locale_id_for(default_language())
    return all(page.locale_id == locale_id for page in pages)


def _as_own_display(page) -> dict:
    return {"display": page, "display_lang": default_language(), "is_untranslated": False}


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


# A lesson page, kept per kind of reader where it can be (courses.learning.lesson_page_cache).
hooks.register("courses_lesson_page_response", lesson_page_response)


@hooks.register("courses_lesson_page_context")
def lesson_page_context(page, request) -> dict:
    """The lesson in its course: the learner's progress, the neighbours, checks, reflections."""
    # Routed to the lesson through its course, the lesson holds it (SpecificChildRouteMixin);
    # a preview or a draft reads it.
    course = getattr(page, "_cached_parent_obj", None)
    if not isinstance(course, CoursePage):
        course = CoursePage.objects.parent_of(page).first() or page.get_parent().specific
    # The lesson page shows no completion: only the course page reads them. The learner's run
    # and lessons done were read just before, when the page might have been kept
    # (courses.learning.lesson_page_cache).
    progress = course_progress_for_user(
        user=request.user,
        course=course,
        completions=False,
        run_and_done=getattr(request, "lesson_run_and_done", None),
    )
    lesson_state = progress.lesson_state(page.pk)
    neighbours = [n for n in (lesson_state["previous"], lesson_state["next"]) if n]
    if _in_site_language([page, course, *neighbours], request):
        # An English reader of the English tree: every page is shown as it is.
        context = _as_own_display(page)
        course_display = _as_own_display(course)
        for neighbour in neighbours:
            neighbour.display = neighbour
            neighbour.display_lang = default_language()
            neighbour.is_untranslated = False
    else:
        context = display_context(page, request)
        course_display = display_context(course)
        # The links to the neighbours name them in the reader's language too.
        with_display(neighbours)
    context["course_display"] = course_display["display"]
    context["course_display_lang"] = course_display["display_lang"]
    if page.autolink_glossary:
        language = reader_language()
        context["glossary_autolink"] = {
            "terms": cached_pages(
                f"glossary-autolink:{language}", lambda: autolink_terms_get(language)
            )
        }
    context["course"] = course
    context["progress"] = progress
    context["lesson_state"] = lesson_state
    context["check_states"] = check_states_for_lesson(
        user=request.user, lesson=page, course=course, run=progress.run
    )
    # Only a lesson with a reflection prompt (as shown) reads what the learner wrote.
    if any(block["type"] == "reflection" for block in context["display"].body.raw_data):
        context["reflections"] = reflections_for_lesson(user=request.user, lesson=page)
    if page.package_id:
        # The package player (courses.packages.player, a layer above this one).
        context.update(page_hook("courses_package_player_context")(page, request))
    return context
