"""`{% site_header %}`: the site's header, rendered once per kind of page and reader.

Every page has the same header, but for a few things: the reader's language, which section of
the site the page is in (marked `aria-current`), whether they are signed in and which of the
navigation's roles they hold, the CSRF token of its two forms and the address the language form
returns to. Rendering it was a quarter of a lesson page's template time (translations, URL
reversals, the CSRF token), the same for every reader of a kind.

So the header is rendered with stand-ins for the token and the address, and kept in this
process's memory under everything else it depends on (the language, the section, signing-in,
the three roles, the URL configuration and script prefix); each page then puts its own token
and its own address, escaped, in place of the stand-ins. What is kept changes only with the code
and its translations, which a new process reads. With DEBUG on, the header is rendered afresh
every time, so a template edit shows at once.

includes/site_header.html may use only what `_fragment_context` gives it.
"""

import secrets

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Stand-ins made of letters and digits, so that escaping leaves them as they are; random per
# process, so that no page's own text can contain them by chance or design.
_TOKEN = f"csrf{secrets.token_hex(16)}"
_NEXT = f"next{secrets.token_hex(16)}"
_TOKEN_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_TOKEN}">'

# (path prefix, section): the first that the page's path starts with is marked current;
# "/learn/" only on My learning itself (a course's pages are not My learning).
_SECTIONS = (
    ("/glossary/", "glossary"),
    ("/resources/", "resources"),
    ("/sessions/", "sessions"),
    ("/ta/", "ta"),
    ("/liaison/", "liaison"),
    ("/analytics/", "analytics"),
)
_KEPT_MAX = 1024  # far more kinds than there are; a bound all the same
_kept: dict[tuple, str] = {}


def section_of(path: str) -> str:
    """The section of the site that `path` is in, as the navigation marks it ("" for none)."""
    if path == "/learn/":
        return "learn"
    return next((name for prefix, name in _SECTIONS if path.startswith(prefix)), "")


def _fragment_context(context) -> dict:
    request = context.get("request")
    user = context.get("user")
    return {
        "LANGUAGE_CODE": get_language(),
        "current": section_of(request.path) if request is not None else "",
        "is_authenticated": bool(user is not None and user.is_authenticated),
        "nav_is_liaison": bool(context.get("nav_is_liaison")),
        "nav_is_ore": bool(context.get("nav_is_ore")),
        "nav_can_admin": bool(context.get("nav_can_admin")),
        "csrf_token": _TOKEN,
        "next_path": _NEXT,
    }


def _rendered(values: dict) -> str:
    return get_template("includes/site_header.html").render(values).strip()


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    values = _fragment_context(context)
    if settings.DEBUG:
        html = _rendered(values)
    else:
        key = (
            get_urlconf(),
            get_script_prefix(),
            *(values[name] for name in sorted(values) if name not in ("csrf_token", "next_path")),
        )
        html = _kept.get(key)
        if html is None:
            if len(_kept) >= _KEPT_MAX:
                _kept.clear()
            html = _kept[key] = _rendered(values)
    token = context.get("csrf_token")
    if token and str(token) != "NOTPROVIDED":
        html = html.replace(_TOKEN, escape(str(token)))
    else:  # as {% csrf_token %} does without a token: no field at all
        html = html.replace(_TOKEN_INPUT, "")
    request = context.get("request")
    next_path = escape(request.get_full_path()) if request is not None else ""
    return mark_safe(html.replace(_NEXT, next_path))  # noqa: S308 - escaped above
