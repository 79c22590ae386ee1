"""The demo city's content: ORE's glossary, its resource library and some TA requests.

`courses.demo.city` calls `content_demo_seed` after the roster and the demo sign-ins exist.
Every step looks for what is already there first (pages by slug under their parent,
translations by locale, documents by title, TA requests by title), so a second run changes
nothing.

The text lives in the YAML files of the `content.demo` package (glossary.yaml,
glossary_es.yaml, resources.yaml, resources_es.yaml, ta_requests.yaml), read through
`lms.demo_data`; this module only builds pages, files and rows from it. Content must not import
the courses app: related courses are found as Wagtail pages whose content type belongs to the
"courses" app.
"""

import io
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, PageLogEntry, Revision

from content.forms import file_problem
from content.glossary.models import GlossaryIndexPage, IndicatorPage, TermPage
from content.resources.models import ResourceIndexPage, ResourcePage
from content.site import site_root
from content.ta.models import TARequest, TARequestEvent, TAStatus
from content.taxonomy import IssueArea
from lms.demo_data import demo_data
from lms.users.models import Department, User

ORE_EMAIL = "ore@demo.lacity.test"
# Core PDF fonts speak Latin-1 only: typographic punctuation becomes its plain equivalent.
PLAIN_PUNCTUATION = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
    }
)


def _text(name: str) -> Any:
    """The content of one of the `content.demo` package's data files."""
    return demo_data("content.demo", name)


def content_demo_seed(*, as_of: date, say: Callable[[str], None] = print) -> None:
    """Loads the demo glossary, resources and TA requests; safe to repeat."""
    say("Glossary: terms of the common language and indicator definitions")
    glossary, added = _glossary_ensure(as_of=as_of)
    say(f"  {added} entries added" if added else "  already there")
    say("Glossary: Spanish translations")
    added = _translations_ensure(glossary)
    say(f"  {added} translations added" if added else "  already there")
    say("TA resources and toolkits, with their files and Spanish translations")
    added, files = _resources_ensure(glossary, as_of=as_of)
    translated = _resource_translations_ensure()
    say(
        f"  {added} resources, {files} files and {translated} Spanish translations added"
        if added or files or translated
        else "  already there"
    )
    say("TA requests")
    added, skipped = _ta_requests_ensure(as_of=as_of)
    say(f"  {added} requests added" if added else "  already there")
    for title in skipped:
        say(f"  skipped (no department or requester yet): {title}")


# Dates -------------------------------------------------------------------------------------


def _on(value: str, as_of: date) -> date | None:
    """An ISO date from the data, never later than as_of; None for an empty string."""
    return min(date.fromisoformat(value), as_of) if value else None


def _moment(day: date, *, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


# Glossary ----------------------------------------------------------------------------------


def _child(parent: Page, model: type[Page], slug: str) -> Page | None:
    return model.objects.child_of(parent).filter(slug=slug).first()


def _sources(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"type": "source", "value": dict(source)} for source in spec["sources"]]


def _term_values(spec: dict[str, Any], *, as_of: date) -> dict[str, Any]:
    return {
        "title": spec["title"],
        "alternative_labels": "\n".join(spec["labels"]),
        "short_definition": spec["short"],
        "definition": spec["definition"],
        "status": spec["status"],
        "adopted_on": _on(spec["adopted_on"], as_of),
        "adopting_body": spec["adopting_body"],
        "sources": _sources(spec),
    }


def _indicator_values(
    spec: dict[str, Any], *, as_of: date, departments: dict[str, Department]
) -> dict[str, Any]:
    return {
        "code": spec.get("code", ""),
        "title": spec["title"],
        "short_definition": spec["short"],
        "purpose": spec["purpose"],
        "numerator": spec["numerator"],
        "denominator": spec["denominator"],
        "unit": spec["unit"],
        "data_source": spec["data_source"],
        "update_frequency": spec["update_frequency"],
        "disaggregations": "\n".join(spec["disaggregations"]),
        "owner_department": departments.get(spec["owner"]),
        "caveats": spec["caveats"],
        "status": spec["status"],
        "adopted_on": _on(spec["adopted_on"], as_of),
        "adopting_body": spec["adopting_body"],
        "sources": _sources(spec),
    }


def _indicator_code_backfill(page: Page, spec: dict[str, Any]) -> None:
    """A demo glossary made before indicators had codes gets them, as a new revision."""
    if isinstance(page, IndicatorPage) and spec.get("code") and not page.code:
        page.code = spec["code"]
        page.save_revision().publish()


def _glossary_index_ensure() -> GlossaryIndexPage:
    home = site_root()
    index = GlossaryIndexPage.objects.child_of(home).first()
    if index is None:
        glossary = _text("glossary.yaml")
        index = GlossaryIndexPage(title=glossary["title"], slug="glossary", intro=glossary["intro"])
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


@transaction.atomic
def _glossary_ensure(*, as_of: date) -> tuple[GlossaryIndexPage, int]:
    """The glossary index and its entries: created as drafts, then linked, then published."""
    index = _glossary_index_ensure()
    glossary = _text("glossary.yaml")
    owners = {spec["owner"] for spec in glossary["indicators"]}
    departments = {d.code: d for d in Department.objects.filter(code__in=owners)}

    def values(spec: dict[str, Any], model: type[Page]) -> dict[str, Any]:
        if model is TermPage:
            return _term_values(spec, as_of=as_of)
        return _indicator_values(spec, as_of=as_of, departments=departments)

    created: list[tuple[Page, dict[str, Any], type[Page]]] = []
    for model, specs in (
        (TermPage, glossary["terms"]),
        (IndicatorPage, glossary["indicators"]),
    ):
        for spec in specs:
            existing = _child(index, model, spec["slug"])
            if existing is not None:
                _indicator_code_backfill(existing, spec)
                continue
            first = {**spec, **spec.get("earlier", {})}
            page = model(slug=spec["slug"], live=False, **values(first, model))
            index.add_child(instance=page)
            created.append((page, spec, model))

    terms = {page.slug: page for page in TermPage.objects.child_of(index)}
    areas = {area.slug: area for area in IssueArea.objects.all()}
    for page, spec, model in created:
        page.issue_areas.set([areas[slug] for slug in spec["areas"] if slug in areas])
        page.related_terms.set([terms[slug] for slug in spec["related"] if slug in terms])
        days = []
        if "earlier" in spec:
            page.change_note = glossary["adopted_note"]
            page.save_revision().publish()
            days.append(_on(spec["adopted_on"], as_of))
            for field, value in values(spec, model).items():
                setattr(page, field, value)
        if spec.get("replaced_by"):
            page.replaced_by = terms.get(spec["replaced_by"])
        page.change_note = spec["change_note"]
        page.save_revision().publish()
        days.append(
            _on(spec.get("revised_on") or spec["adopted_on"] or spec.get("proposed_on", ""), as_of)
            or as_of
        )
        _history_backdate(page, days)
    return index, len(created)


def _history_backdate(page: Page, days: list[date]) -> None:
    """Dates the page's revisions and publications on the days the entry was adopted and revised,
    so that the public history reads like the glossary's real past rather than the seed's run."""
    revisions = list(
        Revision.objects.for_instance(page).order_by("pk").values_list("pk", flat=True)
    )
    moments = [_moment(day, hour=10 + number) for number, day in enumerate(days)]
    for revision_id, moment in zip(revisions, moments, strict=True):
        Revision.objects.filter(pk=revision_id).update(created_at=moment)
        PageLogEntry.objects.filter(page=page, revision_id=revision_id).update(timestamp=moment)
    PageLogEntry.objects.filter(page=page, revision__isnull=True).update(timestamp=moments[0])
    Page.objects.filter(pk=page.pk).update(
        first_published_at=moments[0],
        last_published_at=moments[-1],
        latest_revision_created_at=moments[-1],
    )


@transaction.atomic
def _translations_ensure(index: GlossaryIndexPage) -> int:
    """Spanish copies of the entries; Wagtail copies the missing parents first. A retired
    term's Spanish copy points to the Spanish copy of the term that replaced it."""
    spanish = Locale.objects.filter(language_code="es").first()
    if spanish is None:
        return 0
    glossary_es = _text("glossary_es.yaml")
    created = []
    for slug, fields in glossary_es["entries"].items():
        page = _child(index, TermPage, slug) or _child(index, IndicatorPage, slug)
        if page is None or page.get_translation_or_none(spanish) is not None:
            continue
        created.append((page.copy_for_translation(spanish, copy_parents=True), fields))
    for translation, fields in created:
        translation.title = fields["title"]
        translation.draft_title = fields["title"]
        translation.short_definition = fields["short"]
        if isinstance(translation, TermPage):
            translation.alternative_labels = "\n".join(fields["labels"])
            translation.definition = fields["definition"]
        else:
            for field in (
                "purpose",
                "numerator",
                "denominator",
                "unit",
                "data_source",
                "update_frequency",
                "caveats",
            ):
                setattr(translation, field, fields[field])
            translation.disaggregations = "\n".join(fields["disaggregations"])
        translation.related_terms.set(
            [
                term.get_translation_or_none(spanish) or term
                for term in translation.related_terms.all()
            ]
        )
        if isinstance(translation, TermPage) and translation.replaced_by is not None:
            replacement = translation.replaced_by
            translation.replaced_by = replacement.get_translation_or_none(spanish) or replacement
        translation.change_note = glossary_es["change_note"]
        translation.save_revision().publish()
    _index_translation_ensure(
        index,
        spanish,
        title=glossary_es["title"],
        intro=glossary_es["intro"],
        english_intro=_text("glossary.yaml")["intro"],
    )
    return len(created)


def _index_translation_ensure(
    index: Page, spanish: Locale, *, title: str, intro: str | None, english_intro: str
) -> bool:
    """Gives the Spanish copy of a listing (made by Wagtail, as an alias, when the first entry
    under it was translated) its Spanish title and intro. Only a copy that still carries the
    English text changes, so an editor's translation stays and a second run writes nothing."""
    translation = index.get_translation_or_none(spanish)
    if translation is None:
        return False
    translation = translation.specific
    if translation.alias_of_id and (title or intro):
        # Wagtail made it an alias of the English page, which mirrors every English change:
        # it becomes a page of its own, as wagtail-localize does when it is translated.
        ConvertAliasPageAction(translation).execute(skip_permission_checks=True)
        translation = type(translation).objects.get(pk=translation.pk)
    changed = False
    if translation.title == index.title and title:
        translation.title = translation.draft_title = title
        changed = True
    if intro and translation.intro == english_intro:
        translation.intro = intro
        changed = True
    if changed:
        translation.save_revision().publish()
    return changed


# Resources ---------------------------------------------------------------------------------


def _latin1(text: str) -> str:
    plain = text.translate(PLAIN_PUNCTUATION)
    return plain.encode("latin-1", errors="replace").decode("latin-1")


def _pdf_bytes(spec: dict[str, Any]) -> bytes:
    from fpdf import FPDF

    library = _text("resources.yaml")
    pdf = FPDF(format="Letter")
    pdf.set_title(_latin1(spec["title"]))
    pdf.set_author(library["author"])
    pdf.set_lang(spec["language"])
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    headings = 0
    for kind, raw in spec["blocks"]:
        text = _latin1(raw)
        if kind == "h":
            pdf.ln(2 if headings else 0)
            pdf.set_font("Helvetica", style="B", size=16 if not headings else 12)
            pdf.multi_cell(width, 8 if not headings else 7, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            headings += 1
            continue
        pdf.set_font("Helvetica", size=11)
        if kind == "p":
            pdf.multi_cell(width, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind in {"li", "check"}:
            marker = "-" if kind == "li" else "[   ]"
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(10, 6, marker)
            pdf.multi_cell(width - 14, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "field":
            pdf.multi_cell(width, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(14)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
            pdf.ln(4)
        else:
            raise ValueError(f"Unknown block kind {kind!r} in {spec['key']}")
    pdf.ln(6)
    pdf.set_font("Helvetica", style="I", size=9)
    pdf.multi_cell(
        width,
        5,
        _latin1(f"{library['author']}. {library['file_note']}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def _xlsx_bytes(spec: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import column_index_from_string, get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = _text("resources.yaml")["author"]
    workbook.properties.title = spec["title"]
    for sheet in spec["sheets"]:
        worksheet = workbook.create_sheet(sheet["name"])
        worksheet.append([heading for heading, _width in sheet["columns"]])
        for number, (_heading, width) in enumerate(sheet["columns"], start=1):
            worksheet.column_dimensions[get_column_letter(number)].width = width
            worksheet.cell(row=1, column=number).font = Font(bold=True)
        rows = sheet["rows"]
        for row_number, row in enumerate(rows, start=2):
            worksheet.append(
                [
                    cell.format(row=row_number)
                    if isinstance(cell, str) and cell.startswith("=")
                    else cell
                    for cell in row
                ]
            )
            worksheet.cell(row=row_number, column=1).alignment = Alignment(wrap_text=True)
        total = sheet.get("total")
        if total:
            cells: list[Any] = [total["label"], *[""] * (len(sheet["columns"]) - 1)]
            last = len(rows) + 1
            for column in total["columns"]:
                cells[column_index_from_string(column) - 1] = f"=SUM({column}2:{column}{last})"
            worksheet.append(cells)
            for number in range(1, len(cells) + 1):
                worksheet.cell(row=last + 1, column=number).font = Font(bold=True)
        worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _document_ensure(spec: dict[str, Any]) -> tuple[Any, bool]:
    """The document titled spec["title"], generated and stored the first time."""
    document_model = get_document_model()
    document = document_model.objects.filter(title=spec["title"]).first()
    if document is not None:
        return document, False
    builders = {"pdf": _pdf_bytes, "xlsx": _xlsx_bytes}
    data = builders[spec["format"]](spec)
    name = f"{spec['key']}.{spec['format']}"
    problem = file_problem(name, data[:8192])
    if problem:
        raise ValueError(f"The demo file {name} would be refused: {problem}")
    document = document_model(title=spec["title"])
    document.file = ContentFile(data, name=name)
    document._set_document_file_metadata()
    document.save()
    return document, True


def _course_pages(slugs: Iterable[str], locale_id: int) -> dict[str, Page]:
    """Live course pages by slug, found without importing the courses app."""
    pages = Page.objects.live().filter(
        slug__in=list(slugs),
        locale_id=locale_id,
        content_type__app_label="courses",
        content_type__model="coursepage",
    )
    return {page.slug: page for page in pages}


def _resource_index_ensure() -> ResourceIndexPage:
    home = site_root()
    index = ResourceIndexPage.objects.child_of(home).first()
    if index is None:
        library = _text("resources.yaml")
        index = ResourceIndexPage(title=library["title"], slug="resources", intro=library["intro"])
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


@transaction.atomic
def _resources_ensure(glossary: GlossaryIndexPage, *, as_of: date) -> tuple[int, int]:
    index = _resource_index_ensure()
    specs = _text("resources.yaml")["resources"]
    owners = {spec["owner"] for spec in specs}
    departments = {d.code: d for d in Department.objects.filter(code__in=owners)}
    areas = {area.slug: area for area in IssueArea.objects.all()}
    terms = {page.slug: page for page in TermPage.objects.child_of(glossary)}
    courses = _course_pages({slug for spec in specs for slug in spec["courses"]}, index.locale_id)
    added = files_added = 0
    for spec in specs:
        if _child(index, ResourcePage, spec["slug"]) is not None:
            continue
        files = []
        for file_spec in spec["files"]:
            document, new = _document_ensure(file_spec)
            files_added += new
            files.append(
                {
                    "type": "file",
                    "value": {
                        "document": document.pk,
                        "label": file_spec["label"],
                        "language": file_spec["language"],
                    },
                }
            )
        page = ResourcePage(
            title=spec["title"],
            slug=spec["slug"],
            live=False,
            summary=spec["summary"],
            kind=spec["kind"],
            owner_department=departments.get(spec["owner"]),
            partner=spec["partner"],
            audience=spec["audience"],
            languages=spec["languages"],
            body=spec["body"],
            files=files,
            version=spec["version"],
            last_reviewed_on=_on(spec["last_reviewed_on"], as_of),
            related_courses=[
                {"type": "course", "value": courses[slug].pk}
                for slug in spec["courses"]
                if slug in courses
            ],
        )
        index.add_child(instance=page)
        page.issue_areas.set([areas[slug] for slug in spec["areas"] if slug in areas])
        page.related_terms.set([terms[slug] for slug in spec["terms"] if slug in terms])
        page.save_revision().publish()
        added += 1
    return added, files_added


@transaction.atomic
def _resource_translations_ensure() -> int:
    """Live Spanish translations of the library and of every demo resource: the text from
    resources_es.yaml, the same files with Spanish labels, and the related courses
    and glossary terms in Spanish where they are translated. Returns how many resources were
    translated; one already in Spanish is left as it is."""
    spanish = Locale.objects.filter(language_code="es").first()
    index = ResourceIndexPage.objects.child_of(site_root()).first()
    if spanish is None or index is None:
        return 0
    library, library_es = _text("resources.yaml"), _text("resources_es.yaml")
    created = []
    for slug, fields in library_es["resources"].items():
        page = _child(index, ResourcePage, slug)
        if page is None or page.get_translation_or_none(spanish) is not None:
            continue
        created.append((page.copy_for_translation(spanish, copy_parents=True), fields))
    labels_by_key = {
        spec["slug"]: {f["label"]: f["key"] for f in spec["files"]} for spec in library["resources"]
    }
    for translation, fields in created:
        translation.title = translation.draft_title = fields["title"]
        for field in ("summary", "partner", "audience", "body"):
            setattr(translation, field, fields[field])
        keys = labels_by_key.get(translation.slug, {})
        files = []
        for block in translation.files.raw_data:
            value = dict(block["value"])
            key = keys.get(value.get("label"))
            value["label"] = fields["labels"].get(key, value.get("label"))
            files.append({**block, "value": value})
        translation.files = files
        translation.related_courses = [
            {"type": "course", "value": _spanish_or_same(block.value, spanish).pk}
            for block in translation.related_courses
            if block.value is not None
        ]
        translation.related_terms.set(
            [_spanish_or_same(term, spanish) for term in translation.related_terms.all()]
        )
        translation.save_revision().publish()
    _index_translation_ensure(
        index,
        spanish,
        title=library_es["title"],
        intro=library_es["intro"],
        english_intro=library["intro"],
    )
    return len(created)


def _spanish_or_same(page: Page, spanish: Locale) -> Page:
    """The live Spanish translation of `page`, else `page` itself."""
    translation = page.get_translation_or_none(spanish)
    return translation if translation is not None and translation.live else page


# TA requests -------------------------------------------------------------------------------


def _requester(spec: dict[str, Any], department: Department) -> User | None:
    if spec["requester"]:
        return User.objects.filter(email=spec["requester"], is_active=True).first()
    people = User.objects.filter(department=department, is_active=True)
    liaison = people.filter(liaison_scopes__department=department).order_by("pk").first()
    return liaison or people.order_by("pk").first()


def _step_note(step: str, spec: dict[str, Any]) -> str:
    notes = {
        **_text("ta_requests.yaml")["step_notes"],
        TAStatus.COMPLETED: spec["outcome"],
        TAStatus.DECLINED: spec.get("decline_reason", ""),
    }
    return notes[step]


@transaction.atomic
def _ta_requests_ensure(*, as_of: date) -> tuple[int, list[str]]:
    ore = User.objects.filter(email=ORE_EMAIL).first()
    areas = {area.slug: area for area in IssueArea.objects.all()}
    added, skipped = 0, []
    text = _text("ta_requests.yaml")
    for spec in text["requests"]:
        if TARequest.objects.filter(title=spec["title"]).exists():
            continue
        department = Department.objects.filter(code=spec["department"]).first()
        requester = _requester(spec, department) if department else None
        if requester is None:
            skipped.append(spec["title"])
            continue
        created_at = _moment(as_of - timedelta(days=spec["created_days_ago"]), hour=9)
        path = spec["path"]
        first, last = spec["desired"]
        request = TARequest.objects.create(
            department=department,
            requester=requester,
            topic=areas[spec["topic"]],
            kind=spec["kind"],
            title=spec["title"],
            description=spec["description"],
            desired_start_on=as_of + timedelta(days=first),
            desired_end_on=as_of + timedelta(days=last),
            status=path[-1] if path else TAStatus.NEW,
            decline_reason=spec.get("decline_reason", ""),
            assigned_to=ore if path else None,
            internal_notes=spec["notes"],
            hours_logged=Decimal(spec["hours"]),
            outcome=spec["outcome"],
            created_at=created_at,
        )
        events = [
            TARequestEvent(
                request=request,
                from_status="",
                to_status=TAStatus.NEW,
                by=requester,
                note=text["submitted_note"],
                at=created_at,
            )
        ]
        previous = TAStatus.NEW
        for step, days in zip(path, spec["step_days"], strict=True):
            events.append(
                TARequestEvent(
                    request=request,
                    from_status=previous,
                    to_status=step,
                    by=ore,
                    note=_step_note(step, spec),
                    at=created_at + timedelta(days=days, hours=2),
                )
            )
            previous = step
        TARequestEvent.objects.bulk_create(events)
        TARequest.objects.filter(pk=request.pk).update(updated_at=events[-1].at)
        added += 1
    return added, skipped
