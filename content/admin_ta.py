"""Wagtail admin screens for TA request triage (registered on import by wagtail_hooks)."""
