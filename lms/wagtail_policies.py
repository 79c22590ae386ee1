"""Permission policies shared by admin screens of records that must stay on record."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy


class KeepOnRecordPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody adds or deletes these rows in the admin:
    they come from a workflow (a request, a completion) and stay for the history."""

    _REFUSED = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        if action in self._REFUSED:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self._REFUSED]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
