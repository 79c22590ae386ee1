"""The building blocks of a lesson body, one small class each."""

import html

import filetype
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from content.glossary.blocks import GlossaryTermBlock

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


def _struct_error(field: str, message: str) -> StructBlockValidationError:
    return StructBlockValidationError(block_errors={field: ErrorList([ValidationError(message)])})


# What a video block plays: the kinds filetype reads from the bytes (an .mp4 may say M4V).
VIDEO_KINDS = {"mp4", "m4v", "webm"}
# What an audio block plays: recordings every current browser's <audio> plays (an audio-only
# WebM or MP4 reads as video to filetype).
AUDIO_KINDS = {"mp3", "m4a", "ogg", "wav", "webm", "mp4"}
_HEAD_SIZE = 8192


def _document_head(document) -> bytes:
    """The document's first bytes (empty if its file cannot be read)."""
    try:
        with document.file.open("rb") as stream:
            return stream.read(_HEAD_SIZE)
    except (OSError, ValueError):
        return b""


def _is_video(document) -> bool:
    kind = filetype.video_match(_document_head(document))
    return kind is not None and kind.extension in VIDEO_KINDS


def _is_audio(document) -> bool:
    head = _document_head(document)
    kind = filetype.audio_match(head) or filetype.video_match(head)
    return kind is not None and kind.extension in AUDIO_KINDS


def _is_webvtt(document) -> bool:
    head = _document_head(document).removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark
    return head.startswith(b"WEBVTT") and head[6:7] in (b"", b" ", b"\t", b"\n", b"\r")


def _has_text(rich_text) -> bool:
    """Whether rich text says anything. An editor left empty still sends an empty paragraph
    (`<p data-block-key="..."></p>`), which is markup, not a transcript."""
    if not rich_text:
        return False
    return bool(html.unescape(strip_tags(rich_text.source)).strip())


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"
        description = _("A section heading, so screen-reader users can jump between parts.")


class VideoBlock(blocks.StructBlock):
    """A video, uploaded or embedded, that cannot be saved without captions or a transcript."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"), required=False)
    embed = EmbedBlock(label=_("Or a video address to embed"), required=False)
    captions = DocumentChooserBlock(label=_("Captions (WebVTT file)"), required=False)
    captions_language = blocks.ChoiceBlock(
        label=_("Captions language"),
        choices=[("en", _("English")), ("es", _("Spanish"))],
        default="en",
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), features=LESSON_RICH_TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"
        description = _("A video with captions, a full transcript, or both.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("video")) == bool(value.get("embed")):
            raise _struct_error(
                "video", _("Choose a video file or an embed address (one of them).")
            )
        # Judged by the bytes, not the name: a PDF renamed .mp4 is not a video.
        if value.get("video") and not _is_video(value["video"]):
            raise _struct_error("video", _("The video file must be an MP4 or WebM video."))
        if value.get("captions") and not _is_webvtt(value["captions"]):
            raise _struct_error(
                "captions",
                _("Captions must be a WebVTT file (its first line starts with WEBVTT)."),
            )
        # Checked on drafts and autosaves too (Wagtail defers only "required" checks there): a
        # saved draft is what gets previewed, translated and published later.
        if not value.get("captions") and not _has_text(value.get("transcript")):
            raise _struct_error(
                "transcript", _("A video needs captions or a transcript before it can be saved.")
            )
        return value

    # Translation (wagtail-localize): its extractor reads `.url` of every embed, but a video
    # with an uploaded file has no embed (None). Children without a value have nothing to
    # translate or synchronise, so they are left out; the rest go through wagtail-localize.
    def get_translatable_segments(self, value):
        from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

        extractor = StreamFieldSegmentExtractor(None, include_overridables=True)
        segments = []
        for name, child_value in value.items():
            if child_value is None:
                continue
            child = self.child_blocks[name]
            segments.extend(
                segment.wrap(name) for segment in extractor.handle_block(child, child_value)
            )
        return segments

    def restore_translated_segments(self, value, segments):
        from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

        return StreamFieldSegmentsWriter(None, None, None).handle_struct_block(value, segments)


class AudioBlock(blocks.StructBlock):
    """A recording browsers play (judged by its bytes) and its full transcript, on every save."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    audio = DocumentChooserBlock(label=_("Audio file (MP3, M4A, Ogg, WAV or WebM)"))
    transcript = blocks.RichTextBlock(label=_("Transcript"), features=LESSON_RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        label = _("Audio with transcript")
        template = "courses/blocks/audio.html"
        description = _("A recording and its full transcript.")

    def clean(self, value):
        value = super().clean(value)
        if value.get("audio") and not _is_audio(value["audio"]):
            raise _struct_error(
                "audio", _("The audio file must be an MP3, M4A, Ogg, WAV or WebM recording.")
            )
        if not _has_text(value.get("transcript")):
            raise _struct_error(
                "transcript", _("A recording needs its transcript before it can be saved.")
            )
        return value


class HandoutBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("File"))
    label = blocks.CharBlock(label=_("Label"), max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Handout")
        template = "courses/blocks/handout.html"
        description = _("A file learners can download.")


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Prompt"), max_length=1000)

    class Meta:
        icon = "edit"
        label = _("Reflection prompt")
        template = "courses/blocks/reflection.html"
        description = _(
            "A question learners answer in their own words, saved privately, never graded."
        )


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=500)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback when chosen"), max_length=500, required=False)

    class Meta:
        icon = "radio-empty"
        label = _("Answer")


QUESTION_KINDS = [
    ("single", _("Single choice")),
    ("multiple", _("Multiple choice (all that apply)")),
    ("true_false", _("True or false")),
]


class QuestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=QUESTION_KINDS, default="single")
    prompt = blocks.TextBlock(label=_("Question"), max_length=1000)
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("Answers"), min_num=2, max_num=8)
    explanation = blocks.TextBlock(
        label=_("Explanation shown after answering"), max_length=1000, required=False
    )

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["is_correct"])
        if value["kind"] in {"single", "true_false"} and correct != 1:
            raise _struct_error("choices", _("Mark exactly one answer as correct."))
        if value["kind"] == "multiple" and correct < 1:
            raise _struct_error("choices", _("Mark at least one answer as correct."))
        if value["kind"] == "true_false" and len(value["choices"]) != 2:
            raise _struct_error("choices", _("A true-or-false question has exactly two answers."))
        return value


class KnowledgeCheckBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, default=_("Check your understanding")
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Leave empty to use the course's pass mark."),
    )
    is_scored = blocks.BooleanBlock(
        label=_("Must be passed to complete the course"), required=False, default=True
    )
    shuffle_questions = blocks.BooleanBlock(label=_("Shuffle questions"), required=False)
    shuffle_answers = blocks.BooleanBlock(label=_("Shuffle answers"), required=False)

    class Meta:
        icon = "tasks"
        label = _("Knowledge check")
        template = "courses/blocks/knowledge_check.html"
        description = _("Questions with feedback; a scored check must be passed to complete.")


class AssessmentBankBlock(blocks.StreamBlock):
    question = QuestionBlock()

    class Meta:
        label = _("Question bank")


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
    heading = HeadingBlock()
    image = FigureBlock()
    video = VideoBlock()
    audio = AudioBlock()
    transcript = TranscriptBlock()
    callout = CalloutBlock()
    reflection = ReflectionBlock()
    handout = HandoutBlock()
    glossary_term = GlossaryTermBlock()
    knowledge_check = KnowledgeCheckBlock()
