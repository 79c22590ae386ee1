"""Form helpers of every app: strict query strings, and a select drawn without templates."""

from django import forms
from django.utils.html import format_html, format_html_join
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


class ListSelect(forms.Select):
    """A `Select` drawn in Python, for long lists of choices (a department's job classes).

    Django's select draws each option through two templates: for the largest department's
    staff filters that was a third of a page served from the cache. This draws the same markup
    (`django/forms/widgets/select.html`: the select's attributes, ids and aria attributes
    included, optgroups and `selected`) with `format_html`."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            drawn = format_html_join(
                "",
                '\n  <option value="{}"{}>{}</option>\n',
                ((str(o["value"]), _attributes(o["attrs"]), o["label"]) for o in options),
            )
            if group_name:
                drawn = format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, drawn)
            groups.append(drawn)
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            _attributes(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )


def _attributes(attrs: dict) -> str:
    """Attributes in their order, as `django/forms/widgets/attrs.html` draws them: True as the
    bare name, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )
