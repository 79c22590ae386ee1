"""The published monitoring dataset: versioned releases of the training indicators.

`monitoring_release_publish` reads the visible analytics cells (never a run still being
written, never person-level rows), withholds small cells (`analytics.releases.suppression`),
names each indicator's glossary definition, and writes one directory per release:

    <MONITORING_RELEASE_DIR>/<version>/training-indicators.csv      the tidy table, UTF-8
    <MONITORING_RELEASE_DIR>/<version>/training-indicators.parquet  the same rows and values
    <MONITORING_RELEASE_DIR>/<version>/datapackage.json             Frictionless Data Package
    <MONITORING_RELEASE_DIR>/LATEST                                 the latest valid version

Versions are the UTC time of publication, `2026-11-25T030012Z` (a second release within the
same second gets `.2`, `.3`...), so they sort in time order. The package is validated with
Frictionless; the result is stored on the `MonitoringRelease`. Only a valid release moves the
latest pointer: the `LATEST` file (one line, the version; a plain file rather than a symlink so
it survives copying to object storage and Windows shares, replaced atomically with
`os.replace`) and `MonitoringRelease.is_latest`, in the same transaction. An invalid release is
recorded with its errors and its files stay for inspection; earlier releases are never touched.
When MONITORING_PUSH_URL is set, a valid release is then pushed by a Celery task queued on
commit (`analytics.releases.pushing`); a failed push never undoes the release.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from analytics.pipeline.indicators import BY_CODE, INDICATORS, PERIOD_TYPES, period_label
from analytics.pipeline.models import AnalyticsRun
from analytics.pipeline.selectors import last_complete_run_get, visible_cells_frame
from analytics.releases.models import MonitoringRelease, PushStatus, ReleaseStatus
from analytics.releases.suppression import cells_suppressed, suppression_rule_text
from lms.fiscal import fiscal_year_of
from lms.queueing import task_named
from lms.spreadsheets import FORMULA_TRIGGERS, NO_FORMULA_PATTERN, defused

Progress = Callable[[str], None]

CSV_NAME = "training-indicators.csv"
PARQUET_NAME = "training-indicators.parquet"
PACKAGE_NAME = "datapackage.json"
LATEST_NAME = "LATEST"
CSV_RESOURCE = "training-indicators"
PARQUET_RESOURCE = "training-indicators-parquet"
RELEASE_FILES = {"csv": CSV_NAME, "parquet": PARQUET_NAME, "datapackage": PACKAGE_NAME}
CITYWIDE = "citywide"
# Queued by name: the task module wraps this one (analytics/releases/tasks.py).
PUSH_TASK = "analytics.tasks_publishing.monitoring_release_push_task"
# Columns that change between two releases of the same numbers.
VOLATILE_COLUMNS = ("run_id", "computed_at")
MAX_STORED_ERRORS = 50
# The Parquet is checked row by row by Frictionless on its first rows only (reading all of it
# that way took 200 s at city scale); all of its rows are compared with the CSV's, which
# Frictionless checks in full.
PARQUET_SAMPLE_ROWS = 1000
# Frictionless reads a Parquet file through pandas, which turns the nulls of integer and number
# columns into NaN (and of datetime columns into NaT): the Parquet resource's schema names them
# as missing values so the standard validator reads them as the nulls they are.
PARQUET_MISSING_VALUES = ["", "nan", "NaT"]
TEXT_ESCAPING = (
    "Text values that would begin with =, +, -, @, a tab or a carriage return are published "
    "with one leading apostrophe (') so that spreadsheet programs show them as text instead of "
    "running them as formulas (OWASP CSV injection); remove that one apostrophe to get the "
    "original text. The CSV and the Parquet hold the same, escaped, values; numbers are "
    "numbers and never escaped. Text fields carry a pattern constraint that validators check."
)
TABLE_SCHEMA_ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "datetime": pa.timestamp("ms", tz="UTC"),
}

LICENSES = {
    "ODC-PDDL-1.0": (
        "Open Data Commons Public Domain Dedication and License v1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
    "ODC-BY-1.0": (
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "CC0-1.0": ("Creative Commons Zero v1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
}


class NoAnalyticsRunError(RuntimeError):
    """Nothing to publish: no analytics run has completed yet."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type
    arrow: pa.DataType
    description: str
    required: bool = False


def _columns(threshold: int) -> list[Column]:
    withheld = (
        " Empty when the cell is withheld (suppressed = true; see the suppression rule, "
        f"threshold {threshold})."
    )
    units = "; ".join(f"{i.code}: {i.unit}" for i in INDICATORS)
    return [
        Column("indicator_id", "string", pa.string(), "The indicator's code.", required=True),
        Column("indicator_name", "string", pa.string(), "The indicator's name in the glossary."),
        Column(
            "definition_url",
            "string",
            pa.string(),
            "The glossary page defining the indicator (numerator, denominator, source).",
        ),
        Column(
            "period_type",
            "string",
            pa.string(),
            "fiscal_year (July to June), fiscal_quarter or month.",
            required=True,
        ),
        Column(
            "period",
            "string",
            pa.string(),
            "The period: 'FY 2025-26', 'FY 2025-26 Q2' or '2025-11'.",
        ),
        Column("period_start", "date", pa.date32(), "First day of the period.", required=True),
        Column(
            "period_end",
            "date",
            pa.date32(),
            "Last day of the period; a period still running is reported as of the reporting date.",
            required=True,
        ),
        Column(
            "requirement_id",
            "integer",
            pa.int64(),
            "The training requirement's id, if the indicator is about one.",
        ),
        Column("requirement", "string", pa.string(), "The training requirement's name, if any."),
        Column(
            "course_id",
            "integer",
            pa.int64(),
            "The course's id, if the indicator is about one course.",
        ),
        Column("course", "string", pa.string(), "The course's title, if any."),
        Column(
            "scope",
            "string",
            pa.string(),
            "citywide (all employees), department, or job_class (citywide, by job class).",
            required=True,
        ),
        Column(
            "department_code",
            "string",
            pa.string(),
            "The department's code, or 'citywide' for citywide cells (also those by job class).",
            required=True,
        ),
        Column("department_name", "string", pa.string(), "The department's name, or 'Citywide'."),
        Column(
            "job_class_code", "string", pa.string(), "The job class code, for cells by job class."
        ),
        Column(
            "job_class_title", "string", pa.string(), "The job class title, for cells by job class."
        ),
        Column(
            "numerator",
            "number",
            pa.float64(),
            "Rates and counts: the people counted (e.g. completed). Means: the sum of the values. "
            "Medians: empty." + withheld,
        ),
        Column(
            "denominator",
            "number",
            pa.float64(),
            "Rates and counts: the people in the group (active, in the audience, not exempt, on "
            "the period's reporting date). Medians and means: the people or responses summarised. "
            "Empty for technical-assistance counts." + withheld,
        ),
        Column(
            "value",
            "number",
            pa.float64(),
            f"The indicator's value, in `unit` ({units}). Proportions are from 0 to 1." + withheld,
        ),
        Column("unit", "string", pa.string(), "The unit of `value`."),
        Column(
            "suppressed",
            "boolean",
            pa.bool_(),
            "true when the cell's numbers are withheld under the small-cell suppression rule.",
            required=True,
        ),
        Column(
            "run_id",
            "integer",
            pa.int64(),
            "The analytics run that computed the cell.",
            required=True,
        ),
        Column(
            "computed_at",
            "datetime",
            pa.timestamp("ms", tz="UTC"),
            "When that run finished (UTC).",
        ),
    ]


PRIMARY_KEY = [
    "indicator_id",
    "period_type",
    "period_start",
    "requirement_id",
    "course_id",
    "department_code",
    "job_class_code",
]


def _say(progress: Progress | None, line: str) -> None:
    if progress is not None:
        progress(line)


# --- the service ---------------------------------------------------------------------------


def monitoring_release_publish(
    *,
    out_dir: Path | None = None,
    as_of: date | None = None,
    created_by=None,
    progress: Progress | None = None,
) -> MonitoringRelease:
    """Writes a new release of the monitoring dataset and records it.

    `out_dir`: the releases directory (default MONITORING_RELEASE_DIR); the release goes in
    `<out_dir>/<version>/`. `as_of`: the reporting date the release is about, which picks the
    fiscal year of the headline numbers (default: the latest reporting date of the runs it is
    built from). `created_by`: the user who asked for it (None for the nightly task).
    `progress`: called with one line per step.

    Returns the MonitoringRelease, valid (and then the latest) or invalid (with its
    validation errors; the latest stays where it was). Raises NoAnalyticsRunError when no
    analytics run has completed yet; nothing is written then.
    """
    root = Path(out_dir or settings.MONITORING_RELEASE_DIR)
    threshold = int(settings.MONITORING_SUPPRESSION_THRESHOLD)
    if last_complete_run_get() is None:
        raise NoAnalyticsRunError(
            "No analytics run has completed yet: run `python manage.py compute_analytics` first."
        )
    _say(progress, "Reading the visible analytics cells…")
    cells = visible_cells_frame()
    run_ids = sorted({int(pk) for pk in cells["run_id"]}) if len(cells) else []
    if as_of is None:
        as_of = _reporting_date(run_ids)
    _say(progress, f"{len(cells)} cells from run(s) {', '.join(map(str, run_ids)) or '-'}.")

    errors: list[dict] = []
    definitions = _definitions(sorted(set(cells["indicator"])) if len(cells) else [])
    for code in sorted(set(cells["indicator"]) if len(cells) else []):
        if code not in definitions:
            errors.append(
                {
                    "type": "missing-definition",
                    "field": "indicator_id",
                    "note": f"No live glossary indicator page has the code {code!r}: publish "
                    f"one (Glossary > indicator definition, field 'published indicator code').",
                }
            )
    _say(progress, f"Withholding small cells (threshold {threshold})…")
    table = _table(cells, definitions=definitions, threshold=threshold)
    suppressed = int(table["suppressed"].sum())
    _say(progress, f"{len(table)} rows, {suppressed} withheld.")

    created_at = timezone.now()
    root.mkdir(parents=True, exist_ok=True)
    version = _new_version(root, created_at)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{version}-", dir=root))
    try:
        _say(progress, f"Writing release {version}…")
        columns = _columns(threshold)
        _write_csv(table, staging / CSV_NAME)
        _write_parquet(table, staging / PARQUET_NAME, columns)
        package = _package(
            version=version,
            created_at=created_at,
            as_of=as_of,
            columns=columns,
            threshold=threshold,
            row_count=len(table),
        )
        (staging / PACKAGE_NAME).write_text(
            json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        _say(progress, "Validating with Frictionless…")
        errors.extend(monitoring_release_validate(staging))
    except BaseException:
        # Nothing half-written is left behind: no version directory, no record.
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(root / version, ignore_errors=True)
        raise
    directory = root / version
    os.replace(staging, directory)

    is_valid = not errors
    release = MonitoringRelease(
        version=version,
        created_at=created_at,
        as_of=as_of,
        runs=run_ids,
        directory=str(directory.resolve()),
        row_count=len(table),
        suppressed_count=suppressed,
        status=ReleaseStatus.VALID if is_valid else ReleaseStatus.INVALID,
        validation_errors=errors[:MAX_STORED_ERRORS],
        headline=headline_numbers(table, as_of=as_of),
        sha256=_sha256(directory / CSV_NAME),
        push_status=PushStatus.NOT_CONFIGURED,
        created_by=created_by,
    )
    with transaction.atomic():
        _latest_lock()
        if is_valid:
            if settings.MONITORING_PUSH_URL:
                release.push_status = PushStatus.PENDING
            MonitoringRelease.objects.filter(is_latest=True).update(is_latest=False)
            release.is_latest = True
        release.save()
        if is_valid:
            # Last in the transaction: if the pointer cannot be written, nothing is recorded.
            _latest_write(root, version)
            if release.push_status == PushStatus.PENDING:
                task_named(PUSH_TASK).delay_on_commit(release_id=release.pk)
    if is_valid:
        _say(progress, f"Release {version} is valid and is now the latest.")
    else:
        _say(
            progress,
            f"Release {version} is INVALID ({len(errors)} error(s)); the latest stays as it was.",
        )
    return release


def _latest_lock() -> None:
    """Two publishes at once (the nightly task and the button) take turns at moving the latest
    mark, so the second sees the first's release instead of tripping the one-latest constraint.
    SQLite already lets one writer in at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LATEST_LOCK_KEY])


# An arbitrary constant naming the advisory lock ("ORE-R" in ASCII).
_LATEST_LOCK_KEY = 0x4F52452D52


def latest_version_read(out_dir: Path | None = None) -> str | None:
    """The version the LATEST file names, or None when there is none."""
    path = Path(out_dir or settings.MONITORING_RELEASE_DIR) / LATEST_NAME
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


# --- steps ---------------------------------------------------------------------------------


def _reporting_date(run_ids: list[int]) -> date:
    days = list(AnalyticsRun.objects.filter(pk__in=run_ids).values_list("as_of", flat=True))
    if days:
        return max(days)
    run = last_complete_run_get()
    return run.as_of if run else timezone.localdate()


@dataclass(frozen=True)
class Definition:
    name: str
    url: str


def _definitions(codes: list[str]) -> dict[str, Definition]:
    """code -> the live, public glossary indicator page (default locale) defining it."""
    from wagtail.models import Locale

    from content.glossary.models import EntryStatus, IndicatorPage
    from content.glossary.selectors import glossary_entry_iri

    if not codes:
        return {}
    pages = (
        IndicatorPage.objects.live()
        .filter(locale=Locale.get_default(), code__in=codes)
        .exclude(status=EntryStatus.DRAFT)
        .order_by("path")
    )
    found: dict[str, Definition] = {}
    for page in pages:
        # The public URI the glossary's own open data uses (SITE_URL), not the Site record's.
        url = glossary_entry_iri(page)
        if page.code not in found and url:
            found[page.code] = Definition(name=page.title, url=url)
    return found


def _table(
    cells: pd.DataFrame, *, definitions: dict[str, Definition], threshold: int
) -> pd.DataFrame:
    """The published rows, in the order of the visible cells (which is deterministic)."""
    names = [column.name for column in _columns(threshold)]
    if cells.empty:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in names})
    protected = cells_suppressed(cells, threshold=threshold)

    def optional_int(values) -> list:
        return [None if pd.isna(v) else int(v) for v in values]

    def optional_str(values) -> list:
        return [
            None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values
        ]

    scope = protected["scope"].tolist()
    is_department = [s == "department" for s in scope]
    table = pd.DataFrame(
        {
            "indicator_id": protected["indicator"].astype(object).tolist(),
            "indicator_name": [
                definitions[c].name if c in definitions else _registry_name(c)
                for c in protected["indicator"]
            ],
            "definition_url": [
                definitions[c].url if c in definitions else None for c in protected["indicator"]
            ],
            "period_type": protected["period_type"].tolist(),
            "period": [
                period_label(t, s)
                for t, s in zip(protected["period_type"], protected["period_start"], strict=True)
            ],
            "period_start": protected["period_start"].tolist(),
            "period_end": protected["period_end"].tolist(),
            "requirement_id": optional_int(protected["requirement_id"]),
            "requirement": optional_str(protected["requirement_name"]),
            "course_id": optional_int(protected["course_id"]),
            "course": optional_str(protected["course_title"]),
            "scope": scope,
            "department_code": [
                code if dep else CITYWIDE
                for code, dep in zip(
                    optional_str(protected["department_code"]), is_department, strict=True
                )
            ],
            "department_name": [
                name if dep else "Citywide"
                for name, dep in zip(
                    optional_str(protected["department_name"]), is_department, strict=True
                )
            ],
            "job_class_code": optional_str(protected["job_class_code"]),
            "job_class_title": optional_str(protected["job_class_title"]),
            "numerator": [_rounded(v, 4) for v in protected["numerator"]],
            "denominator": [_rounded(v, 4) for v in protected["denominator"]],
            "value": [_rounded(v, 6) for v in protected["value"]],
            "unit": [BY_CODE[c].unit if c in BY_CODE else None for c in protected["indicator"]],
            "suppressed": [bool(v) for v in protected["suppressed"]],
            "run_id": [int(v) for v in protected["run_id"]],
            "computed_at": [_utc_second(v) for v in protected["computed_at"]],
        },
        columns=names,
        dtype=object,  # keeps None as None (not NaN) for the CSV and the Parquet types
    )
    for column in _columns(threshold):
        if column.type == "string":
            table[column.name] = pd.Series(
                _texts(table[column.name]), index=table.index, dtype=object
            )
    return table


def _texts(values: pd.Series) -> list[str | None]:
    """A text column as published: empty is missing (None, as the CSV reads it back), and text
    that could start a spreadsheet formula is defused (`TEXT_ESCAPING`)."""
    return [None if value is None or value == "" else defused(str(value)) for value in values]


def _registry_name(code: str) -> str:
    known = BY_CODE.get(code)
    return known.name if known else code


def _rounded(value, places: int) -> float | None:
    if value is None or pd.isna(value):
        return None
    return round(float(value), places)


def _utc_second(value) -> datetime | None:
    if value is None or pd.isna(value):
        return None
    moment = pd.Timestamp(value).to_pydatetime()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def _new_version(root: Path, moment: datetime) -> str:
    """The release's version, claimed by creating its (empty) directory: two publishes in the
    same second get `.2`, `.3`…, never the same one. The finished release replaces the empty
    directory."""
    base = moment.astimezone(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    number = 1
    while True:
        version = base if number == 1 else f"{base}.{number}"
        if not MonitoringRelease.objects.filter(version=version).exists():
            try:
                (root / version).mkdir()
            except FileExistsError:
                pass
            else:
                return version
        number += 1


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    text = table.map(_csv_text) if len(table) else table
    text.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _write_parquet(table: pd.DataFrame, path: Path, columns: list[Column]) -> None:
    schema = pa.schema([pa.field(c.name, c.arrow, nullable=not c.required) for c in columns])
    arrays = [pa.array(table[c.name].tolist(), type=c.arrow) for c in columns]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)


def _schema(columns: list[Column], threshold: int) -> dict:
    fields = []
    for column in columns:
        field: dict = {
            "name": column.name,
            "type": column.type,
            "description": column.description,
        }
        constraints: dict = {}
        if column.required:
            constraints["required"] = True
        if column.name == "indicator_id":
            constraints["enum"] = [i.code for i in INDICATORS]
        elif column.name == "period_type":
            constraints["enum"] = list(PERIOD_TYPES)
        elif column.name == "scope":
            constraints["enum"] = ["citywide", "department", "job_class"]
        elif column.name in ("numerator", "denominator"):
            constraints["minimum"] = 0
        if column.type == "boolean":
            field["trueValues"] = ["true"]
            field["falseValues"] = ["false"]
        if column.type == "datetime":
            field["format"] = "%Y-%m-%dT%H:%M:%SZ"
        if column.name in ("indicator_id", "unit"):
            field["description"] += " Units: " + "; ".join(
                f"{i.code} in {i.unit}" for i in INDICATORS
            )
        if column.type == "string" and "enum" not in constraints:
            constraints["pattern"] = NO_FORMULA_PATTERN
            field["description"] += (
                " A value that would begin with "
                + " ".join(map(repr, FORMULA_TRIGGERS))
                + " has one leading apostrophe added (see textEscaping)."
            )
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {"fields": fields, "primaryKey": PRIMARY_KEY, "missingValues": [""]}


def _package(
    *,
    version: str,
    created_at: datetime,
    as_of: date,
    columns: list[Column],
    threshold: int,
    row_count: int,
) -> dict:
    license_id = settings.MONITORING_LICENSE
    title, path = LICENSES.get(license_id, (license_id, None))
    license_entry = {"name": license_id, "title": title}
    if path:
        license_entry["path"] = path
    rule = suppression_rule_text(threshold)
    schema = _schema(columns, threshold)
    units = {i.code: i.unit for i in INDICATORS}
    return {
        "profile": "data-package",
        "name": "equity-lms-training-indicators",
        "title": "Racial equity training indicators",
        "description": (
            "Completion and knowledge indicators of the City's racial equity trainings and "
            "technical assistance, citywide, by department and by job class, per fiscal year, "
            "fiscal quarter and month. One row per indicator x requirement or course x group x "
            "period; no row is about one person. Each row links the glossary page defining its "
            f"indicator. Units: {'; '.join(f'{k}: {v}' for k, v in units.items())}. " + rule
        ),
        "version": version,
        "created": created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "reportingDate": as_of.isoformat(),
        "licenses": [license_entry],
        "contributors": [{"title": settings.MONITORING_PUBLISHER, "role": "publisher"}],
        "publisher": settings.MONITORING_PUBLISHER,
        "keywords": ["racial equity", "training", "monitoring", "Los Angeles"],
        "suppression": {"threshold": threshold, "rule": rule},
        "textEscaping": TEXT_ESCAPING,
        "units": units,
        "resources": [
            {
                "name": CSV_RESOURCE,
                "title": "Training indicators (CSV)",
                "path": CSV_NAME,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n"},
                "schema": schema,
                "rowCount": row_count,
            },
            {
                "name": PARQUET_RESOURCE,
                "title": "Training indicators (Parquet): the same rows and values",
                "path": PARQUET_NAME,
                "profile": "tabular-data-resource",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": "The same rows, columns and values as training-indicators, "
                "for analysis tools, with Parquet types (dates as date32, computed_at as a UTC "
                "timestamp, empty cells as nulls). Its schema is the CSV's, with 'nan' and "
                "'NaT' also read as missing: tools that read Parquet through pandas (the "
                "Frictionless validator does) see the nulls of number and datetime columns "
                "that way.",
                "schema": {**schema, "missingValues": PARQUET_MISSING_VALUES},
                "rowCount": row_count,
            },
        ],
    }


def monitoring_release_validate(directory: Path) -> list[dict]:
    """Checks a release directory the way `frictionless validate datapackage.json` does, at a
    fraction of its cost. Returns the errors as plain dicts (empty when valid).

    - Frictionless: the package descriptor (both resources and their schemas), and every row
      of the CSV against its Table Schema.
    - The Parquet: Frictionless reads its first `PARQUET_SAMPLE_ROWS` rows against its declared
      schema (so the standard tool's own reading is exercised); pyarrow checks its column
      names and types against that schema, its row count and required columns, and that all
      its rows equal the CSV's, which makes every constraint checked on the CSV hold for it.
    """
    import frictionless

    path = directory / PACKAGE_NAME
    errors: list[dict] = []
    descriptor = frictionless.Package.validate_descriptor(str(path))
    errors.extend({"type": error.type, "note": error.note} for error in descriptor.errors)
    if not descriptor.valid:
        return errors
    package = frictionless.Package(str(path))
    errors.extend(_frictionless_errors(package.get_resource(CSV_RESOURCE).validate()))
    resources = {r["name"]: r for r in json.loads(path.read_text(encoding="utf-8"))["resources"]}
    errors.extend(_parquet_sample_errors(directory, resources[PARQUET_RESOURCE]))
    errors.extend(_parquet_errors(directory, resources))
    return errors


def _parquet_sample_errors(directory: Path, resource: dict) -> list[dict]:
    """Frictionless on the Parquet's first rows, copied into a small file (Frictionless loads
    a whole Parquet file into pandas before its first row, even with a row limit)."""
    import frictionless

    try:
        rows = pq.read_table(directory / resource["path"]).slice(0, PARQUET_SAMPLE_ROWS)
    except (OSError, pa.ArrowException) as problem:
        return [{"resource": PARQUET_RESOURCE, "type": "parquet", "note": str(problem)}]
    with tempfile.TemporaryDirectory(prefix=".sample-", dir=directory) as sample:
        pq.write_table(rows, Path(sample) / PARQUET_NAME)
        descriptor = {**resource, "path": PARQUET_NAME}
        descriptor.pop("rowCount", None)
        report = frictionless.Resource(descriptor, basepath=sample).validate()
    return _frictionless_errors(report)


def _frictionless_errors(report) -> list[dict]:
    errors = []
    for task in report.tasks:
        for error in task.errors:
            errors.append(
                {
                    "resource": task.name,
                    "row": getattr(error, "row_number", None),
                    "field": getattr(error, "field_name", None),
                    "type": error.type,
                    "note": error.note,
                }
            )
    errors.extend({"type": error.type, "note": error.note} for error in report.errors)
    return errors


def _parquet_errors(directory: Path, resources: dict[str, dict]) -> list[dict]:
    def error(note: str) -> dict:
        return {"resource": PARQUET_RESOURCE, "type": "parquet", "note": note}

    resource = resources[PARQUET_RESOURCE]
    fields = resource.get("schema", {}).get("fields", [])
    expected = [(f["name"], TABLE_SCHEMA_ARROW_TYPES.get(f["type"])) for f in fields]
    try:
        table = pq.read_table(directory / resource["path"])
    except (OSError, pa.ArrowException) as problem:
        return [error(str(problem))]
    found = [(field.name, field.type) for field in table.schema]
    if found != expected:
        return [error(f"Parquet columns {found} differ from the schema's {expected}")]
    problems = []
    if table.num_rows != resource.get("rowCount"):
        problems.append(
            error(f"{table.num_rows} Parquet rows where the package says {resource['rowCount']}")
        )
    for field in fields:
        if field.get("constraints", {}).get("required") and table[field["name"]].null_count:
            problems.append(
                error(f"{table[field['name']].null_count} empty values in {field['name']!r}")
            )
    csv_resource = resources[CSV_RESOURCE]
    try:
        as_csv = pa_csv.read_csv(
            directory / csv_resource["path"],
            convert_options=pa_csv.ConvertOptions(
                column_types=dict(expected),
                null_values=[""],
                strings_can_be_null=True,
                true_values=["true"],
                false_values=["false"],
            ),
        )
    except (OSError, pa.ArrowException) as problem:
        return [*problems, error(f"The CSV could not be read to compare: {problem}")]
    if as_csv.num_rows != table.num_rows:
        problems.append(error(f"{table.num_rows} Parquet rows for {as_csv.num_rows} CSV rows"))
    else:
        for name, _type in expected:
            if not table[name].equals(as_csv[name]):
                problems.append(error(f"Column {name!r} differs from the CSV's"))
    return problems


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _latest_write(root: Path, version: str) -> None:
    staging = root / f".{LATEST_NAME}.tmp"
    staging.write_text(version + "\n", encoding="utf-8")
    os.replace(staging, root / LATEST_NAME)


# --- headline numbers ----------------------------------------------------------------------


def headline_numbers(table: pd.DataFrame, *, as_of: date) -> dict[str, dict]:
    """The few citywide numbers of the fiscal year containing `as_of` that the releases page
    compares between releases: per requirement the completion rate and overdue count, the
    overdue total, and technical-assistance requests and hours. Published values only
    (None when withheld).

    Returns {key: {"name", "value", "unit", "order"}}; keys are stable across releases of
    the same fiscal year (a new fiscal year gives new keys). `order` sorts them for display
    (JSON objects keep no key order in PostgreSQL)."""
    if table.empty:
        return {}
    year = fiscal_year_of(as_of)
    start = date(year - 1, 7, 1)
    rows = table[
        (table["scope"] == "citywide")
        & (table["period_type"] == "fiscal_year")
        & (table["period_start"] == start)
    ]
    label = period_label("fiscal_year", start)
    numbers: dict[str, dict] = {}

    def add(key: str, name: str, value, unit: str) -> None:
        numbers[key] = {
            "name": name,
            "value": None if value is None or pd.isna(value) else float(value),
            "unit": unit,
            "order": len(numbers),
        }

    by_requirement = rows[rows["requirement_id"].notna()].sort_values(
        ["requirement", "requirement_id"], kind="stable"
    )
    overdue_total = 0.0
    overdue_known = False
    for indicator in ("completion_rate", "overdue_count"):
        for _index, row in by_requirement[by_requirement["indicator_id"] == indicator].iterrows():
            add(
                f"{indicator}:req{int(row['requirement_id'])}:{start.isoformat()}",
                f"{BY_CODE[indicator].name}: {row['requirement']} ({label})",
                row["value"],
                BY_CODE[indicator].unit,
            )
            if indicator == "overdue_count" and not pd.isna(row["value"]):
                overdue_total += float(row["value"])
                overdue_known = True
    if overdue_known:
        add(
            f"overdue_count:all:{start.isoformat()}",
            f"{BY_CODE['overdue_count'].name}, all requirements ({label})",
            overdue_total,
            BY_CODE["overdue_count"].unit,
        )
    for indicator in ("ta_requests", "ta_hours"):
        match = rows[rows["indicator_id"] == indicator]
        if len(match):
            add(
                f"{indicator}:{start.isoformat()}",
                f"{BY_CODE[indicator].name} ({label})",
                match["value"].iloc[0],
                BY_CODE[indicator].unit,
            )
    return numbers


@dataclass(frozen=True)
class HeadlineChange:
    key: str
    name: str
    unit: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


def headline_diff(
    current: dict[str, dict], previous: dict[str, dict] | None
) -> list[HeadlineChange]:
    """The headline numbers of a release beside those of an earlier one, in display order:
    this release's numbers first, then those only the earlier one had."""
    previous = previous or {}

    def order(numbers: dict[str, dict], key: str) -> tuple:
        return (numbers[key].get("order", 0), key)

    keys = sorted(current, key=lambda k: order(current, k)) + sorted(
        (k for k in previous if k not in current), key=lambda k: order(previous, k)
    )
    changes = []
    for key in keys:
        entry = current.get(key) or previous[key]
        changes.append(
            HeadlineChange(
                key=key,
                name=entry["name"],
                unit=entry.get("unit", ""),
                previous=(previous.get(key) or {}).get("value"),
                current=(current.get(key) or {}).get("value"),
            )
        )
    return changes


# --- reads for the releases page -----------------------------------------------------------


def monitoring_release_list():
    """Every release, newest first, with its push attempts (two queries when evaluated)."""
    return MonitoringRelease.objects.select_related("created_by").prefetch_related("push_attempts")


def monitoring_release_previous_valid_get(release: MonitoringRelease) -> MonitoringRelease | None:
    """The newest valid release created before `release`, or None."""
    return (
        MonitoringRelease.objects.filter(
            status=ReleaseStatus.VALID, created_at__lte=release.created_at
        )
        .exclude(pk=release.pk)
        .order_by("-created_at", "-version")
        .first()
    )
