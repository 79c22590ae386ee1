"""Template tags for lesson pages."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from content.glossary.services import glossary_autolink

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_richtext(context, value):
    """Renders rich text, linking the first use in the lesson of each adopted glossary term.

    The lesson page puts `glossary_autolink` in the context: a dict whose "terms" list is
    shared by all blocks of the page (include_block copies the context, not the dict), so a
    term linked in one block is not linked again in the next.
    """
    html = expand_db_html(value.source if hasattr(value, "source") else str(value))
    state = context.get("glossary_autolink")
    if not state or not state["terms"]:
        return mark_safe(html)  # noqa: S308 - rich text from the editor, as |richtext renders it
    linked = glossary_autolink(html, state["terms"])
    state["terms"][:] = [
        term
        for term in state["terms"]
        if linked.count(f'href="{term.url}"') == html.count(f'href="{term.url}"')
    ]
    return mark_safe(linked)  # noqa: S308 - the editor's rich text plus our own links
