"""Pure transforms for the glossary: A-Z folding, autolinking terms in HTML, and the open-data
files (CSV, SKOS as Turtle and JSON-LD). No database, no clock, no request: the selectors in
`content.glossary.selectors` read the entries, these functions shape them.
"""

from __future__ import annotations

import html as html_lib
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils.html import strip_tags
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from lms.spreadsheets import SafeDictWriter

OTHER_LETTER = "#"
MULTI_VALUE_SEPARATOR = " | "


# --- A-Z ----------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """`text` without accents and case, for sorting and grouping: "Équité" -> "equite"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _from_first_alnum(text: str) -> str:
    """`text` from its first letter or digit on, so quotes and dashes do not decide its place."""
    for position, ch in enumerate(text):
        if ch.isalnum():
            return text[position:]
    return text


def index_letter(title: str) -> str:
    """The A-Z letter a title is listed under: its first letter or digit, accents folded and in
    capitals ("Équité" -> "E"); OTHER_LETTER for anything that does not fold to A-Z."""
    folded = fold(_from_first_alnum(title.strip()))
    first = folded[:1].upper()
    return first if "A" <= first <= "Z" else OTHER_LETTER


def sort_key(title: str) -> tuple[str, str]:
    """The order of titles in the A-Z index: folded, from the first letter or digit on."""
    return (fold(_from_first_alnum(title.strip())), title)


# --- autolinking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AutolinkTerm:
    """A term to link in running text: where its entry is and the words that name it."""

    url: str
    labels: tuple[str, ...]


# Text inside these elements is never linked: links cannot nest, headings and code keep their
# own meaning, and form controls or disclosures must not contain a link.
_NO_LINK_ELEMENTS = frozenset(
    {
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "button",
        "select",
        "option",
        "label",
        "summary",
        "svg",
        "math",
        "template",
        "title",
    }
)
_TOKEN = re.compile(
    r"<!--.*?-->"  # comments
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<[!?][^>]*>"  # doctype, processing instructions
    r"|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",  # tags, quoted attributes intact
    re.DOTALL,
)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_SPACE = r"(?:\s|&nbsp;|&#160;|&#xa0;|\xa0)+"
_RIGHT_QUOTE = "\u2019"
_APOSTROPHE = rf"(?:'|{_RIGHT_QUOTE}|&#39;|&#x27;|&apos;|&rsquo;)"
_CHARACTER_FORMS = {
    "&": r"(?:&amp;|&#38;|&)",
    "<": r"(?:&lt;|&#60;)",
    ">": r"(?:&gt;|&#62;|>)",
    '"': r"(?:\"|&quot;|&#34;)",
    "'": _APOSTROPHE,
    _RIGHT_QUOTE: _APOSTROPHE,
}


def _normalise_label(text: str) -> str:
    """How a label and the text it matched are compared: entities decoded, one kind of
    apostrophe, single spaces, no case."""
    text = html_lib.unescape(text).replace(_RIGHT_QUOTE, "'")
    return " ".join(text.split()).casefold()


def _label_pattern(label: str) -> str:
    """A regular expression matching `label` in raw HTML text: any run of spaces (or &nbsp;) for
    a space, and a character or its entity for characters HTML may escape."""
    parts = []
    for word_or_space in re.split(r"(\s+)", label.strip()):
        if not word_or_space:
            continue
        if word_or_space.isspace():
            parts.append(_SPACE)
            continue
        parts.extend(_CHARACTER_FORMS.get(ch) or re.escape(ch) for ch in word_or_space)
    return "".join(parts)


@lru_cache(maxsize=32)
def _autolink_matcher(
    terms: tuple[AutolinkTerm, ...],
) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    """One pattern for every label, longest first, and which term each normalised label names.

    When two terms share a label, the first term listed keeps it."""
    owner: dict[str, int] = {}
    labels: dict[str, str] = {}
    for position, term in enumerate(terms):
        for label in term.labels:
            key = _normalise_label(label)
            if key and key not in owner:
                owner[key] = position
                labels[key] = label
    if not owner:
        return None, owner
    ordered = sorted(labels.values(), key=lambda label: (-len(label), label.casefold()))
    # Whole words only: not inside a longer word, a hyphenated word or an entity (&amp;).
    alternatives = "|".join(_label_pattern(label) for label in ordered)
    pattern = re.compile(rf"(?<![\w&#-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return pattern, owner


def glossary_autolink(html: str, terms: Sequence[AutolinkTerm]) -> str:
    """Links the first use of each glossary term in `html` to the term's entry.

    A term is named by any of its labels (preferred term or alternative label), matched as whole
    words and case-insensitively, the longest label first ("implicit bias" before "bias"). Only
    its first occurrence in the text is linked, whichever label it uses; the text keeps its own
    wording and case: `<a href="/glossary/implicit-bias/" class="glossary-link">Implicit
    bias</a>`. Text inside links, headings, code, preformatted text, form controls and
    disclosure summaries is left alone, as are tags and their attributes. A label split by a tag
    ("implicit <em>bias</em>") is not found. Returns `html` unchanged when nothing matches.
    """
    pattern, owner = _autolink_matcher(tuple(terms))
    if pattern is None or not html:
        return html
    linked: set[int] = set()
    open_elements: dict[str, int] = {}

    def link(match: re.Match[str]) -> str:
        position = owner.get(_normalise_label(match.group(0)))
        if position is None or position in linked:
            return match.group(0)
        linked.add(position)
        href = html_lib.escape(terms[position].url, quote=True)
        return f'<a href="{href}" class="glossary-link">{match.group(0)}</a>'

    out: list[str] = []
    cursor = 0
    for token in _TOKEN.finditer(html):
        out.append(_link_text(html[cursor : token.start()], pattern, link, open_elements))
        out.append(token.group(0))
        cursor = token.end()
        tag = _TAG_NAME.match(token.group(0))
        if tag is None:
            continue
        name = tag.group(2).lower()
        if name not in _NO_LINK_ELEMENTS or token.group(0).endswith("/>"):
            continue
        if tag.group(1):
            open_elements[name] = max(0, open_elements.get(name, 0) - 1)
        else:
            open_elements[name] = open_elements.get(name, 0) + 1
    out.append(_link_text(html[cursor:], pattern, link, open_elements))
    return "".join(out)


def _link_text(
    text: str,
    pattern: re.Pattern[str],
    link: Callable[[re.Match[str]], str],
    open_elements: dict[str, int],
) -> str:
    if not text or any(open_elements.values()):
        return text
    return pattern.sub(link, text)


# --- open data -----------------------------------------------------------------------------------


def rich_text_to_plain(html: str) -> str:
    """Plain text of a rich-text value: tags dropped, entities decoded, spaces collapsed, with a
    space kept between blocks ("<p>a</p><p>b</p>" -> "a b")."""
    spaced = re.sub(r"(</(?:p|h\d|li|blockquote|div)>|<br\s*/?>)", r"\1 ", html or "", flags=re.I)
    return " ".join(html_lib.unescape(strip_tags(spaced)).split())


def _other_languages() -> list[str]:
    default = settings.LANGUAGE_CODE.split("-")[0]
    return [code for code, _name in settings.LANGUAGES if code.split("-")[0] != default]


def glossary_csv_columns() -> list[str]:
    """The CSV's columns, in their fixed order (translated columns per non-default language)."""
    columns = [
        "slug",
        "url",
        "kind",
        "title",
        "alternative_labels",
        "short_definition",
        "definition",
        "status",
        "adopted_on",
        "adopting_body",
        "modified_at",
        "issue_areas",
        "related",
        "sources",
        "replaced_by",
        "purpose",
        "numerator",
        "denominator",
        "unit",
        "data_source",
        "update_frequency",
        "disaggregations",
        "owner_department",
        "caveats",
    ]
    for language in _other_languages():
        columns += [
            f"title_{language}",
            f"alternative_labels_{language}",
            f"short_definition_{language}",
            f"definition_{language}",
        ]
    return columns


def _joined(values: Iterable[str]) -> str:
    return MULTI_VALUE_SEPARATOR.join(value for value in values if value)


def _source_text(source: Mapping[str, str]) -> str:
    return f"{source['citation']} <{source['url']}>" if source.get("url") else source["citation"]


def glossary_csv(entries: Sequence[Mapping[str, Any]]) -> str:
    """The export records (see `glossary_export_list`) as CSV text: a header row, then one row
    per entry in the columns of `glossary_csv_columns()`.

    Lists are joined with " | "; definitions are plain text; a source is "citation <url>"; the
    owner department is its name; empty values are empty strings. A text cell that begins
    like a formula gets a leading apostrophe (`lms.spreadsheets`).
    """
    columns = glossary_csv_columns()
    stream = io.StringIO()
    writer = SafeDictWriter(stream, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        department = entry.get("owner_department") or {}
        row: dict[str, str] = {
            "slug": entry["slug"],
            "url": entry["url"],
            "kind": entry["kind"],
            "title": entry["title"],
            "alternative_labels": _joined(entry.get("alternative_labels") or []),
            "short_definition": entry["short_definition"],
            "definition": rich_text_to_plain(entry.get("definition") or ""),
            "status": entry["status"],
            "adopted_on": entry.get("adopted_on") or "",
            "adopting_body": entry.get("adopting_body") or "",
            "modified_at": entry.get("modified_at") or "",
            "issue_areas": _joined(entry.get("issue_areas") or []),
            "related": _joined(entry.get("related") or []),
            "sources": _joined(_source_text(s) for s in entry.get("sources") or []),
            "replaced_by": entry.get("replaced_by") or "",
            "disaggregations": _joined(entry.get("disaggregations") or []),
            "owner_department": department.get("name", ""),
        }
        for name in (
            "purpose",
            "numerator",
            "denominator",
            "unit",
            "data_source",
            "update_frequency",
            "caveats",
        ):
            row[name] = entry.get(name) or ""
        for language in _other_languages():
            words = (entry.get("translations") or {}).get(language) or {}
            row[f"title_{language}"] = words.get("title", "")
            row[f"alternative_labels_{language}"] = _joined(words.get("alternative_labels") or [])
            row[f"short_definition_{language}"] = words.get("short_definition", "")
            row[f"definition_{language}"] = rich_text_to_plain(words.get("definition") or "")
        writer.writerow(row)
    return stream.getvalue()


def glossary_namespace(base_url: str) -> Namespace:
    """The glossary's own RDF vocabulary: `<site>/ns/glossary#` (classes and properties SKOS
    does not have: IndicatorDefinition, status, numerator, ...)."""
    return Namespace(f"{base_url.rstrip('/')}/ns/glossary#")


def issue_area_scheme_iri(base_url: str) -> URIRef:
    """The IRI of the concept scheme of issue areas."""
    return URIRef(f"{base_url.rstrip('/')}/ns/issue-areas")


def issue_area_iri(base_url: str, slug: str) -> URIRef:
    """The IRI of one issue area, a concept of the issue-area scheme."""
    return URIRef(f"{issue_area_scheme_iri(base_url)}#{slug}")


_INDICATOR_PROPERTIES = {
    "purpose": "purpose",
    "numerator": "numerator",
    "denominator": "denominator",
    "unit": "unit",
    "data_source": "dataSource",
    "update_frequency": "updateFrequency",
    "caveats": "caveats",
}


def _literal(text: str, language: str) -> Literal | None:
    text = (text or "").strip()
    return Literal(text, lang=language) if text else None


def _add_words(
    graph: Graph, concept: URIRef, words: Mapping[str, Any], language: str, gl: Namespace
) -> None:
    """The language-tagged words of one entry (its own, or a translation's)."""
    triples: list[tuple[URIRef, Literal | None]] = [
        (SKOS.prefLabel, _literal(words.get("title", ""), language)),
        (gl.shortDefinition, _literal(words.get("short_definition", ""), language)),
    ]
    definition = rich_text_to_plain(words.get("definition") or "") or words.get(
        "short_definition", ""
    )
    triples.append((SKOS.definition, _literal(definition, language)))
    triples += [
        (SKOS.altLabel, _literal(label, language))
        for label in words.get("alternative_labels") or []
    ]
    triples += [
        (gl[name], _literal(words.get(key) or "", language))
        for key, name in _INDICATOR_PROPERTIES.items()
    ]
    triples += [
        (gl.disaggregation, _literal(value, language))
        for value in words.get("disaggregations") or []
    ]
    for predicate, literal in triples:
        if literal is not None:
            graph.add((concept, predicate, literal))


def glossary_graph(
    entries: Sequence[Mapping[str, Any]],
    *,
    base_url: str,
    scheme_iri: str,
    scheme_title: str,
    issue_areas: Sequence[Mapping[str, str]],
) -> Graph:
    """The glossary as a SKOS graph.

    The glossary is a skos:ConceptScheme at `scheme_iri` (the index page's URL); each entry is a
    skos:Concept at its page's URL, in the scheme and one of its top concepts, with
    skos:prefLabel, skos:altLabel, skos:definition (plain text; the short definition for
    indicators) and gl:shortDefinition in English and in each translation's language,
    skos:related to related terms, dcterms:modified, gl:status, gl:adoptedOn, gl:adoptingBody,
    dcterms:isReplacedBy, dcterms:source (a citation, with rdfs:seeAlso for its link) and
    dcterms:subject for each issue area. Issue areas (`issue_areas`: slug, name, name_es) are
    concepts of a second scheme. Indicators are also gl:IndicatorDefinition, with gl:purpose,
    gl:numerator, gl:denominator, gl:unit, gl:dataSource, gl:updateFrequency,
    gl:disaggregation, gl:ownerDepartment and gl:caveats. `gl` is `glossary_namespace(base_url)`.
    """
    default = settings.LANGUAGE_CODE.split("-")[0]
    gl = glossary_namespace(base_url)
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    graph.bind("gl", gl)

    scheme = URIRef(scheme_iri)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.title, Literal(scheme_title, lang=default)))
    graph.add((gl.Term, RDF.type, RDFS.Class))
    graph.add((gl.Term, RDFS.subClassOf, SKOS.Concept))
    graph.add((gl.IndicatorDefinition, RDF.type, RDFS.Class))
    graph.add((gl.IndicatorDefinition, RDFS.subClassOf, SKOS.Concept))

    areas_scheme = issue_area_scheme_iri(base_url)
    graph.add((areas_scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((areas_scheme, DCTERMS.title, Literal("Community issue areas", lang="en")))
    for area in issue_areas:
        concept = issue_area_iri(base_url, area["slug"])
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, areas_scheme))
        graph.add((concept, SKOS.topConceptOf, areas_scheme))
        graph.add((areas_scheme, SKOS.hasTopConcept, concept))
        graph.add((concept, SKOS.prefLabel, Literal(area["name"], lang="en")))
        if area.get("name_es"):
            graph.add((concept, SKOS.prefLabel, Literal(area["name_es"], lang="es")))

    iri_by_slug = {entry["slug"]: URIRef(entry["url"]) for entry in entries}

    def iri(slug: str) -> URIRef:
        return iri_by_slug.get(slug) or URIRef(f"{scheme_iri.rstrip('/')}/{slug}/")

    for entry in entries:
        concept = URIRef(entry["url"])
        graph.add((concept, RDF.type, SKOS.Concept))
        is_indicator = entry["kind"] == "indicator"
        graph.add((concept, RDF.type, gl.IndicatorDefinition if is_indicator else gl.Term))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, concept))
        graph.add((concept, gl.status, Literal(entry["status"])))
        _add_words(graph, concept, entry, default, gl)
        for language, words in sorted((entry.get("translations") or {}).items()):
            _add_words(graph, concept, words, language, gl)
        for slug in entry.get("related") or []:
            graph.add((concept, SKOS.related, iri(slug)))
        if entry.get("replaced_by"):
            graph.add((concept, DCTERMS.isReplacedBy, iri(entry["replaced_by"])))
        for slug in entry.get("issue_areas") or []:
            graph.add((concept, DCTERMS.subject, issue_area_iri(base_url, slug)))
        if entry.get("modified_at"):
            modified = datetime.fromisoformat(entry["modified_at"])
            graph.add((concept, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
        if entry.get("adopted_on"):
            adopted = date.fromisoformat(entry["adopted_on"])
            graph.add((concept, gl.adoptedOn, Literal(adopted, datatype=XSD.date)))
        if entry.get("adopting_body"):
            graph.add((concept, gl.adoptingBody, Literal(entry["adopting_body"])))
        for source in entry.get("sources") or []:
            node = BNode()
            graph.add((concept, DCTERMS.source, node))
            graph.add((node, RDF.type, DCTERMS.BibliographicResource))
            graph.add((node, DCTERMS.bibliographicCitation, Literal(source["citation"])))
            if source.get("url"):
                graph.add((node, RDFS.seeAlso, URIRef(source["url"])))
        department = entry.get("owner_department")
        if department:
            graph.add((concept, gl.ownerDepartment, Literal(department["name"])))
    return graph


def glossary_turtle(graph: Graph) -> str:
    """The SKOS graph as Turtle text."""
    return graph.serialize(format="turtle")


def glossary_jsonld(graph: Graph) -> str:
    """The SKOS graph as JSON-LD, compacted with the skos, dcterms, rdfs and gl prefixes."""
    context = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    wanted = {
        key: context[key]
        for key in ("skos", "dcterms", "rdfs", "rdf", "xsd", "gl")
        if key in context
    }
    return graph.serialize(format="json-ld", context=wanted, indent=2)
