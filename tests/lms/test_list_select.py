"""`lms.forms.ListSelect` draws what Django's `Select` draws, without its templates."""

import pytest
from django import forms

from lms.forms import ListSelect

CHOICES = [
    ("", "Any job class"),
    (3, "1358 Clerk"),
    (7, 'Analyst <"senior"> & co'),
    ("Field", [(9, "9184 Engineer"), (10, "Inspector")]),
]


class Filters(forms.Form):
    job_class = forms.TypedChoiceField(
        choices=CHOICES, coerce=int, required=False, help_text="Held by someone here."
    )
    fast = forms.TypedChoiceField(
        choices=CHOICES,
        coerce=int,
        required=False,
        help_text="Held by someone here.",
        widget=ListSelect,
    )


@pytest.mark.parametrize("chosen", ["", "7", "10", "999"])
def test_the_same_markup_as_djangos_select(chosen):
    """Same attributes (id, aria-describedby, aria-invalid on an error), options, optgroups,
    escaping and selected option, for no choice, a choice, one in a group and a bad one."""
    form = Filters({"job_class": chosen, "fast": chosen})
    form.is_valid()
    django_drawn = str(form["job_class"]).replace("job_class", "FIELD")
    ours = str(form["fast"]).replace("fast", "FIELD")
    assert ours == django_drawn
    assert "&lt;&quot;senior&quot;&gt; &amp; co" in ours
    if chosen == "7":
        assert '<option value="7" selected>' in ours
    if chosen == "999":
        assert 'aria-invalid="true"' in ours
