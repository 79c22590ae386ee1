import contextlib

from django.conf import settings

from .language import preferred_language_activate


class PreferredLanguageMiddleware:
    """Uses a signed-in employee's roster language until they pick one with the switcher.

    Signing in calls `preferred_language_activate` too (lms.users.adapters), since the request
    that signs someone in started before anyone was signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        preferred_language_activate(request, getattr(request, "user", None))
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


class StaffTwoFactorRequiredMiddleware:
    """ORE and admin accounts must have an authenticator app before they reach anything else.

    With MFA_REQUIRED_FOR_STAFF on, a signed-in superuser, Django-admin user, Wagtail-admin user
    or ORE analyst without a TOTP authenticator is sent to set one up; only that page, the rest
    of two-factor set-up, sign-out and the language switch stay open. Whoever has one is asked
    for a code at every sign-in by allauth itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user is not None
            and user.is_authenticated
            and needs_two_factor(user)  # before the URL checks: learners skip their reverse()s
            and not self._is_open(request.path_info)
            and not has_authenticator_app(user)
        ):
            from django.shortcuts import redirect

            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        from django.urls import reverse

        open_paths = (
            reverse("mfa_index"),
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            reverse("set_language"),
            settings.STATIC_URL,
        )
        return path.startswith(open_paths) or path == reverse("health")


def needs_two_factor(user) -> bool:
    """ORE and admin roles: superusers, staff, Wagtail-admin users and ORE analysts.

    Runs on every signed-in request: the flags on the user row decide first, then the one
    roles query the navigation needs anyway (lms.users.roles), so a learner costs nothing more.
    """
    if user.is_superuser or user.is_staff:
        return True
    from .roles import site_roles_of

    roles = site_roles_of(user)
    return roles.is_ore or roles.can_admin


def has_authenticator_app(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
