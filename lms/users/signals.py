"""Signals the people app sends, so apps above it can react without it importing them."""

from django.dispatch import Signal

# Sent inside the import's transaction with `user_ids`: everyone the import created, changed,
# deactivated or re-linked to a supervisor (and those supervisors).
roster_changed = Signal()
