"""Registers the content app's admin screens; each lives in its own module."""

from . import admin_ta  # noqa: F401
