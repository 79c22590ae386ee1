"""Which language version of a page a reader gets.

The English tree is the one the site routes; translations made with wagtail-localize are
copies in the Spanish tree. A reader who reads Spanish gets the live Spanish copy's content at
the English URL when there is one, and English otherwise: that English is marked
``lang="en"`` (so screen readers pronounce it as English) and carries the "not translated yet"
note (``lms/templates/includes/not_translated.html``).

`display_context` is what a page's own `get_context` adds; `with_display` does the same for each
page of a list (cards, related pages).
"""

import hashlib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from content.page_cache import cached_pages, in_request


def reader_language(language: str | None = None) -> str:
    """The two-letter code of the reader's language ("en" when unknown)."""
    return (language or get_language() or "en").split("-")[0].lower()


def default_language() -> str:
    """The language of the routed page tree (the site's LANGUAGE_CODE, "en")."""
    return reader_language(settings.LANGUAGE_CODE)


def _read_pages(key: str, read):
    """`read()`, which reads only pages and locales. In a request, read once per change of the
    pages (content.page_cache); elsewhere (a task, a command), where the pages' version would
    cost more than what it saves, each time."""
    return cached_pages(f"translation:{key}", read) if in_request() else read()


def _digest(translation_keys) -> str:
    """A short cache-key part for a set of translation keys (any number of them)."""
    joined = ",".join(sorted(str(key) for key in translation_keys))
    return hashlib.sha256(joined.encode()).hexdigest()[:32]


def locale_id_for(language: str) -> int | None:
    """The id of `language`'s Wagtail locale (None when there is none)."""
    return _read_pages(
        f"locale-id:{language}",
        lambda: Locale.objects.filter(language_code=language).values_list("pk", flat=True).first(),
    )


def _live_translations():
    """Live pages that are translations. Aliases are left out: Wagtail copies the parents of a
    translated page as aliases, with the English words, until someone translates them."""
    return Page.objects.live().filter(alias_of__isnull=True)


def translation_for(page: Page, language: str | None = None) -> Page:
    """The live translation of `page` in `language` (default: the reader's), else `page`."""
    locale_id = locale_id_for(reader_language(language))
    if locale_id is None or page.locale_id == locale_id:
        return page

    def read() -> Page | None:
        translation = (
            _live_translations()
            .filter(translation_key=page.translation_key, locale_id=locale_id)
            .first()
        )
        return translation.specific if translation else None

    return _read_pages(f"of:{page.translation_key}:{locale_id}", read) or page


def translated_titles(pages, language: str | None = None) -> dict[int, str]:
    """page id → title in `language` where a live translation exists. Two queries."""
    locale_id = locale_id_for(reader_language(language))
    if locale_id is None:
        return {}
    keys = {page.translation_key: page.pk for page in pages if page.locale_id != locale_id}
    if not keys:
        return {}
    rows = _read_pages(
        f"titles:{locale_id}:{_digest(keys)}",
        lambda: list(
            _live_translations()
            .filter(translation_key__in=keys, locale_id=locale_id)
            .values_list("translation_key", "title")
        ),
    )
    return {keys[key]: title for key, title in rows}


def translations_for(pages: Iterable[Page], language: str | None = None) -> dict[int, Page]:
    """page id → the specific page whose words a reader of `language` gets, for those of `pages`
    that have them: the live translation, or the page itself when it is in that language.
    Two queries, and one per page type translated."""
    pages = list(pages)
    locale_id = locale_id_for(reader_language(language))
    if locale_id is None:
        return {}
    found = {page.pk: page for page in pages if page.locale_id == locale_id}
    keys = {page.translation_key: page.pk for page in pages if page.locale_id != locale_id}
    if keys:
        rows = _read_pages(
            f"pages:{locale_id}:{_digest(keys)}",
            lambda: list(
                _live_translations()
                .filter(translation_key__in=keys, locale_id=locale_id)
                .specific()
            ),
        )
        found.update({keys[page.translation_key]: page for page in rows})
    return found


def display_context(page: Page, request=None, language: str | None = None) -> dict[str, Any]:
    """What a page's template needs to show it in the reader's language:

    - ``display``: the page whose words to show: its live translation, or the page itself
      (always itself in a preview, which shows the draft being edited);
    - ``display_lang``: the language of those words, for ``lang=``;
    - ``is_untranslated``: those words are not in the reader's language (show the note).
    """
    wanted = reader_language(language)
    display = page if getattr(request, "is_preview", False) else translation_for(page, wanted)
    lang = _languages().get(display.locale_id, default_language())
    return {"display": display, "display_lang": lang, "is_untranslated": lang != wanted}


def with_display(pages: Iterable[Page], language: str | None = None) -> list[Page]:
    """`pages` as a list, each with `display`, `display_lang` and `is_untranslated` set as
    `display_context` describes. Three queries, and one per page type translated."""
    pages = list(pages)
    wanted = reader_language(language)
    shown = translations_for(pages, wanted) if wanted != default_language() else {}
    languages = _languages()
    for page in pages:
        page.display = shown.get(page.pk, page)
        page.display_lang = languages.get(page.display.locale_id, default_language())
        page.is_untranslated = page.display_lang != wanted
    return pages


def _languages() -> dict[int, str]:
    """locale id → its two-letter language. One query (a handful of rows)."""
    return _read_pages(
        "languages",
        lambda: {
            pk: reader_language(code)
            for pk, code in Locale.objects.values_list("pk", "language_code")
        },
    )
