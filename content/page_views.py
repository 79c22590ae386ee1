"""What a page shows is read by its feature's selectors, and the selectors import the page models;
so a page model asks for the function that reads it by name, as a service asks for a task by name
(lms/queueing.py), and never imports the selectors or views itself. The functions live in the
feature's views.py (`content.glossary.views.glossary_index_context`, ...)."""

from collections.abc import Callable
from functools import cache
from typing import Any

from django.utils.module_loading import import_string


@cache
def page_view(name: str) -> Callable[..., Any]:
    """The function named `name` (a dotted path): called with the page, the request, ..."""
    return import_string(name)
