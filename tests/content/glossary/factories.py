"""Glossary entries for the tests: an index under the home page, terms, indicators, translations.

Pages are made the way an editor makes them: added under their parent, then a revision is saved
and published (so each publish has a log entry and a change note, as in the admin).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import factory
import wagtail_factories
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page

from content.glossary.models import EntryStatus, GlossaryIndexPage, IndicatorPage, TermPage
from content.site import site_root
from content.taxonomy import IssueArea


class GlossaryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GlossaryIndexPage

    title = "Glossary"
    slug = "glossary"
    intro = "<p>The common language of racial equity in the City.</p>"


class TermPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TermPage

    title = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")
    short_definition = factory.LazyAttribute(lambda o: f"What {o.title} means, in one sentence.")
    definition = factory.LazyAttribute(lambda o: f"<p>The full definition of {o.title}.</p>")
    status = EntryStatus.ADOPTED
    adopted_on = date(2024, 3, 1)
    adopting_body = "City Council"
    change_note = "First published."


class IndicatorPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = IndicatorPage

    title = factory.Sequence(lambda n: f"Indicator {n}")
    slug = factory.Sequence(lambda n: f"indicator-{n}")
    short_definition = factory.LazyAttribute(lambda o: f"How {o.title} is measured.")
    purpose = "To see whether the City is on track."
    numerator = "Employees who completed the training on time."
    denominator = "Active employees required to take the training."
    unit = "percent"
    data_source = "Equity LMS completion records."
    update_frequency = "Quarterly"
    disaggregations = "Department\nJob class"
    caveats = "Counts under 11 are withheld."
    status = EntryStatus.ADOPTED
    adopted_on = date(2024, 7, 1)
    adopting_body = "Office of Racial Equity"
    change_note = "First published."


def publish(page: Page, *, change_note: str | None = None) -> Page:
    """Saves a revision (optionally with a new change note) and publishes it, as the admin does."""
    if change_note is not None:
        page.change_note = change_note
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def glossary_index() -> GlossaryIndexPage:
    """The published glossary index under the English home page (made once per test)."""
    home = site_root()
    existing = GlossaryIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    index = GlossaryIndexPageFactory.build()
    home.add_child(instance=index)
    return publish(index)


def _with_relations(
    page: TermPage | IndicatorPage,
    *,
    issue_areas: Iterable[str] = (),
    related: Iterable[TermPage] = (),
) -> None:
    page.issue_areas.set(IssueArea.objects.filter(slug__in=list(issue_areas)))
    page.related_terms.set(list(related))


def term(
    *,
    issue_areas: Iterable[str] = (),
    related: Iterable[TermPage] = (),
    live: bool = True,
    **fields,
) -> TermPage:
    """A term under the glossary index, published (unless `live` is false)."""
    page = TermPageFactory.build(**fields)
    glossary_index().add_child(instance=page)
    _with_relations(page, issue_areas=issue_areas, related=related)
    if not live:
        page.live = False
        page.save_revision()
        page.save()
        return page
    return publish(page)


def indicator(
    *,
    issue_areas: Iterable[str] = (),
    related: Iterable[TermPage] = (),
    **fields,
) -> IndicatorPage:
    """An indicator definition under the glossary index, published."""
    page = IndicatorPageFactory.build(**fields)
    glossary_index().add_child(instance=page)
    _with_relations(page, issue_areas=issue_areas, related=related)
    return publish(page)


def translate(page: Page, *, language: str = "es", live: bool = True, **fields) -> Page:
    """The page's translation (copied as wagtail-localize does, unless it exists already, as for
    an index copied with a translated child), its fields set and published."""
    locale = Locale.objects.get(language_code=language)
    translation = page.specific.get_translation_or_none(locale)
    if translation is None:
        translation = page.specific.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    if translation.alias_of_id:
        # Parents copied along with a translated child are aliases until translated themselves.
        ConvertAliasPageAction(translation).execute(skip_permission_checks=True)
        translation = type(translation).objects.get(pk=translation.pk)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    if live:
        return publish(translation)
    translation.save_revision()
    return translation
