"""Wagtail imports this module at start-up: the figures analytics adds to the workbench."""

from analytics import department  # noqa: F401  (registers its hook)
