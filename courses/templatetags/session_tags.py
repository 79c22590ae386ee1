"""Template tags for live sessions on other pages (the course page)."""

from django import template
from django.utils import timezone

from ..selectors_sessions import session_list_upcoming_for_user

register = template.Library()


@register.inclusion_tag("courses/sessions/course_sessions.html", takes_context=True)
def course_sessions(context, course):
    """The upcoming sessions of `course` open to the reader, with seats left or their status."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"rows": []}
    rows = session_list_upcoming_for_user(user=user, as_of=timezone.now(), course=course)
    return {"rows": rows, "request": request}
