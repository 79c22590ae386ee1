"""`{% tableregion %}`: the one way a data table is put on a page.

A table wider than the screen scrolls inside its own region, never the page (WCAG 1.4.10
Reflow); the region is named by the table's caption and reachable by Tab, so keyboard users can
scroll it too (WCAG 2.1.1). Give the caption an id and name it:

    {% load tables %}
    {% tableregion "staff-caption" %}
    <table><caption id="staff-caption">…</caption>…</table>
    {% endtableregion %}

Several parts are joined with hyphens, for ids made in a loop:
`{% tableregion "cycles" forloop.counter %}` names `<caption id="cycles-{{ forloop.counter }}">`.
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_block_tag
def tableregion(content, *label_parts):
    return render_to_string(
        "includes/table_region.html",
        {"content": content, "label_id": "-".join(str(part) for part in label_parts)},
    )
