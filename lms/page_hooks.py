"""What a page shows is read by its feature's selectors, and the selectors import the page
models: so a page model never imports them. It calls the function registered for a Wagtail hook
named after what it needs ("content_glossary_index_context", ...), which the feature's views
module registers with `@hooks.register(...)`; Wagtail imports every app's wagtail_hooks.py,
which imports those views modules, before the first page is served."""

from collections.abc import Callable
from typing import Any

from wagtail import hooks


def page_hook(name: str) -> Callable[..., Any]:
    """The one function registered for the hook `name` (an error if none or several are)."""
    registered = hooks.get_hooks(name)
    if len(registered) != 1:
        raise LookupError(f"{len(registered)} functions are registered for page hook {name!r}")
    return registered[0]
