"""Form helpers of every app: strict query strings."""

from django import forms
from django.utils.translation import gettext_lazy as _


def query_parameters_check(form: forms.Form, *, other_parameters) -> None:
    """Adds a form error naming the query parameters `form` does not know (besides
    `other_parameters`, e.g. the page number) and those given more than once."""
    if not form.data:
        return
    allowed = set(form.fields) | set(other_parameters)
    unknown = sorted(key for key in form.data if key not in allowed)
    if unknown:
        form.add_error(
            None, _("These filters do not exist: %(names)s.") % {"names": ", ".join(unknown)}
        )
    repeated = sorted(
        key for key in form.data if key in allowed and len(form.data.getlist(key)) > 1
    )
    if repeated:
        form.add_error(
            None, _("Give each filter once: %(names)s.") % {"names": ", ".join(repeated)}
        )
