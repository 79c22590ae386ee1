"""The language a signed-in employee reads in: their roster language, unless they chose one."""

from django.conf import settings
from django.utils import translation


def preferred_language_activate(request, user) -> None:
    """Turns `user`'s roster language on for the rest of `request`, unless the person picked a
    language with the switcher (its cookie) or the roster's language is not one we offer."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return
    if user is None or not user.is_authenticated:
        return
    language = (user.preferred_language or "").split("-")[0].lower()
    if language in {code for code, _name in settings.LANGUAGES}:
        translation.activate(language)
        request.LANGUAGE_CODE = language
