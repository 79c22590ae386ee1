"""Who may call the API: a bearer token (`Authorization: Bearer <token>`) of an active ORE lead.

Tokens are Wagtail's (`wagtail.models.APIToken`: only a salted HMAC of each token is stored, with
its name, creation, last use and revocation); `manage.py api_token_create` issues them to ORE
leads only, and Wagtail's `manage.py api_tokens list|revoke` lists and revokes them.

There is no session (cookie) authentication: a signed-in browser cannot be made to call the API
by another site (no CSRF to guard), and a session never stands in for a token. A missing, unknown
or revoked token is a 401; a valid token of someone who is not (or no longer) an active ORE lead
is a 403, so a token stops working the day its owner leaves the role.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from content.roles import ORE_LEADS
from lms.users.models import User


def is_api_user(user: User) -> bool:
    """Active ORE leads (and superusers, who may do everything) may use the API."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=ORE_LEADS).exists()


class NotAllowed(Exception):
    """A valid token whose owner may not use the API (any more)."""

    message = _("This token's owner is not an active ORE lead: the API is for ORE leads only.")


class TokenAuth(BearerTokenAuth):
    openapi_description = "An API token from `manage.py api_token_create` (ORE leads only)."

    def authenticate(self, request: HttpRequest, token: str) -> APIToken | None:
        request.user = AnonymousUser()  # a session cookie never counts, token or not
        if not token or len(token) > 200:
            return None
        api_token = super().authenticate(request, token)
        if api_token is None:
            return None
        request.api_token = api_token
        if not is_api_user(api_token.user):
            raise NotAllowed
        return api_token
