"""Reads for the glossary: the public index, entry pages, history, the term block, autolinking
and the open-data exports, each in a fixed number of queries whatever the number of entries.

The English page tree is canonical: entries are English pages, routed at their English URL. A
translation (a copy in another locale that shares the page's `translation_key`, as made by
wagtail-localize) only lends its words. Which words to show is decided here, never in templates:
the reader's language when a live translation exists, else English, marked as a fallback.

"Public" means a live page whose status is not draft: draft-status entries are never listed,
served, exported or linked for the public.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.validators import slug_unicode_re
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry
from wagtail.rich_text import expand_db_html

from content.glossary.models import EntryStatus, GlossaryIndexPage, IndicatorPage, TermPage
from content.glossary.services import OTHER_LETTER, AutolinkTerm, index_letter, sort_key
from content.taxonomy import IssueArea

KIND_TERM = "term"
KIND_INDICATOR = "indicator"
KIND_CHOICES = [(KIND_TERM, _("Term")), (KIND_INDICATOR, _("Indicator definition"))]
PUBLIC_STATUSES = [EntryStatus.PROPOSED, EntryStatus.ADOPTED, EntryStatus.RETIRED]
STATUS_CHOICES = [(status.value, status.label) for status in PUBLIC_STATUSES]
LETTERS = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
QUERY_MAX_LENGTH = 200
# How far a chain of retired terms is followed to find the term to use instead.
REPLACEMENT_CHAIN_LIMIT = 10
PUBLISH_ACTION = "wagtail.publish"

Entry = TermPage | IndicatorPage
ENTRY_MODELS: dict[str, type[Entry]] = {KIND_TERM: TermPage, KIND_INDICATOR: IndicatorPage}
INDICATOR_TEXT_FIELDS = (
    "title",
    "short_definition",
    "purpose",
    "numerator",
    "denominator",
    "unit",
    "data_source",
    "update_frequency",
    "disaggregations",
    "caveats",
)


# --- languages --------------------------------------------------------------------------------


def default_language() -> str:
    """The language of the canonical (routed) page tree: the site's LANGUAGE_CODE, e.g. "en"."""
    return _base_language(settings.LANGUAGE_CODE)


def _base_language(language: str | None) -> str:
    """The base code of a supported language ("es-mx" -> "es"); the default for others."""
    default = settings.LANGUAGE_CODE.split("-")[0].lower()
    code = (language or default).split("-")[0].lower()
    supported = {name.split("-")[0].lower() for name, _label in settings.LANGUAGES}
    return code if code in supported else default


def translation_language(language: str | None) -> str | None:
    """The language whose translations a reader of `language` wants, or None for the canonical
    language (no translation to look up)."""
    code = _base_language(language)
    return None if code == _base_language(settings.LANGUAGE_CODE) else code


def _kind(page: Page) -> str:
    return KIND_INDICATOR if isinstance(page, IndicatorPage) else KIND_TERM


def _path(page: Page, request: HttpRequest | None = None) -> str:
    """The page's path on its site (relative: "/glossary/racial-equity/"), or "" if unrouted."""
    parts = page.get_url_parts(request=request)
    return parts[2] if parts else ""


def public_entries(model: type[Entry]) -> QuerySet:
    """Live entries of `model` in the canonical language whose status is not draft."""
    return (
        model.objects.live()
        .filter(locale__language_code=default_language())
        .exclude(status=EntryStatus.DRAFT)
    )


def entry_is_public(page: Entry) -> bool:
    """True when anyone may read the entry: it is live and its status is not draft."""
    return bool(page.live) and page.status != EntryStatus.DRAFT


def canonical_page_get(page: Page) -> Page:
    """The page in the canonical language (itself when it already is), specific.

    One query the first time for a given page object; the answer is kept on it.
    """
    known = getattr(page, "_glossary_canonical", None)
    if known is not None:
        return known
    model = page.specific_class or type(page)
    original = (
        model.objects.filter(
            translation_key=page.translation_key, locale__language_code=default_language()
        )
        .defer_streamfields()
        .first()
    )
    canonical = page if original is None or original.pk == page.pk else original
    page._glossary_canonical = canonical
    return canonical


def _live_translations(model: type[Page], language: str) -> QuerySet:
    """Live pages of `model` in `language` that are translations: aliases (exact copies that
    wagtail-localize or a translated child's parents leave in other locales) are untranslated."""
    return model.objects.live().filter(locale__language_code=language, alias_of__isnull=True)


def _translations(
    model: type[Entry], translation_keys: Iterable[Any], language: str
) -> dict[Any, Entry]:
    """Live translations into `language` of the pages with `translation_keys`, by key (1 query)."""
    keys = list(translation_keys)
    if not keys:
        return {}
    return {
        page.translation_key: page
        for page in _live_translations(model, language)
        .filter(translation_key__in=keys)
        .defer_streamfields()
    }


# --- the index: filters, A-Z, search ----------------------------------------------------------


@dataclass(frozen=True)
class GlossaryFilters:
    """What the reader asked the index for; every value is already validated."""

    q: str = ""
    kind: str = ""
    status: str = ""
    issue_area: str = ""
    # Why the search words were refused (shown at the search box), or "".
    q_error: str = ""

    @property
    def is_filtered(self) -> bool:
        return bool(self.q or self.kind or self.status or self.issue_area)


def glossary_filters_from_params(
    params: Mapping[str, str], *, issue_area_slugs: Iterable[str]
) -> GlossaryFilters:
    """Reads the index's GET parameters (`q`, `kind`, `status`, `issue_area`).

    Unknown values are ignored rather than refused, so an old or hand-edited link still shows
    the glossary; `q` is trimmed and cut to QUERY_MAX_LENGTH characters.
    """
    kind = params.get("kind", "")
    status = params.get("status", "")
    issue_area = params.get("issue_area", "")
    q, q_error = " ".join((params.get("q") or "").split())[:QUERY_MAX_LENGTH], ""
    if "\x00" in q:
        # No text can hold it (PostgreSQL refuses it in a query): say so, search for nothing.
        q, q_error = "", str(_("Search words cannot contain control characters."))
    return GlossaryFilters(
        q=q,
        q_error=q_error,
        kind=kind if kind in ENTRY_MODELS else "",
        status=status if status in {s.value for s in PUBLIC_STATUSES} else "",
        issue_area=issue_area if issue_area in set(issue_area_slugs) else "",
    )


def _text_match(model: type[Entry], q: str) -> Q:
    if model is TermPage:
        names = ["title", "alternative_labels", "short_definition", "definition"]
    else:
        names = ["title", "short_definition", "purpose"]
    match = Q()
    for name in names:
        match |= Q(**{f"{name}__icontains": q})
    return match


def _filtered_entries(
    model: type[Entry], *, filters: GlossaryFilters, language: str | None
) -> QuerySet:
    queryset = public_entries(model).defer_streamfields()
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.issue_area:
        queryset = queryset.filter(issue_areas__slug=filters.issue_area)
    if filters.q:
        match = _text_match(model, filters.q)
        if language:
            # Also find an entry through the words of its translation in the reader's language
            # (a subquery, so no extra round trip).
            translated = (
                _live_translations(model, language)
                .filter(_text_match(model, filters.q))
                .values("translation_key")
            )
            match |= Q(translation_key__in=translated)
        queryset = queryset.filter(match)
    return queryset


@dataclass
class GlossaryListItem:
    """One entry of the index, with the words to show in the reader's language."""

    page: Entry
    url: str
    kind: str
    kind_label: str
    title: str
    short_definition: str
    lang: str
    is_fallback: bool
    replaced_by: EntryLink | None = None

    @property
    def letter(self) -> str:
        return index_letter(self.title)

    @property
    def status(self) -> str:
        return self.page.status

    @property
    def status_label(self) -> str:
        return self.page.get_status_display()

    @property
    def is_retired(self) -> bool:
        return self.page.status == EntryStatus.RETIRED


@dataclass
class LetterGroup:
    letter: str
    anchor: str
    items: list[GlossaryListItem]


@dataclass
class LetterLink:
    letter: str
    anchor: str | None  # None when no entry starts with the letter: shown as plain text


@dataclass
class GlossaryIndexView:
    """Everything the index page shows."""

    title: str
    intro: str
    lang: str
    filters: GlossaryFilters
    issue_areas: list[IssueArea]
    groups: list[LetterGroup]
    letters: list[LetterLink]
    count: int
    kind_choices: list[tuple[str, Any]] = field(default_factory=lambda: list(KIND_CHOICES))
    status_choices: list[tuple[str, Any]] = field(default_factory=lambda: list(STATUS_CHOICES))


def _letter_anchor(letter: str) -> str:
    return "letter-other" if letter == OTHER_LETTER else f"letter-{letter.lower()}"


def _translated_words(
    pages: list[Entry], language: str | None, *, index: GlossaryIndexPage | None = None
) -> dict[Any, tuple[str, str]]:
    """(title, short definition) of each page's live translation into `language`, by key; for
    the `index`, (title, intro).

    One query for both kinds and the index (a UNION), none in the canonical language.
    """
    if not language:
        return {}
    keys = [page.translation_key for page in pages]
    columns = ("translation_key", "title", "short_definition")
    selects = [
        _live_translations(model, language)
        .filter(translation_key__in=keys)
        .order_by()
        .values_list(*columns)
        for model in (TermPage, IndicatorPage)
    ]
    if index is not None:
        selects.append(
            _live_translations(GlossaryIndexPage, language)
            .filter(translation_key=index.translation_key)
            .order_by()
            .values_list("translation_key", "title", "intro")
        )
    rows = selects[0].union(*selects[1:])
    return {key: (title, text) for key, title, text in rows}


def glossary_index_get(
    *,
    index: GlossaryIndexPage,
    params: Mapping[str, str],
    language: str | None,
    request: HttpRequest | None = None,
) -> GlossaryIndexView:
    """The index page: public entries filtered and grouped A-Z, in the reader's language.

    `params` are the request's GET parameters (see `glossary_filters_from_params`); `language`
    the reader's (django's `get_language()`). Entries are sorted by the title shown, with
    accents folded (É under E); titles not starting with a letter go under OTHER_LETTER.
    Retired entries are listed (and marked), draft-status ones never.

    Queries: issue areas (1), terms (1) and indicators (1) unless a kind is chosen, and for a
    reader of another language the translations of the entries and the index (1).
    """
    wanted = translation_language(language)
    issue_areas = list(IssueArea.objects.all())
    filters = glossary_filters_from_params(
        params, issue_area_slugs=[area.slug for area in issue_areas]
    )
    pages: list[Entry] = []
    for kind, model in ENTRY_MODELS.items():
        if filters.kind and filters.kind != kind:
            continue
        queryset = _filtered_entries(model, filters=filters, language=wanted).child_of(index)
        if model is TermPage:
            queryset = queryset.select_related("replaced_by")
        pages.extend(queryset)
    words = _translated_words(pages, wanted, index=index)
    index_words = words.get(index.translation_key)
    kind_labels = dict(KIND_CHOICES)
    items: list[GlossaryListItem] = []
    for page in pages:
        translated = words.get(page.translation_key)
        kind = _kind(page)
        item = GlossaryListItem(
            page=page,
            url=_path(page, request),
            kind=kind,
            kind_label=str(kind_labels[kind]),
            title=translated[0] if translated else page.title,
            short_definition=translated[1] if translated else page.short_definition,
            lang=wanted if translated else default_language(),
            is_fallback=bool(wanted) and translated is None,
        )
        replacement = getattr(page, "replaced_by", None)
        if (
            item.is_retired
            and replacement is not None
            and entry_is_public(replacement)
            and replacement.locale_id == page.locale_id
        ):
            item.replaced_by = EntryLink(
                title=replacement.title,
                url=_path(replacement, request),
                lang=default_language(),
                slug=replacement.slug,
            )
        items.append(item)
    # A replacement listed here too is named in the reader's language.
    shown_titles = {item.page.pk: (item.title, item.lang) for item in items}
    for item in items:
        if item.replaced_by is not None and item.page.replaced_by_id in shown_titles:
            item.replaced_by.title, item.replaced_by.lang = shown_titles[item.page.replaced_by_id]
    items.sort(key=lambda item: (sort_key(item.title), item.url))

    by_letter: dict[str, list[GlossaryListItem]] = {}
    for item in items:
        by_letter.setdefault(item.letter, []).append(item)
    # Titles under OTHER_LETTER (digits sort before "a", "Æ" after "z") form one group, last.
    groups = [
        LetterGroup(letter=letter, anchor=_letter_anchor(letter), items=by_letter[letter])
        for letter in [*LETTERS, OTHER_LETTER]
        if letter in by_letter
    ]
    present = set(by_letter)
    letters = [
        LetterLink(letter=letter, anchor=_letter_anchor(letter) if letter in present else None)
        for letter in LETTERS
    ]
    if OTHER_LETTER in present:
        letters.append(LetterLink(letter=OTHER_LETTER, anchor=_letter_anchor(OTHER_LETTER)))
    if filters.is_filtered:
        # Search and filter results list only the letters they have: no row of empty letters.
        letters = [letter for letter in letters if letter.anchor]
    return GlossaryIndexView(
        title=index_words[0] if index_words else index.title,
        intro=(index_words[1] if index_words else index.intro) or "",
        lang=wanted if index_words else default_language(),
        filters=filters,
        issue_areas=issue_areas,
        groups=groups,
        letters=letters,
        count=len(items),
    )


# --- entry pages -------------------------------------------------------------------------------


@dataclass
class EntryLink:
    """A link to an entry, named in the reader's language when it is translated."""

    title: str
    url: str
    lang: str
    slug: str = ""
    short_definition: str = ""
    is_fallback: bool = False


@dataclass(frozen=True)
class EntryChange:
    """One published revision of an entry: when, and what its change note says."""

    published_at: datetime
    note: str


@dataclass
class GlossaryEntryView:
    """Everything an entry page shows.

    `page` is the canonical entry (status, dates, relations, URL); `shown` is the page whose
    words are shown: its live translation in the reader's language, or `page` itself.
    """

    page: Entry
    shown: Entry
    kind: str
    lang: str
    is_fallback: bool
    related: list[EntryLink]
    issue_areas: list[IssueArea]
    history: list[EntryChange]
    replaced_by: EntryLink | None = None
    retired_from: EntryLink | None = None
    index_url: str = ""

    @property
    def is_retired(self) -> bool:
        return self.page.status == EntryStatus.RETIRED

    @property
    def default_lang(self) -> str:
        """The language of the canonical words (change notes are written in it)."""
        return default_language()

    @property
    def alternative_labels(self) -> list[str]:
        return getattr(self.shown, "alternative_label_list", [])

    @property
    def disaggregations(self) -> list[str]:
        return getattr(self.shown, "disaggregation_list", [])


def _links(
    pages: list[Entry], language: str | None, request: HttpRequest | None
) -> list[EntryLink]:
    """Links to `pages` named in `language` where translated (1 query for the translations)."""
    by_model: dict[type[Entry], list[Entry]] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    translated: dict[Any, Entry] = {}
    if language:
        for model, group in by_model.items():
            translated.update(_translations(model, [p.translation_key for p in group], language))
    links = []
    for page in pages:
        words = translated.get(page.translation_key)
        links.append(
            EntryLink(
                title=(words or page).title,
                url=_path(page, request),
                lang=language if words else default_language(),
                slug=page.slug,
                short_definition=(words or page).short_definition,
                is_fallback=bool(language) and words is None,
            )
        )
    return links


def entry_history_list(*, page: Page) -> list[EntryChange]:
    """The entry's published revisions, newest first: the date and the change note of each.

    Who made a change is never read. One query (the note is read from the revision's JSON).
    """
    rows = (
        PageLogEntry.objects.filter(page_id=page.pk, action=PUBLISH_ACTION)
        .order_by("-timestamp", "-pk")
        .values_list("timestamp", "revision__content__change_note")
    )
    return [EntryChange(published_at=at, note=(note or "").strip()) for at, note in rows]


def term_replacement_get(*, term: TermPage) -> TermPage | None:
    """The term to send readers of the retired `term` to, or None to show `term` itself.

    Follows a chain of retired terms (A replaced by B, itself retired and replaced by C) to the
    first term that is not retired, or to a retired one with no public replacement (it shows
    itself). A loop, or a replacement that is not public, gives None. One query per step.
    """
    if term.status != EntryStatus.RETIRED or not term.replaced_by_id:
        return None
    seen = {term.pk}
    current: TermPage = term
    for _step in range(REPLACEMENT_CHAIN_LIMIT):
        if current.status != EntryStatus.RETIRED or not current.replaced_by_id:
            return current if current.pk != term.pk else None
        if current.replaced_by_id in seen:
            return None
        following = public_entries(TermPage).filter(pk=current.replaced_by_id).first()
        if following is None:
            return current if current.pk != term.pk else None
        seen.add(following.pk)
        current = following
    return None


def _retired_from(
    *, page: Entry, slug: str, language: str | None, request: HttpRequest | None
) -> EntryLink | None:
    """The retired term named by `?retired=<slug>` if it is retired and replaced (by this page
    or by a chain leading here)."""
    if not slug or not isinstance(page, TermPage) or not slug_unicode_re.match(slug):
        return None
    retired = (
        public_entries(TermPage)
        .filter(slug=slug[:255], status=EntryStatus.RETIRED, replaced_by__isnull=False)
        .exclude(pk=page.pk)
        .first()
    )
    if retired is None:
        return None
    replacement = term_replacement_get(term=retired)
    if replacement is None or replacement.pk != page.pk:
        return None
    return _links([retired], language, request)[0]


def glossary_entry_get(
    *,
    page: Entry,
    language: str | None,
    request: HttpRequest | None = None,
    retired_slug: str = "",
) -> GlossaryEntryView:
    """An entry page's content in the reader's `language`.

    `page` may be the canonical page (the normal case) or a translation being previewed. The
    words come from the live translation into the reader's language when there is one, else from
    the canonical page with `is_fallback` set (the template says so and marks the text
    lang="en"). Status, dates, relations and history are the canonical page's. `retired_slug`
    (from `?retired=`) names the retired term the reader was redirected from.

    Queries: the translation (1, translated reader only), related terms (1) and their
    translations (1), issue areas (1), history (1), the replacement (1, retired only), the
    retired term of the notice (1-2, only with `retired_slug`).
    """
    canonical = canonical_page_get(page)
    wanted = translation_language(language)
    shown: Entry = canonical
    lang = default_language()
    if page.pk != canonical.pk:
        # Previewing a translation: show its own words whatever the reader's language.
        shown, lang = page, page.locale.language_code
    elif wanted:
        translated = (
            _live_translations(type(canonical), wanted)
            .filter(translation_key=canonical.translation_key)
            .first()
        )
        if translated is not None:
            shown, lang = translated, wanted
    related = sorted(
        (
            term
            for term in canonical.related_terms.all()
            if entry_is_public(term)
            and term.pk != canonical.pk
            and term.locale_id == canonical.locale_id
        ),
        key=lambda term: sort_key(term.title),
    )
    replaced_by = None
    if isinstance(canonical, TermPage) and canonical.status == EntryStatus.RETIRED:
        replacement = public_entries(TermPage).filter(pk=canonical.replaced_by_id).first()
        if replacement is not None:
            replaced_by = _links([replacement], wanted, request)[0]
    url = _path(canonical, request)
    return GlossaryEntryView(
        index_url=url.rstrip("/").rsplit("/", 1)[0] + "/" if url else "",
        page=canonical,
        shown=shown,
        kind=_kind(canonical),
        lang=lang,
        is_fallback=bool(wanted) and lang != wanted,
        related=_links(related, wanted, request),
        issue_areas=list(canonical.issue_areas.all()),
        history=entry_history_list(page=canonical),
        replaced_by=replaced_by,
        retired_from=_retired_from(
            page=canonical, slug=retired_slug, language=wanted, request=request
        ),
    )


# --- what changed -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryChange:
    """One published change of an adopted term, for the glossary's history."""

    published_at: datetime
    note: str
    term: EntryLink


def glossary_history_list(
    *,
    index: GlossaryIndexPage,
    language: str | None,
    request: HttpRequest | None = None,
    limit: int = 200,
) -> list[GlossaryChange]:
    """Published changes of the index's adopted terms, newest first (at most `limit`).

    Each is the date of a publish, the term (named in the reader's language where translated)
    and the revision's change note. Who made the change is never read. Queries: adopted terms
    (1), their publishes (1), their translations (1, translated reader only).
    """
    wanted = translation_language(language)
    terms = list(
        public_entries(TermPage)
        .child_of(index)
        .filter(status=EntryStatus.ADOPTED)
        .defer_streamfields()
    )
    links = {
        term.pk: link for term, link in zip(terms, _links(terms, wanted, request), strict=True)
    }
    rows = (
        PageLogEntry.objects.filter(page_id__in=list(links), action=PUBLISH_ACTION)
        .order_by("-timestamp", "-pk")
        .values_list("page_id", "timestamp", "revision__content__change_note")[:limit]
    )
    return [
        GlossaryChange(published_at=at, note=(note or "").strip(), term=links[page_id])
        for page_id, at, note in rows
    ]


# --- the glossary-term block and autolinking ---------------------------------------------------


def glossary_term_link_get(
    *, page: Page | None, language: str | None, request: HttpRequest | None = None
) -> EntryLink | None:
    """The term chosen in a glossary-term block, as a link with its short definition in the
    reader's language; None when the term is gone or not public (the block then shows only the
    words). `page` may be the canonical term or its translation. At most 3 queries.
    """
    if page is None:
        return None
    term = canonical_page_get(page.specific)
    if not isinstance(term, TermPage) or not entry_is_public(term):
        return None
    return _links([term], translation_language(language), request)[0]


def autolink_terms_get(language: str | None) -> list[AutolinkTerm]:
    """The adopted, public terms to autolink in lesson text written in `language`.

    Each carries its canonical URL and its labels (title and alternative labels) in `language`
    when a live translation exists, else in English. The result is plain data, safe to cache
    per language. Queries: terms (1), translations (1, non-English only).
    """
    wanted = translation_language(language)
    terms = list(
        public_entries(TermPage)
        .filter(status=EntryStatus.ADOPTED)
        .defer_streamfields()
        .order_by("title", "pk")
    )
    translated = (
        _translations(TermPage, [t.translation_key for t in terms], wanted) if wanted else {}
    )
    result = []
    for term in terms:
        url = _path(term)
        if not url:
            continue
        words = translated.get(term.translation_key, term)
        labels = tuple(dict.fromkeys([words.title.strip(), *words.alternative_label_list]))
        result.append(AutolinkTerm(url=url, labels=tuple(label for label in labels if label)))
    return result


# --- open data ---------------------------------------------------------------------------------


def _absolute(base_url: str, path: str) -> str:
    return f"{base_url.rstrip('/')}{path}" if path else ""


def glossary_entry_iri(page: Page, *, base_url: str | None = None) -> str:
    """The entry's public URI, the one the JSON, CSV and SKOS exports name it by:
    `base_url` (default SITE_URL) + the page's path on its site, "" when it is unrouted.
    Never the Wagtail Site record's hostname, which may be an internal one ("localhost")."""
    return _absolute(base_url or settings.SITE_URL, _path(page))


def _expand_rich_text(htmls: list[str], base_url: str) -> list[str]:
    """Front-end HTML of many rich-text values in one rewriter call (one query for all internal
    links), with site-relative links made absolute."""
    separator = "<!--glossary-entry-separator-->"
    if not htmls:
        return []
    expanded = expand_db_html(separator.join(htmls)).split(separator)
    base = base_url.rstrip("/")
    return [html.replace('href="/', f'href="{base}/') for html in expanded]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _sources(page: Entry) -> list[dict[str, str]]:
    return [
        {"citation": block.value["citation"], "url": block.value.get("url") or ""}
        for block in page.sources
        if block.block_type == "source"
    ]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def glossary_export_list(
    *, base_url: str, status: str | None = None, kind: str | None = None
) -> list[dict[str, Any]]:
    """Every public entry as a plain dict: the open-data record behind the JSON API and the CSV
    and SKOS downloads, sorted by slug.

    Keys: slug, url (absolute, on `base_url`), kind, title, alternative_labels (list),
    short_definition, definition (HTML, links absolute), status, adopted_on (ISO date or None),
    adopting_body, modified_at, issue_areas (slugs), related (slugs of public terms), sources
    ({citation, url}), replaced_by (slug or None); indicators add purpose, numerator,
    denominator, unit, data_source, update_frequency, disaggregations (list), owner_department
    ({code, name} or None) and caveats. `translations` maps a language code to the translated
    words ({title, alternative_labels, short_definition, definition} for terms, the indicator's
    text fields for indicators) of each live translation.

    `status` and `kind` narrow the list (unknown values give an empty list). Queries: per kind,
    entries (1), issue areas (1), related terms (1) and translations (1); one for internal links
    in definitions; the set of public terms (1).
    """
    if status is not None and status not in {s.value for s in PUBLIC_STATUSES}:
        return []
    if kind is not None and kind not in ENTRY_MODELS:
        return []
    public_term_slugs = dict(public_entries(TermPage).values_list("pk", "slug"))
    records: list[dict[str, Any]] = []
    rich_texts: list[tuple[dict[str, Any], str, str]] = []
    for entry_kind, model in ENTRY_MODELS.items():
        if kind and kind != entry_kind:
            continue
        base = public_entries(model)
        if status:
            base = base.filter(status=status)
        queryset = base.prefetch_related("issue_areas", "related_terms")
        if model is IndicatorPage:
            queryset = queryset.select_related("owner_department")
        pages = list(queryset)
        translations = (
            model.objects.live()
            .filter(alias_of__isnull=True, translation_key__in=base.values("translation_key"))
            .exclude(locale__language_code=default_language())
            .select_related("locale")
        )
        by_key: dict[Any, dict[str, Entry]] = {}
        for translation in translations:
            by_key.setdefault(translation.translation_key, {})[translation.locale.language_code] = (
                translation
            )
        for page in pages:
            record = _export_record(page, base_url=base_url, public_term_slugs=public_term_slugs)
            record["translations"] = {}
            for code, translation in sorted(by_key.get(page.translation_key, {}).items()):
                words = _export_words(translation)
                record["translations"][code] = words
                if words.get("definition"):
                    rich_texts.append((words, "definition", words["definition"]))
            if record.get("definition"):
                rich_texts.append((record, "definition", record["definition"]))
            records.append(record)
    expanded = _expand_rich_text([html for _r, _k, html in rich_texts], base_url)
    for (record, key, _html), html in zip(rich_texts, expanded, strict=True):
        record[key] = html
    records.sort(key=lambda record: record["slug"])
    return records


def _export_words(page: Entry) -> dict[str, Any]:
    if isinstance(page, TermPage):
        return {
            "title": page.title,
            "alternative_labels": page.alternative_label_list,
            "short_definition": page.short_definition,
            "definition": page.definition,
        }
    words: dict[str, Any] = {name: getattr(page, name) for name in INDICATOR_TEXT_FIELDS}
    words["disaggregations"] = page.disaggregation_list
    return words


def _export_record(
    page: Entry, *, base_url: str, public_term_slugs: dict[int, str]
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "slug": page.slug,
        "url": glossary_entry_iri(page, base_url=base_url),
        "kind": _kind(page),
        "title": page.title,
        "alternative_labels": [],
        "short_definition": page.short_definition,
        "status": page.status,
        "adopted_on": _iso(page.adopted_on),
        "adopting_body": page.adopting_body,
        "modified_at": _iso(page.last_published_at),
        "issue_areas": [area.slug for area in page.issue_areas.all()],
        "related": sorted(
            public_term_slugs[term.pk]
            for term in page.related_terms.all()
            if term.pk in public_term_slugs and term.pk != page.pk
        ),
        "sources": _sources(page),
        "replaced_by": None,
    }
    if isinstance(page, TermPage):
        record["alternative_labels"] = page.alternative_label_list
        record["definition"] = page.definition
        record["replaced_by"] = public_term_slugs.get(page.replaced_by_id)
    else:
        department = page.owner_department
        record.update(
            {
                "definition": None,
                "purpose": page.purpose,
                "numerator": page.numerator,
                "denominator": page.denominator,
                "unit": page.unit,
                "data_source": page.data_source,
                "update_frequency": page.update_frequency,
                "disaggregations": page.disaggregation_list,
                "owner_department": (
                    {"code": department.code, "name": department.name} if department else None
                ),
                "caveats": page.caveats,
            }
        )
    return record


def issue_area_list() -> list[IssueArea]:
    """Every issue area in display order (1 query)."""
    return list(IssueArea.objects.all())


@dataclass(frozen=True)
class GlossaryScheme:
    """The glossary as a whole, as named in open data."""

    iri: str
    title: str


def glossary_scheme_get(*, base_url: str) -> GlossaryScheme:
    """The IRI (the English glossary index's absolute URL) and title of the glossary's SKOS
    concept scheme; `<base_url>/glossary/` when no index is published. Up to 2 queries."""
    index = (
        GlossaryIndexPage.objects.live()
        .filter(locale__language_code=default_language())
        .order_by("path")
        .first()
    )
    path = _path(index) if index is not None else ""
    return GlossaryScheme(
        iri=_absolute(base_url, path or "/glossary/"),
        title=index.title if index is not None else "Glossary",
    )
