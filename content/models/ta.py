"""Migration 0003_glossary_resources_ta names `content.models.ta.private_storage`: the same object,
kept importable here. The TA models live in content/ta/models.py."""

from content.ta.models import private_storage

__all__ = ["private_storage"]
