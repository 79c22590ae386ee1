import contextlib

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


class IdentityProviderUnavailableMiddleware:
    """Turns an identity provider that cannot be reached while single sign-on starts
    (connection refused, timeout, 5xx on discovery) into a clear 503 page instead of a 500.

    allauth handles errors of the callback itself (see `RosterSocialAccountAdapter`); the first
    step, which reads the provider's discovery document, lets them through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        import requests

        match = getattr(request, "resolver_match", None)
        if not isinstance(exception, requests.RequestException) or match is None:
            return None
        if not match.url_name or not match.url_name.startswith("openid_connect_"):
            return None
        from allauth.socialaccount.adapter import get_adapter
        from allauth.socialaccount.models import SocialApp

        from .adapters import provider_unavailable_response

        provider = match.kwargs.get("provider_id", "")
        with contextlib.suppress(SocialApp.DoesNotExist):
            provider = get_adapter(request).get_provider(request, provider)
        return provider_unavailable_response(
            request, provider=provider, step="start", error=exception
        )
