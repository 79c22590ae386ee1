"""Form fields shared by the course forms and admin filters."""

import re

from django import forms
from django.core.exceptions import ValidationError

_RECORD_ID = re.compile(r"[0-9]{1,18}")


class RecordChoiceField(forms.ModelChoiceField):
    """A choice of record (a course page, a department) by its id.

    Django's ModelChoiceField looks any value up: a page model's id is its `page_ptr`, which
    Django does not keep from numbers beyond 64 bits (SQLite raised OverflowError, PostgreSQL
    "out of range"), and Wagtail's admin forms passed non-ASCII digits ("²") on as well: a 500
    either way. Anything but an id of 1 to 18 ASCII digits is an invalid choice here."""

    def to_python(self, value):
        if value not in self.empty_values and not _RECORD_ID.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
