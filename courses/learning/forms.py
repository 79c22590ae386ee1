"""Reading a submitted knowledge check out of the POST data.

The form only parses: which attempt the page was showing, and the chosen answers by question id.
Whether those ids belong to the check, and whether every question is answered, is decided by
`courses.attempts.check_attempt_submit`, so a forged form meets the same rules as a real one.

Forms for the pre- and post-assessment, the feedback survey and reflection prompts.

They parse what the learner sent; the rules (what is open, once per run, the limits) are the
services' in `evaluation.py` and `reflections.py`, which check again whatever a form let through.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.learning.attempts import ANSWER_FIELD_PREFIX
from courses.learning.checks import QuestionSpec
from courses.learning.evaluation import COMMENT_MAX_LENGTH, LIKERT_QUESTIONS, LIKERT_SCALE
from courses.learning.reflections import REFLECTION_MAX_LENGTH


class CheckSubmissionForm(forms.Form):
    """The attempt number the form was shown for; the answers are read by `answers()`."""

    attempt = forms.IntegerField(
        min_value=1,
        max_value=32767,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form is out of date. Reload the page and answer again."),
            "invalid": _("This form is out of date. Reload the page and answer again."),
            "min_value": _("This form is out of date. Reload the page and answer again."),
            "max_value": _("This form is out of date. Reload the page and answer again."),
        },
    )

    def answers(self) -> dict[str, list[str]]:
        """question id → chosen choice ids, for every answer field in the data.

        Unknown ids are kept, so the service sees them and refuses the submission.
        """
        answers: dict[str, list[str]] = {}
        for key in self.data:
            if not key.startswith(ANSWER_FIELD_PREFIX):
                continue
            question_id = key.removeprefix(ANSWER_FIELD_PREFIX)
            answers[question_id] = [value for value in self.data.getlist(key) if value]
        return answers

    def error_message(self) -> str:
        """The form's errors as one sentence for the learner."""
        return " ".join(str(message) for errors in self.errors.values() for message in errors)


QUESTION_PREFIX = "q-"


def _without_crlf(text: str) -> str:
    return (text or "").replace("\r\n", "\n")


class AssessmentForm(forms.Form):
    """One field per question of the bank: radio buttons for one answer, checkboxes for many."""

    def __init__(self, *args, questions: tuple[QuestionSpec, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = [(choice.id, choice.text) for choice in question.choices]
            messages = {
                "required": _("Answer this question."),
                "invalid_choice": _("Choose one of the answers shown."),
                "invalid_list": _("Choose one of the answers shown."),
            }
            if question.kind == "multiple":
                field: forms.Field = forms.MultipleChoiceField(
                    label=question.prompt,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages=messages,
                    help_text=_("Choose all that apply."),
                )
            else:
                field = forms.ChoiceField(
                    label=question.prompt,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages=messages,
                )
            self.fields[f"{QUESTION_PREFIX}{question.id}"] = field

    def clean(self):
        cleaned = super().clean()
        sent = {key for key in self.data if key.startswith(QUESTION_PREFIX)}
        if sent - set(self.fields):
            raise forms.ValidationError(
                _("These answers do not belong to this assessment. Reload the page and try again."),
                code="invalid",
            )
        return cleaned

    def answers(self) -> dict[str, list[str]]:
        """question id → chosen choice ids, from the cleaned data."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"{QUESTION_PREFIX}{question.id}")
            answers[question.id] = list(value) if isinstance(value, list) else [value]
        return answers

    def question_fields(self) -> list[tuple[QuestionSpec, forms.BoundField]]:
        """Each question with its bound field, in bank order, for the template."""
        return [(q, self[f"{QUESTION_PREFIX}{q.id}"]) for q in self.questions]


class FeedbackForm(forms.Form):
    """The end-of-course survey: agreement with each statement, and an optional comment."""

    comment = forms.CharField(
        label=_("Anything else you would like to tell us? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": COMMENT_MAX_LENGTH}),
        help_text=_("Please do not include names or anything that identifies you or others."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = {}
        for key, statement in LIKERT_QUESTIONS:
            ratings[key] = forms.TypedChoiceField(
                label=statement,
                choices=[(str(value), label) for value, label in LIKERT_SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how much you agree."),
                    "invalid_choice": _("Choose one of the answers shown."),
                },
            )
        # The statements come first, the comment last.
        self.fields = {**ratings, "comment": self.fields["comment"]}

    def clean_comment(self) -> str:
        comment = _without_crlf(self.cleaned_data.get("comment", ""))
        if len(comment) > COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                _("Keep your comment to %(limit)s characters or fewer (it has %(length)s)."),
                params={"limit": COMMENT_MAX_LENGTH, "length": len(comment)},
                code="max_length",
            )
        return comment

    def ratings(self) -> dict[str, int]:
        """statement key → 1..5, from the cleaned data."""
        return {key: self.cleaned_data[key] for key, _statement in LIKERT_QUESTIONS}

    def rating_fields(self) -> list[forms.BoundField]:
        return [self[key] for key, _statement in LIKERT_QUESTIONS]


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": REFLECTION_MAX_LENGTH}),
    )

    def clean_text(self) -> str:
        text = _without_crlf(self.cleaned_data.get("text", ""))
        if len(text) > REFLECTION_MAX_LENGTH:
            raise forms.ValidationError(
                _("Keep your reflection to %(limit)s characters or fewer (it has %(length)s)."),
                params={"limit": REFLECTION_MAX_LENGTH, "length": len(text)},
                code="max_length",
            )
        return text
