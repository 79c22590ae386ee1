"""Admin screens for evaluation results (registered on import by wagtail_hooks)."""
