"""Registers the content app's admin screens (each in its feature's admin.py) and the page hooks
its page models call (each in its feature's views.py: lms/page_hooks.py)."""

from content.glossary import views as glossary_views  # noqa: F401  (page hooks)
from content.resources import views as resources_views  # noqa: F401  (page hooks)
from content.ta import admin  # noqa: F401  (the TA requests' viewset and permission policy)
