"""Writes for the content app, one module per capability."""

from .roles import ORE_ANALYSTS, ORE_EDITORS, ORE_LEADS, roles_ensure

__all__ = ["ORE_ANALYSTS", "ORE_EDITORS", "ORE_LEADS", "roles_ensure"]
