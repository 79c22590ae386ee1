"""The building blocks of a lesson body, one small class each."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

LESSON_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "blockquote"]


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=LESSON_RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "courses/blocks/text.html"
        description = _("Paragraphs, headings, lists and links.")
        preview_value = "<p>Implicit bias is an automatic association.</p>"


class FigureBlock(blocks.StructBlock):
    """An image that always carries alt text written for this lesson."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=400,
        help_text=_("What the image shows and means, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image with alt text")
        template = "courses/blocks/figure.html"
        description = _("An image with required alternative text and an optional caption.")


class VideoBlock(blocks.StructBlock):
    """A video file with a captions track and a transcript, so no one depends on sound or sight."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"))
    captions = DocumentChooserBlock(label=_("Captions (WebVTT file)"))
    captions_language = blocks.ChoiceBlock(
        label=_("Captions language"),
        choices=[("en", _("English")), ("es", _("Spanish"))],
        default="en",
    )
    transcript = blocks.RichTextBlock(label=_("Transcript"), features=LESSON_RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        label = _("Captioned video")
        template = "courses/blocks/video.html"
        description = _("A video with captions and a full transcript.")


class TranscriptBlock(blocks.StructBlock):
    """A recorded account told in text: the transcript is the content, no media needed."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=200, required=False)
    text = blocks.RichTextBlock(label=_("Transcript"), features=LESSON_RICH_TEXT_FEATURES)

    class Meta:
        icon = "openquote"
        label = _("Transcript")
        template = "courses/blocks/transcript.html"
        description = _("A first-person account or a recording, as text.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("reflect", _("Reflect")),
            ("tip", _("Tip")),
            ("important", _("Important")),
        ],
        default="reflect",
    )
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "courses/blocks/callout.html"
        description = _("A highlighted reflection question, tip or warning.")


class LessonBodyBlock(blocks.StreamBlock):
    text = TextBlock()
    image = FigureBlock()
    video = VideoBlock()
    transcript = TranscriptBlock()
    callout = CalloutBlock()
