"""Registers the content app's admin screens; each lives in its feature's admin.py."""

from content.ta import admin  # noqa: F401  (the TA requests' viewset and permission policy)
