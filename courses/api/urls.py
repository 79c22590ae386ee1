"""The automation API's URLs, mounted at /api/ by lms/urls.py (after the glossary's open data,
whose paths it does not share). Every call is logged: route, status, token and user ids, never
a name or the values in the path."""

import logging
import time
from functools import wraps

from django.urls import URLPattern

from courses.api.api import api

logger = logging.getLogger("courses.api")


def _logged(view, route: str):
    @wraps(view)
    def call(request, *args, **kwargs):
        started = time.perf_counter()
        response = view(request, *args, **kwargs)
        token = getattr(request, "api_token", None)
        logger.info(
            "api %s /api/%s -> %s token=%s user=%s %.0f ms",
            request.method,
            route,
            response.status_code,
            token.pk if token else "-",
            token.user_id if token else "-",
            (time.perf_counter() - started) * 1000,
        )
        return response

    return call


def _patterns():
    patterns, _app_name, namespace = api.urls
    return namespace, [
        URLPattern(
            pattern.pattern,
            _logged(pattern.callback, str(pattern.pattern)),
            pattern.default_args,
            pattern.name,
        )
        for pattern in patterns
    ]


app_name, urlpatterns = _patterns()
