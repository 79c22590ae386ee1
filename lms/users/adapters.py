"""allauth adapters: accounts come from the roster, never from open signup.

Single sign-on links a person to the roster employee whose email the identity provider has
verified. Whoever cannot be linked gets a page that says why and what to do, never allauth's
generic "Sign up closed"; an identity provider that is down gets a page that offers to try
again or to sign in with a password, and a log line without personal data.
"""

import logging
import time
from http import HTTPStatus

import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.httpkit import clean_client_ip
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render

from .language import preferred_language_activate
from .models import User
from .sign_in import email_addresses_verify

logger = logging.getLogger("lms.users.sign_in")


class RosterAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """The client's address behind TRUSTED_PROXY_COUNT proxies. A request with fewer
        forwarded addresses than trusted proxies did not come through them all (it reached a
        proxy, or the app, directly), so its nearest address is the one to count, not a 500
        (allauth raises ImproperlyConfigured there, and anyone can send such a header)."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning("X-Forwarded-For holds fewer addresses than TRUSTED_PROXY_COUNT")
            forwarded = request.headers.get("x-forwarded-for", "")
            nearest = forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")
            return clean_client_ip(nearest) or request.META.get("REMOTE_ADDR", "")

    def authenticate(self, request, **credentials):
        """allauth's `authenticate`, except that an inactive account with the right password
        answers exactly as a wrong password does (allauth would send it to "account inactive",
        telling anyone who guessed the password that they guessed it)."""
        from allauth.account.auth_backends import AuthenticationBackend

        self.pre_authenticate(request, **credentials)
        AuthenticationBackend.unstash_authenticated_user()
        user = authenticate(request, **credentials)
        # The backend stashes an inactive account whose password matched; drop it.
        AuthenticationBackend.unstash_authenticated_user()
        if user is not None and user.is_active:
            self._rollback_login_failed_rl_usage()
            return user
        self.authentication_failed(request, **credentials)
        return None

    def login(self, request, user) -> None:
        """Signs `user` in and turns their language on for the rest of this request: the
        request began anonymous, so without it "Successfully signed in" and every other message
        of this request would be in the browser's language instead of the employee's."""
        super().login(request, user)
        preferred_language_activate(request, user)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Two-factor set-up (the authenticator app, then its recovery codes) asks for the
        password again only when the person signed in more than ACCOUNT_REAUTHENTICATION_TIMEOUT
        ago: ORE and admin accounts are sent there right after signing in, when asking again
        would prove nothing (allauth counts only explicit re-authentications)."""
        from allauth.account import app_settings as account_settings
        from allauth.account.internal.flows.login import get_authentication_records
        from allauth.core import context

        request = self.request or context.request
        user = getattr(request, "user", None)
        if app == "allauth.mfa" and user is not None and user.is_authenticated:
            records = get_authentication_records(request, user)
            timeout = account_settings.REAUTHENTICATION_TIMEOUT
            if records and time.time() - records[-1]["at"] < timeout:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


def provider_unavailable_response(request, *, provider, step: str, error: Exception):
    """The page for an identity provider that is down, and the log line (no personal data)."""
    status = getattr(getattr(error, "response", None), "status_code", None)
    logger.warning(
        "identity provider unavailable: provider=%s step=%s error=%s status=%s",
        getattr(provider, "id", provider),
        step,
        type(error).__name__,
        status or "-",
    )
    retry_url = provider.get_login_url(request) if hasattr(provider, "get_login_url") else ""
    return render(
        request,
        "socialaccount/provider_unavailable.html",
        {"provider": provider, "retry_url": retry_url},
        status=HTTPStatus.SERVICE_UNAVAILABLE,
    )


def _raise_for_server_error(response, *args, **kwargs):
    # A 5xx from the identity provider is an outage, whatever allauth would make of it.
    if response.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
        response.raise_for_status()


class RosterSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on links to the roster employee with the same email; anyone else is refused."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def get_requests_session(self):
        session = super().get_requests_session()
        session.hooks["response"].append(_raise_for_server_error)
        return session

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        if isinstance(exception, requests.RequestException):
            raise ImmediateHttpResponse(
                provider_unavailable_response(
                    request, provider=provider, step="callback", error=exception
                )
            )
        super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )

    def pre_social_login(self, request, sociallogin):
        """Refuse, with a page saying why, an identity that cannot be linked to the roster."""
        if sociallogin.is_existing:
            matched = getattr(sociallogin, "_did_authenticate_by_email", None)
            user = sociallogin.user
            if matched and user.email.lower() == matched.lower():
                # Linked by an email the provider verified, equal to the one HR or the system
                # owner gave the account (an account made by `createsuperuser` after the data
                # migration has no verified address yet): not a reason to wipe its password.
                email_addresses_verify(user_ids=[user.pk])
            return
        emails = {address.email.lower() for address in sociallogin.email_addresses}
        if sociallogin.user is not None and sociallogin.user.email:
            emails.add(sociallogin.user.email.lower())
        on_roster = User.objects.filter(email__in=emails).exists() if emails else False
        provider = sociallogin.account.provider
        if not on_roster:
            logger.info("single sign-on refused: provider=%s reason=not_on_roster", provider)
            raise ImmediateHttpResponse(not_on_roster_response(request))
        if not any(address.verified for address in sociallogin.email_addresses):
            logger.info("single sign-on refused: provider=%s reason=email_not_verified", provider)
            raise ImmediateHttpResponse(
                render(
                    request,
                    "socialaccount/email_not_verified.html",
                    {"provider": sociallogin.provider},
                    status=HTTPStatus.FORBIDDEN,
                )
            )


def not_on_roster_response(request, *, status: int = HTTPStatus.FORBIDDEN):
    return render(request, "account/signup_closed.html", status=status)
