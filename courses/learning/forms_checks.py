"""Reading a submitted knowledge check out of the POST data.

The form only parses: which attempt the page was showing, and the chosen answers by question id.
Whether those ids belong to the check, and whether every question is answered, is decided by
`courses.attempts.check_attempt_submit`, so a forged form meets the same rules as a real one.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.learning.attempts import ANSWER_FIELD_PREFIX


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
