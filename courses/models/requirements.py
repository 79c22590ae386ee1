"""Migration 0005 names `courses.models.requirements._today` (a requirement's default start)."""

from courses.compliance.models import _today

__all__ = ["_today"]
