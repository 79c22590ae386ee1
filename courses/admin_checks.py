"""Admin screens for knowledge-check results (registered on import by wagtail_hooks)."""
