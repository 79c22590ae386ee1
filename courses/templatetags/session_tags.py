"""Template tags for live sessions: their name in the reader's language, and the sessions of a
course on its page."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from courses.sessions.selectors import session_list_upcoming_for_user

register = template.Library()


@register.simple_tag
def session_name(session, course_title=""):
    """The session's title in the reader's language (`LiveSession.display_title`), inside
    `<span lang="en">` when it is the English title shown to a reader of another language;
    `course_title` when the session has no title of its own. For HTML, not for <title>."""
    title = session.display_title
    if not title:
        return course_title
    if session.display_title_lang:
        return format_html('<span lang="{}">{}</span>', session.display_title_lang, title)
    return title


@register.inclusion_tag("courses/sessions/course_sessions.html", takes_context=True)
def course_sessions(context, course):
    """The upcoming sessions of `course` open to the reader, with seats left or their status."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"rows": []}
    rows = session_list_upcoming_for_user(user=user, as_of=timezone.now(), course=course)
    return {"rows": rows, "request": request}
