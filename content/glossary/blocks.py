"""The glossary-term block of lessons and pages: a term linked to its entry, with its short
definition. Kept out of content/blocks.py, whose blocks make up the page models, because it reads
the glossary (its selectors import the page models)."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from content.glossary.selectors import glossary_term_link_get


class GlossaryTermBlock(blocks.StructBlock):
    """A glossary term in running content: a real link to its entry with its short definition
    inline, in the reader's language when the term is translated. Never a hover-only tooltip."""

    term = blocks.PageChooserBlock(label=_("Term"), page_type="content.TermPage")
    label = blocks.CharBlock(
        label=_("Words to show"),
        max_length=200,
        required=False,
        help_text=_("Leave blank to show the term's name."),
    )

    class Meta:
        icon = "openquote"
        label = _("Glossary term")
        template = "content/blocks/glossary_term.html"
        description = _("A term from the glossary, linked, with its short definition.")
        preview_value = {"label": "implicit bias"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["link"] = glossary_term_link_get(
            page=value.get("term"),
            language=get_language(),
            request=(parent_context or {}).get("request"),
        )
        context["label"] = (value.get("label") or "").strip()
        return context
