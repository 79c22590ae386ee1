"""Signals other apps listen to (analytics keeps its snapshots fresh with them)."""

from django.dispatch import Signal

# Sent after a refresh of stale assignments stored changes. Arguments: `touched`, a dict of
# requirement id -> the earliest date whose figures may have moved; `as_of`, the refresh date.
assignments_changed = Signal()
