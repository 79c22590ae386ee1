"""Writes of the ORE automation API: issuing tokens (Wagtail's APIToken) to ORE leads."""

from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import APIToken

from courses.api.auth import is_api_user
from lms.users.models import User


class TokenRefused(Exception):
    """The token cannot be issued (its owner is not an active ORE lead, or it has no name)."""


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[APIToken, str]:
    """A new API token for `user`, named `name`: returns the row and the token itself, which is
    never stored (only its HMAC) and so is shown once.

    Raises TokenRefused when `user` is not an active ORE lead (or superuser) or `name` is blank.
    """
    name = name.strip()
    if not name:
        raise TokenRefused("A token needs a name: what it is for.")
    if not is_api_user(user):
        raise TokenRefused("Only active ORE leads may hold API tokens.")
    row, token = APIToken.create_token(user=user, name=name)
    log(row, "wagtail.apitoken.create", data={"source": "api_token_create"})
    return row, token
