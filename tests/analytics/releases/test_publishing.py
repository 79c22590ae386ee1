"""The published monitoring dataset: files, validation, suppression, the latest pointer."""

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import frictionless
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import time_machine
from django.core.management import CommandError, call_command

from analytics.releases.models import MonitoringRelease, PushStatus, ReleaseStatus
from analytics.releases.publishing import (
    CSV_NAME,
    CSV_RESOURCE,
    PACKAGE_NAME,
    PARQUET_NAME,
    PARQUET_RESOURCE,
    VOLATILE_COLUMNS,
    NoAnalyticsRunError,
    headline_diff,
    latest_version_read,
    monitoring_release_publish,
    monitoring_release_validate,
)
from analytics.releases.tasks import monitoring_release_publish_task
from content.glossary.selectors import glossary_entry_iri
from lms.spreadsheets import NO_FORMULA_PATTERN
from tests.analytics.releases.data import (
    CODES,
    four_departments,
    glossary_definitions,
    snapshot,
)

LA = ZoneInfo("America/Los_Angeles")
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=LA)


@pytest.fixture
def out(tmp_path, settings):
    settings.MONITORING_RELEASE_DIR = tmp_path / "releases"
    settings.MONITORING_PUSH_URL = ""
    return tmp_path / "releases"


@pytest.fixture
def departments(department, other_department):
    return four_departments(department, other_department)


@pytest.fixture
def published_data(requirement, departments):
    definitions = glossary_definitions()
    run = snapshot(requirement=requirement, departments=departments)
    return {"run": run, "definitions": definitions, "requirement": requirement}


def rows(release: MonitoringRelease) -> list[dict]:
    path = f"{release.directory}/{CSV_NAME}"
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_release_writes_csv_parquet_and_a_valid_package(out, published_data):
    lines = []
    with time_machine.travel(NOON, tick=False):
        release = monitoring_release_publish(progress=lines.append)

    assert release.status == ReleaseStatus.VALID, release.validation_errors
    assert release.version == "2026-11-25T200000Z"
    assert release.is_latest
    assert release.as_of == date(2026, 11, 25)
    assert release.runs == [published_data["run"].pk]
    directory = out / release.version
    assert release.directory == str(directory.resolve())
    assert sorted(p.name for p in directory.iterdir()) == sorted(
        [CSV_NAME, PARQUET_NAME, PACKAGE_NAME]
    )
    assert frictionless.validate(str(directory / PACKAGE_NAME)).valid
    assert latest_version_read(out) == release.version
    assert any("Validating" in line for line in lines)
    # 2 periods x (citywide + 4 departments + 1 job class) completion + 2 overdue + 3 TA.
    assert release.row_count == 2 * 6 + 2 + 3 == len(rows(release))
    assert release.push_status == PushStatus.NOT_CONFIGURED


def test_rows_name_their_glossary_definition_and_carry_labels(out, published_data):
    release = monitoring_release_publish()
    definition = published_data["definitions"]["completion_rate"]
    by_key = {
        (r["indicator_id"], r["period_type"], r["department_code"], r["job_class_code"]): r
        for r in rows(release)
    }
    citywide = by_key[("completion_rate", "fiscal_year", "citywide", "")]
    assert citywide["indicator_name"] == definition.title
    assert citywide["definition_url"] == glossary_entry_iri(definition)
    assert citywide["definition_url"].startswith("http")
    assert citywide["period"] == "FY 2026-27"
    assert citywide["period_start"] == "2026-07-01"
    assert citywide["requirement"] == published_data["requirement"].name
    assert citywide["requirement_id"] == str(published_data["requirement"].pk)
    assert citywide["department_name"] == "Citywide"
    assert citywide["numerator"] == "190"
    assert citywide["denominator"] == "320"
    assert citywide["value"] == "0.59375"
    assert citywide["unit"] == "proportion"
    assert citywide["suppressed"] == "false"
    assert citywide["computed_at"] == "2026-11-25T11:00:12Z"
    quarter = by_key[("completion_rate", "fiscal_quarter", "LAPL", "")]
    assert quarter["period"] == "FY 2026-27 Q2"
    assert quarter["department_name"] == "Library"
    job_class = by_key[("completion_rate", "fiscal_year", "citywide", "1368")]
    assert job_class["scope"] == "job_class"
    assert job_class["job_class_title"] == "Senior Administrative Clerk"
    ta = by_key[("ta_requests", "fiscal_year", "GSD", "")]
    assert ta["numerator"] == "3"  # not about people: never withheld
    assert ta["denominator"] == ""
    assert not any("email" in column or "user" in column for column in citywide)


def test_small_cells_and_their_complements_are_withheld_in_the_files(out, published_data):
    release = monitoring_release_publish()
    withheld = [r for r in rows(release) if r["suppressed"] == "true"]
    # GSD's 5 of 40 is small; so is LAPL's 110 - 100 = 10 who did not complete (a rate's
    # complement is a count of people too). Together they protect each other; both periods.
    assert sorted((r["period_type"], r["department_code"]) for r in withheld) == [
        ("fiscal_quarter", "GSD"),
        ("fiscal_quarter", "LAPL"),
        ("fiscal_year", "GSD"),
        ("fiscal_year", "LAPL"),
    ]
    assert all(r["numerator"] == r["denominator"] == r["value"] == "" for r in withheld)
    assert release.suppressed_count == 4
    package = json.loads((out / release.version / PACKAGE_NAME).read_text())
    assert package["suppression"]["threshold"] == 11
    assert "between 1 and 10" in package["suppression"]["rule"]
    assert "completed late" in package["suppression"]["rule"]
    numerator = next(
        f for f in package["resources"][0]["schema"]["fields"] if f["name"] == "numerator"
    )
    assert "withheld" in numerator["description"]


def test_the_parquet_has_the_same_rows_and_values_as_the_csv(out, published_data):
    release = monitoring_release_publish()
    directory = out / release.version
    from_csv = pd.read_csv(directory / CSV_NAME, keep_default_na=False, dtype=str)
    from_parquet = pq.read_table(directory / PARQUET_NAME).to_pandas()
    assert list(from_parquet.columns) == list(from_csv.columns)
    assert len(from_parquet) == len(from_csv)
    for column in ("numerator", "denominator", "value"):
        as_csv = pd.to_numeric(from_csv[column].replace("", None)).astype(float)
        pd.testing.assert_series_equal(
            as_csv, from_parquet[column].astype(float), check_names=False
        )
    assert list(from_parquet["suppressed"]) == [v == "true" for v in from_csv["suppressed"]]
    assert [d.isoformat() for d in from_parquet["period_start"]] == list(from_csv["period_start"])
    assert list(from_parquet["department_code"]) == list(from_csv["department_code"])


def test_the_package_describes_schema_key_licence_and_publisher(out, published_data, settings):
    settings.MONITORING_PUBLISHER = "Office of Racial Equity"
    release = monitoring_release_publish()
    package = json.loads((out / release.version / PACKAGE_NAME).read_text())
    assert package["version"] == release.version
    assert package["licenses"][0]["name"] == "ODC-PDDL-1.0"
    assert package["contributors"] == [{"title": "Office of Racial Equity", "role": "publisher"}]
    csv_resource, parquet_resource = package["resources"]
    assert csv_resource["path"] == CSV_NAME
    assert parquet_resource["path"] == PARQUET_NAME
    schema = csv_resource["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert "completion_rate" in fields["indicator_id"]["constraints"]["enum"]
    assert fields["period_type"]["constraints"]["enum"] == [
        "fiscal_year",
        "fiscal_quarter",
        "month",
    ]
    assert fields["period_start"]["type"] == "date"
    assert fields["suppressed"]["type"] == "boolean"
    assert "department_code" in schema["primaryKey"]
    assert schema["missingValues"] == [""]
    assert "proportion" in package["description"]


def test_an_indicator_without_a_glossary_page_makes_the_release_invalid(
    out, requirement, departments
):
    glossary_definitions(codes=[c for c in CODES if c != "overdue_count"])
    snapshot(requirement=requirement, departments=departments)
    with time_machine.travel(NOON, tick=False):
        first = monitoring_release_publish()
    assert first.status == ReleaseStatus.INVALID
    assert any("'overdue_count'" in error["note"] for error in first.validation_errors)
    assert not first.is_latest
    assert latest_version_read(out) is None
    assert (out / first.version / CSV_NAME).exists()  # kept for inspection


def test_an_invalid_release_leaves_the_latest_on_the_previous_valid_one(out, published_data):
    with time_machine.travel(NOON, tick=False):
        good = monitoring_release_publish()
    page = published_data["definitions"]["ta_requests"]
    page.unpublish()
    with time_machine.travel(NOON, tick=False):
        bad = monitoring_release_publish()

    assert bad.version == f"{good.version}.2"
    assert bad.status == ReleaseStatus.INVALID
    good.refresh_from_db()
    assert good.is_latest
    assert not bad.is_latest
    assert latest_version_read(out) == good.version
    assert (out / good.version / CSV_NAME).exists()
    assert MonitoringRelease.objects.filter(is_latest=True).count() == 1


def test_a_new_valid_release_moves_the_latest_and_keeps_the_earlier_one(out, published_data):
    first = monitoring_release_publish()
    second = monitoring_release_publish()
    first.refresh_from_db()
    assert second.version > first.version
    assert second.is_latest
    assert not first.is_latest
    assert latest_version_read(out) == second.version
    assert (out / first.version / CSV_NAME).exists()


def test_publishing_again_without_new_data_gives_the_same_numbers(out, published_data):
    first = monitoring_release_publish()
    second = monitoring_release_publish()

    def stable(release):
        frame = pd.read_csv(
            io.StringIO((out / release.version / CSV_NAME).read_text(encoding="utf-8")),
            dtype=str,
            keep_default_na=False,
        )
        return frame.drop(columns=list(VOLATILE_COLUMNS))

    pd.testing.assert_frame_equal(stable(first), stable(second))
    assert first.sha256 == second.sha256  # same run, so even the volatile columns agree
    assert first.headline == second.headline


def test_headline_numbers_and_their_diff(out, published_data, requirement, departments):
    first = monitoring_release_publish()
    key = f"completion_rate:req{requirement.pk}:2026-07-01"
    assert first.headline[key]["value"] == pytest.approx(190 / 320)
    assert first.headline["ta_requests:2026-07-01"]["value"] == 7
    assert first.headline["overdue_count:all:2026-07-01"]["value"] == 30

    snapshot(
        requirement=requirement,
        departments=departments,
        completed=(5, 110, 25, 60),
        finished_at=datetime(2026, 11, 26, 3, 0, tzinfo=LA),
    )
    second = monitoring_release_publish()
    changes = {c.key: c for c in headline_diff(second.headline, first.headline)}
    assert changes[key].previous == pytest.approx(190 / 320)
    assert changes[key].current == pytest.approx(200 / 320)
    assert changes[key].change == pytest.approx(10 / 320)
    assert changes["ta_requests:2026-07-01"].change == 0


def test_no_completed_run_is_refused_and_writes_nothing(out, db):
    with pytest.raises(NoAnalyticsRunError, match="compute_analytics"):
        monitoring_release_publish()
    assert not MonitoringRelease.objects.exists()
    assert not out.exists()


def test_a_valid_release_with_a_push_url_is_pending_and_queues_the_push(
    out, published_data, settings, django_capture_on_commit_callbacks
):
    settings.MONITORING_PUSH_URL = "http://127.0.0.1:9/releases"
    with django_capture_on_commit_callbacks() as callbacks:
        release = monitoring_release_publish()
    assert release.push_status == PushStatus.PENDING
    assert len(callbacks) == 1


def test_the_publish_task_takes_an_iso_date(out, published_data):
    release_id = monitoring_release_publish_task(as_of="2026-11-20")
    release = MonitoringRelease.objects.get(pk=release_id)
    assert release.as_of == date(2026, 11, 20)
    assert release.status == ReleaseStatus.VALID


# --- the command ---------------------------------------------------------------------------


def test_command_prints_the_release(tmp_path, published_data, settings):
    settings.MONITORING_PUSH_URL = ""
    stdout = io.StringIO()
    call_command("publish_monitoring", "--out", str(tmp_path / "elsewhere"), stdout=stdout)
    release = MonitoringRelease.objects.get()
    text = stdout.getvalue()
    assert release.version in text
    assert "17 rows" in text
    assert "4 withheld" in text
    assert "valid" in text
    assert str(tmp_path / "elsewhere") in text
    assert latest_version_read(tmp_path / "elsewhere") == release.version


def test_command_without_a_run_says_to_compute_analytics(out, db):
    with pytest.raises(CommandError, match="compute_analytics"):
        call_command("publish_monitoring", stdout=io.StringIO())


def test_command_fails_on_an_invalid_release(out, requirement, departments):
    glossary_definitions(codes=["completion_rate"])
    snapshot(requirement=requirement, departments=departments)
    with pytest.raises(CommandError, match="INVALID"):
        call_command("publish_monitoring", stdout=io.StringIO())
    assert MonitoringRelease.objects.get().status == ReleaseStatus.INVALID


# --- from a real analytics run ---------------------------------------------------------------


def test_a_release_from_a_real_analytics_run_is_valid_and_hides_small_groups(
    out, department, other_department, learner, requirement, lessons
):
    from analytics.pipeline.indicators import BY_CODE as INDICATORS_BY_CODE
    from analytics.pipeline.indicators import INDICATORS
    from analytics.pipeline.services import analytics_run_full
    from courses.learning.services import lesson_complete
    from tests.factories import UserFactory, compliance_refresh

    for _ in range(14):
        UserFactory(department=department)
    for _ in range(3):
        UserFactory(department=other_department)
    compliance_refresh()
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    compliance_refresh()
    glossary_definitions(codes=[i.code for i in INDICATORS])
    run = analytics_run_full()

    release = monitoring_release_publish()

    assert release.status == ReleaseStatus.VALID, release.validation_errors
    assert release.runs == [run.pk]
    published = rows(release)
    assert len(published) == release.row_count > 0
    for row in published:
        if row["indicator_id"] in ("ta_requests", "ta_hours") or row["suppressed"] == "true":
            continue
        kind = INDICATORS_BY_CODE[row["indicator_id"]].kind
        people = ("numerator", "denominator") if kind in ("rate", "count") else ("denominator",)
        for column in people:
            if row[column]:
                assert not 0 < float(row[column]) < 11, row
    # LAPL has 3 people: never shown; GSD's 1 completion of 15 is withheld.
    assert all(r["suppressed"] == "true" for r in published if r["department_code"] == "LAPL")
    gsd = [
        r
        for r in published
        if r["department_code"] == "GSD" and r["indicator_id"] == "completion_rate"
    ]
    assert gsd
    assert all(r["suppressed"] == "true" for r in gsd)


def test_rows_that_break_the_table_schema_make_the_release_invalid(out, published_data):
    from analytics.pipeline.models import IndicatorValue

    # An indicator the pipeline computes but the registry (and so the schema's enum) lacks.
    cell = IndicatorValue.objects.filter(indicator="ta_requests", scope="citywide").get()
    IndicatorValue.objects.create(
        run=cell.run,
        slice_key=cell.slice_key,
        indicator="mystery_rate",
        period_type="fiscal_year",
        period_start=cell.period_start,
        period_end=cell.period_end,
        scope="citywide",
        numerator=50,
        denominator=100,
        value=0.5,
    )
    glossary_definitions(codes=["mystery_rate"])

    release = monitoring_release_publish()

    assert release.status == ReleaseStatus.INVALID
    # Both files hold the row: the CSV (every row) and the Parquet (its first rows).
    assert [(e["resource"], e["field"], e["type"]) for e in release.validation_errors] == [
        (CSV_RESOURCE, "indicator_id", "constraint-error"),
        (PARQUET_RESOURCE, "indicator_id", "constraint-error"),
    ]
    assert not release.is_latest


# --- open data: formulas, the standard validator, public URIs ------------------------------

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def standard_validation(directory: Path) -> dict:
    """The standard command on the whole package, as an open-data user runs it."""
    result = subprocess.run(  # noqa: S603 (our own venv's executable, fixed arguments)
        [str(FRICTIONLESS), "validate", "--json", PACKAGE_NAME],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return json.loads(result.stdout)


def test_the_standard_frictionless_command_finds_every_resource_valid(out, published_data):
    release = monitoring_release_publish()
    assert release.status == ReleaseStatus.VALID, release.validation_errors

    report = standard_validation(out / release.version)

    assert report["valid"], json.dumps(report, indent=1)[:3000]
    assert sorted(task["name"] for task in report["tasks"]) == [
        CSV_RESOURCE,
        PARQUET_RESOURCE,
    ]
    package = json.loads((out / release.version / PACKAGE_NAME).read_text())
    csv_resource, parquet_resource = package["resources"]
    # One Table Schema for both files (the Parquet also reads pandas' NaN as missing).
    assert parquet_resource["schema"]["fields"] == csv_resource["schema"]["fields"]
    assert parquet_resource["schema"]["primaryKey"] == csv_resource["schema"]["primaryKey"]


def test_a_parquet_that_breaks_the_schema_fails_the_apps_validation_and_the_standard_one(
    out, published_data
):
    release = monitoring_release_publish()
    directory = out / release.version
    table = pq.read_table(directory / PARQUET_NAME)
    # A required column with a gap: the Parquet no longer matches the declared schema.
    broken = table.set_column(
        table.schema.get_field_index("indicator_id"),
        pa.field("indicator_id", pa.string()),
        pa.array([None] * table.num_rows, type=pa.string()),
    )
    pq.write_table(broken, directory / PARQUET_NAME)

    errors = monitoring_release_validate(directory)

    assert errors
    assert all(error["resource"] == PARQUET_RESOURCE for error in errors), errors
    assert not standard_validation(directory)["valid"]


HOSTILE_DEPARTMENT = '=HYPERLINK("http://x","click")'
HOSTILE_JOB_CLASS = "@SUM(A1)"
HOSTILE_REQUIREMENT = "-2+3"
HOSTILE_COURSE = "+cmd|' /C calc'!A0"


@pytest.fixture
def hostile_data(out, requirement, departments):
    from analytics.pipeline.models import IndicatorValue
    from lms.users.models import JobClass

    departments[1].name = HOSTILE_DEPARTMENT
    departments[1].save()
    requirement.name = HOSTILE_REQUIREMENT
    requirement.save()
    course = requirement.course
    course.title = HOSTILE_COURSE
    course.save_revision().publish()
    glossary_definitions(codes=(*CODES, "feedback_score"))
    run = snapshot(requirement=requirement, departments=departments)
    JobClass.objects.filter(code="1368").update(title=HOSTILE_JOB_CLASS)
    ta = IndicatorValue.objects.get(run=run, indicator="ta_requests", scope="citywide")
    IndicatorValue.objects.create(
        run=run,
        slice_key=ta.slice_key,
        indicator="feedback_score",
        course=course,
        period_type="fiscal_year",
        period_start=ta.period_start,
        period_end=ta.period_end,
        scope="citywide",
        numerator=60,
        denominator=15,
        value=4.0,
    )
    return run


def test_no_published_text_cell_begins_like_a_formula(out, hostile_data):
    release = monitoring_release_publish()
    assert release.status == ReleaseStatus.VALID, release.validation_errors
    directory = out / release.version

    published = rows(release)
    names = {r["department_name"] for r in published}
    assert "'" + HOSTILE_DEPARTMENT in names
    assert HOSTILE_DEPARTMENT not in names
    assert {r["job_class_title"] for r in published} >= {"'" + HOSTILE_JOB_CLASS}
    assert {r["requirement"] for r in published} >= {"'" + HOSTILE_REQUIREMENT}
    assert {r["course"] for r in published} >= {"'" + HOSTILE_COURSE}
    for row in published:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    # The Parquet holds the same values.
    from_parquet = pq.read_table(directory / PARQUET_NAME).to_pandas()
    assert "'" + HOSTILE_DEPARTMENT in set(from_parquet["department_name"])
    # The package says what was done, and lets validators check it.
    package = json.loads((directory / PACKAGE_NAME).read_text())
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields["department_name"]["constraints"]["pattern"] == NO_FORMULA_PATTERN
    assert "apostrophe" in package["textEscaping"]
    assert "apostrophe" in fields["department_name"]["description"]
    assert standard_validation(directory)["valid"]


def test_definition_urls_are_the_public_glossary_uris_whatever_the_site_record_says(
    out, published_data, settings
):
    from wagtail.models import Site

    from content.glossary.selectors import glossary_export_list

    settings.SITE_URL = "https://equity.example.org"
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()

    release = monitoring_release_publish()

    definition = published_data["definitions"]["completion_rate"]
    urls = {r["definition_url"] for r in rows(release) if r["indicator_id"] == "completion_rate"}
    exported = {e["slug"]: e["url"] for e in glossary_export_list(base_url=settings.SITE_URL)}
    assert urls == {exported[definition.slug]}
    assert all(url.startswith("https://equity.example.org/") for url in urls)
    assert not any("localhost" in r["definition_url"] for r in rows(release))
