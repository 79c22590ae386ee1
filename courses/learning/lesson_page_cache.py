"""A lesson page, drawn once per kind of reader and kept for the next reader of that kind.

On deadline day most of the City reads the same hundred-odd lessons, and drawing the page (its
body, the glossary links, the neighbours' links, the site's chrome) was most of a lesson page's
work. Two readers of the same lesson see the same page but for:
- the language they read, and the address the page was asked at (host, port, path);
- whether they have marked the lesson done;
- which of the navigation's roles they hold (lms.users.roles);
- the CSRF token of the page's forms;
- what only that reader has: their knowledge-check attempts, their reflections, a package's
  player, and the messages waiting for them.

So a lesson page that shows nothing of the last kind is drawn with a stand-in for the CSRF token
and kept in this process's pages cache under the published pages' version and everything else in
that list (content.page_cache.kept_get, kept_set). The next reader of the same kind gets it with
their own token in place of the stand-in: no template, no lesson body, no course outline.

Never kept: a lesson whose body (as published, or as translated for the reader) holds a
knowledge check or a reflection, or that plays a package; a request with a query string (the
language form returns to the full address); a request with messages to show; anything with DEBUG
on, so that a template edit shows at once. Those are drawn for each request, as before.

What is kept changes with the pages' version (a publish, a move, a view restriction, an image or
document replaced in the admin, a site or locale edited), so a change shows at the next request;
and with the code and its translations, which a new process reads.
"""

import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils.html import escape

from content.page_cache import address_key, kept_get, kept_set
from courses.learning.models import CoursePage, LessonPage
from courses.learning.selectors import course_run_and_done
from lms.users.roles import site_roles_of

# A stand-in made of letters and digits (escaping leaves it as it is), random per process, so
# that no lesson's own text can hold it by chance or design.
_TOKEN = f"csrf{secrets.token_hex(16)}"
# Blocks that show what only the reader has (their attempts, their text).
_READERS_OWN_BLOCKS = frozenset({"knowledge_check", "reflection"})


def _may_keep(request: HttpRequest) -> bool:
    return (
        not settings.DEBUG
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        # Counting the messages loads them without marking them read.
        and not len(get_messages(request))
    )


def _shows_only_the_pages(page: LessonPage, context: dict) -> bool:
    """True when the drawn page shows nothing of the reader but what the key holds."""
    if page.package_id:
        return False
    bodies = [page.body]
    display = context.get("display")
    if display is not None and display is not page:
        bodies.append(display.body)
    return not any(
        block["type"] in _READERS_OWN_BLOCKS for body in bodies for block in body.raw_data
    )


def _key(request: HttpRequest, page: LessonPage, *, is_done: bool) -> str:
    """The address (host, port, language, path: as the page's route is kept), the lesson, and
    the reader's done-or-not and navigation roles."""
    roles = site_roles_of(request.user)
    reader = (
        f"{int(is_done)}{int(roles.has_liaison_scope)}{int(roles.is_ore)}{int(roles.can_admin)}"
    )
    return f"lesson-page:{address_key(request, request.path)}:{page.pk}:{reader}"


def _with_own_token(html: str, request: HttpRequest) -> str:
    # get_token also has the CSRF middleware set the cookie, as {% csrf_token %} would.
    return html.replace(_TOKEN, escape(get_token(request)))


def lesson_page_response(
    page: LessonPage, request: HttpRequest, draw: Callable[[], HttpResponse]
) -> HttpResponse:
    """The lesson page for a signed-in reader: kept, when it can be (see the module); else
    `draw()` (Wagtail's page view), keeping what it drew when that shows only what the key
    holds."""
    # Routed to the lesson through its course, the lesson holds it (content.page_cache); a
    # lesson served any other way is drawn as before.
    course = getattr(page, "_cached_parent_obj", None)
    if not isinstance(course, CoursePage) or not _may_keep(request):
        return draw()
    run_and_done = course_run_and_done(user=request.user, course=course)
    # The lesson's context reads the same (courses.learning.page_context): one query, not two.
    request.lesson_run_and_done = run_and_done
    key = _key(request, page, is_done=page.pk in run_and_done.done_ids)
    html = kept_get(key)
    if html is not None:
        request.is_preview = False  # as Wagtail's Page.serve says
        return HttpResponse(_with_own_token(html, request))
    response = draw()
    context = getattr(response, "context_data", None)
    if (
        not isinstance(response, TemplateResponse)
        or response.status_code != 200
        or context is None
        or not _shows_only_the_pages(page, context)
    ):
        return response
    # The page's own context wins over the context processors' (django.template.context
    # .make_context): every form on the page, the site's header's too, gets the stand-in.
    context["csrf_token"] = _TOKEN
    html = response.render().content.decode(response.charset)
    kept_set(key, html)
    response.content = _with_own_token(html, request)
    return response
