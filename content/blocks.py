"""StreamField blocks of the content app, one small class each."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

LANGUAGE_CHOICES = [("en", _("English")), ("es", _("Spanish"))]


class SourceBlock(blocks.StructBlock):
    citation = blocks.CharBlock(label=_("Citation"), max_length=500)
    url = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "link"
        label = _("Source")
        template = "content/blocks/source.html"
        description = _("Where a definition comes from: a citation and, if any, a link.")


class ResourceFileBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("File"))
    label = blocks.CharBlock(label=_("Label"), max_length=200)
    language = blocks.ChoiceBlock(label=_("Language"), choices=LANGUAGE_CHOICES, default="en")

    class Meta:
        icon = "doc-full"
        label = _("File")
        description = _("A downloadable file (PDF, spreadsheet, document) in one language.")


class ResourceLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Address"))
    label = blocks.CharBlock(label=_("Label"), max_length=200)
    language = blocks.ChoiceBlock(label=_("Language"), choices=LANGUAGE_CHOICES, default="en")

    class Meta:
        icon = "link"
        label = _("Link")
        description = _("A link to a tool or page elsewhere.")


class RelatedCourseBlock(blocks.PageChooserBlock):
    """A course, chosen by page type name so that content never imports the courses app."""

    def __init__(self, **kwargs):
        super().__init__(page_type="courses.CoursePage", **kwargs)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Course")


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
        from django.utils.translation import get_language

        from .selectors.glossary import glossary_term_link_get

        context = super().get_context(value, parent_context=parent_context)
        context["link"] = glossary_term_link_get(
            page=value.get("term"),
            language=get_language(),
            request=(parent_context or {}).get("request"),
        )
        context["label"] = (value.get("label") or "").strip()
        return context
