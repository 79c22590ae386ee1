"""Admin screens for certificates (registered on import by wagtail_hooks)."""
