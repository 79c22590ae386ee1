"""Which language version of a page a reader gets.

The English tree is the one the site routes; translations made with wagtail-localize are
copies in the Spanish tree. A reader who reads Spanish gets the live Spanish copy's content at
the English URL when there is one, and English otherwise.
"""

from django.utils.translation import get_language
from wagtail.models import Locale, Page


def reader_language(language: str | None = None) -> str:
    """The two-letter code of the reader's language ("en" when unknown)."""
    return (language or get_language() or "en").split("-")[0].lower()


def _locale_id(language: str) -> int | None:
    return Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()


def translation_for(page: Page, language: str | None = None) -> Page:
    """The live translation of `page` in `language` (default: the reader's), else `page`."""
    locale_id = _locale_id(reader_language(language))
    if locale_id is None or page.locale_id == locale_id:
        return page
    translations = Page.objects.live().filter(
        translation_key=page.translation_key, locale_id=locale_id
    )
    translation = translations.first()
    return translation.specific if translation else page


def translated_titles(pages, language: str | None = None) -> dict[int, str]:
    """page id → title in `language` where a live translation exists. Two queries."""
    locale_id = _locale_id(reader_language(language))
    if locale_id is None:
        return {}
    keys = {page.translation_key: page.pk for page in pages if page.locale_id != locale_id}
    if not keys:
        return {}
    rows = (
        Page.objects.live()
        .filter(translation_key__in=keys, locale_id=locale_id)
        .values_list("translation_key", "title")
    )
    return {keys[key]: title for key, title in rows}
