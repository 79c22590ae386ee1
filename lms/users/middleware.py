from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """Uses a signed-in employee's roster language until they pick one with the switcher."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if not chosen and user is not None and user.is_authenticated:
            language = (user.preferred_language or "").split("-")[0].lower()
            if language in self.supported:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
