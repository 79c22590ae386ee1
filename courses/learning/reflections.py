"""Reflection prompts: what a learner wrote, private to them.

A reflection is free text a learner writes in answer to a reflection block of a lesson. It is
saved for them alone: never graded, never listed in the admin, never in a report.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.learning.models import LessonPage, ReflectionResponse
from lms.users.models import User

REFLECTION_MAX_LENGTH = 5000


def reflections_for_lesson(*, user: User, lesson: LessonPage) -> dict[str, str]:
    """block id → the text `user` saved for that reflection block of `lesson`. One query."""
    if not user.is_authenticated:
        return {}
    return dict(
        ReflectionResponse.objects.filter(user=user, lesson=lesson).values_list("block_id", "text")
    )


def reflection_prompt_get(*, lesson: LessonPage, block_id: str) -> str | None:
    """The prompt of the reflection block `block_id` in the LIVE body of `lesson`, or None.

    One query: the lesson row holds its published content, whatever drafts exist since.
    """
    live = LessonPage.objects.live().filter(pk=lesson.pk).only("pk", "body").first()
    if live is None:
        return None
    for block in live.body:
        if block.block_type == "reflection" and str(block.id) == str(block_id):
            return block.value["prompt"]
    return None


@transaction.atomic
def reflection_save(
    *,
    user: User,
    lesson: LessonPage,
    block_id: str,
    text: str,
    as_of: datetime | None = None,
) -> ReflectionResponse | None:
    """Saves what `user` wrote to the reflection block `block_id` of `lesson`: an upsert.

    One row per learner, lesson and block; saving again replaces the text. Saving empty text
    deletes the learner's reflection and returns None; otherwise returns the saved row.

    Raises ValidationError, saving nothing, when `block_id` is not a reflection block of the
    live lesson, or when the text is longer than REFLECTION_MAX_LENGTH characters.
    """
    if reflection_prompt_get(lesson=lesson, block_id=block_id) is None:
        raise ValidationError(
            _("This reflection is not part of the lesson any more. Reload the page."),
            code="unknown_block",
        )
    # Browsers send line breaks as CRLF but count them as one character against maxlength.
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > REFLECTION_MAX_LENGTH:
        raise ValidationError(
            _("Keep your reflection to %(limit)s characters or fewer (it has %(length)s).")
            % {"limit": REFLECTION_MAX_LENGTH, "length": len(text)},
            code="too_long",
        )
    if not text:
        ReflectionResponse.objects.filter(user=user, lesson=lesson, block_id=block_id).delete()
        return None
    reflection, _created = ReflectionResponse.objects.update_or_create(
        user=user,
        lesson=lesson,
        block_id=str(block_id),
        defaults={"text": text, "updated_at": as_of or timezone.now()},
    )
    return reflection
