"""allauth adapters: accounts come from the roster, never from open signup."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class RosterAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False


class RosterSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on links to the roster employee with the same email; anyone else is refused."""

    def is_open_for_signup(self, request, sociallogin):
        return False
