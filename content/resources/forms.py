"""The resource library's filter form."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class ResourceFilterForm(forms.Form):
    """The resource library's GET form: search and four filters, each a labelled control.

    Choices come from the library (see content.resources.selectors.resource_filter_options);
    an unknown value is an error on that field only, and the other filters still apply.
    """

    q = forms.CharField(
        label=_("Search the library"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    issue_area = forms.ChoiceField(label=_("Issue area"), required=False)
    owner = forms.ChoiceField(label=_("Owner department"), required=False)
    # "Language" alone would repeat the label of the site's language switcher.
    language = forms.ChoiceField(label=_("Available in"), required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        kinds: Iterable[tuple[str, str]] = (),
        issue_areas: Iterable[tuple[str, str]] = (),
        owners: Iterable[tuple[str, str]] = (),
        languages: Iterable[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "resource-filter-%s")
        super().__init__(data, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]
        self.fields["issue_area"].choices = [("", _("All issue areas")), *issue_areas]
        self.fields["owner"].choices = [("", _("All departments")), *owners]
        self.fields["language"].choices = [("", _("All languages")), *languages]

    def value_of(self, name: str) -> str:
        """The cleaned value of field `name`, or "" when it is empty or not valid."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return str(self.cleaned_data.get(name) or "")
