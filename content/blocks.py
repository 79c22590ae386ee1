"""StreamField blocks the content page models are made of, one small class each; they read nothing
(the glossary-term block, which does, is in content/glossary/blocks.py)."""

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
