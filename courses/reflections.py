"""Reflection prompts: what a learner wrote, private to them."""


def reflections_for_lesson(*, user, lesson) -> dict:
    """block id → the learner's saved text (filled in by the evaluation work)."""
    return {}
