"""One number that changes whenever what the liaison's workbench shows may have changed.

Stored assignments and the roster are the workbench's sources: every write to them bumps the
version, at once and again when the transaction commits (a page built in between would otherwise
be cached under the new number with the old figures). Caches key on it, so a cached figure is
never older than the last change, and there is nothing to invalidate by hand.
"""

from django.core.cache import cache
from django.db import transaction

KEY = "courses:compliance-version"


def compliance_version() -> int:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, 1, timeout=None)
        version = cache.get(KEY, 1)
    return version


def compliance_version_bump() -> None:
    _bump()
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not there yet (or evicted): any new number will do
        cache.add(KEY, 1, timeout=None)
