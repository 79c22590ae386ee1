"""Benchmark packaged courses and the xAPI store: `python scripts/bench_packages.py`
(`make bench-packages`, part of `make bench`).

Measures, in one process, against SQLite in /tmp by default or the database named by
DATABASE_URL (PostgreSQL: a database of its own, `createdb equity_bench_packages`):

1. the import of a generated SCORM 2004 package of 5,000 files and 200 MB (time; the growth of
   the process's peak resident memory, and the peak of Python allocations under tracemalloc, in
   a second, traced import: both must stay flat, far below the package's size);
2. the SCORM runtime's commit round trip (the learner's POST to the commit URL through the
   whole Django stack, in-process), p50 and p95;
3. a batch of 100 statements stored (`statements_store` with an AU's launch credential, so the
   cmi5 rules run), p50 and p95 over the batches; and the same with a credential without a
   launch session (the store alone), to tell the two costs apart;
4. the statements of one registration read back (GET /xapi/statements?registration=… with the
   AU's credential) with a million statements stored (bulk-loaded: COPY on PostgreSQL), p50 and
   p95. The generated statements are kept: a second run only tops them up.

Prints a table with the targets and writes JSON (--json PATH). Exits non-zero when a measure
crashes or gives a wrong answer. `--smoke` runs every measure at toy sizes (for make bench-smoke).
"""

import argparse
import base64
import contextlib
import csv
import io
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.bench_report import BenchReport, percentile, say  # noqa: E402

SQLITE = Path(tempfile.gettempdir()) / "equity-bench-packages.sqlite3"
BENCH_HOST = "https://bench.equity-lms.test"
COURSE_SLUG = "bench-packages-course"
RNG = np.random.default_rng(2026)

# The figures to reach (PostgreSQL, 2 cores), as (label, test) by measure key.
TARGETS = {
    "import_s": ("< 10 s", lambda v: v < 10),
    "import_rss_growth_mb": ("flat (< 64 MB)", lambda v: v < 64),
    "import_traced_peak_mb": ("flat (< 64 MB)", lambda v: v < 64),
    "commit_p95_ms": ("< 50 ms", lambda v: v < 50),
    "statements_batch_p95_ms": ("< 200 ms", lambda v: v < 200),
    "registration_read_p95_ms": ("< 50 ms", lambda v: v < 50),
    "wrong_answers": ("0", lambda v: v == 0),
}
SMOKE = {
    "package_files": 300,
    "package_mb": 6,
    "commits": 30,
    "batches": 5,
    "statements": 20_000,
    "reads": 10,
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-files", type=int, default=5000)
    parser.add_argument("--package-mb", type=int, default=200)
    parser.add_argument("--commits", type=int, default=200, help="commit round trips")
    parser.add_argument("--batches", type=int, default=30, help="batches of 100 statements")
    parser.add_argument("--statements", type=int, default=1_000_000, help="statements stored")
    parser.add_argument("--reads", type=int, default=100, help="reads of one registration")
    parser.add_argument("--smoke", action="store_true", help="toy sizes, for make bench-smoke")
    parser.add_argument("--sqlite", type=Path, default=SQLITE, help="SQLite file (no DATABASE_URL)")
    parser.add_argument("--json", type=Path, default=REPO / "bench-packages.json")
    args = parser.parse_args(argv)
    if args.smoke:
        for key, value in SMOKE.items():
            setattr(args, key, value)

    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{args.sqlite}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DEBUG", "0")  # server times as in production, not with debug pages
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("MFA_REQUIRED_FOR_STAFF", "0")
    os.environ.pop("CELERY_BROKER_URL", None)  # in-process, so every write is timed whole
    files_root = Path(tempfile.mkdtemp(prefix="equity-bench-package-files-"))
    os.environ["PACKAGE_ROOT"] = str(files_root)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    call_command("migrate", verbosity=0)
    bench = Bench(args)
    try:
        bench.run()
    finally:
        shutil.rmtree(files_root, ignore_errors=True)
    bench.print_table()
    args.json.write_text(json.dumps(bench.results, indent=2, default=str))
    print(f"\nwritten: {args.json}")
    if bench.failures:
        print("\nFAILED: " + "; ".join(bench.failures), file=sys.stderr)
        return 1
    return 0


class Bench(BenchReport):
    def __init__(self, args):
        from django.db import connection

        super().__init__(TARGETS)
        self.args = args
        self.results: dict = {"database": connection.vendor, "smoke": args.smoke}
        self.wrong = 0

    def judged(self, target: str, value) -> None:
        self.results[target] = value

    def run(self) -> None:
        self.course = _course_ensure()
        self.measure("1. import of a large package", self.package_import)
        self.measure("2. SCORM runtime: commit round trip", self.commits)
        self.measure("3. xAPI: a batch of 100 statements stored", self.statements_store)
        self.measure("4. xAPI: one registration's statements read back", self.registration_read)
        self.row("wrong answers", self.wrong, target="wrong_answers")

    # 1. import

    def package_import(self) -> None:
        from courses.packages.importing import package_import
        from courses.packages.models import PackageVersion

        args = self.args
        with tempfile.TemporaryDirectory(prefix="equity-bench-zip-") as folder:
            started = time.perf_counter()
            path = Path(folder) / "large.zip"
            size = _large_package_write(path, files=args.package_files, mb=args.package_mb)
            say(
                f"  generated {path.name}: {args.package_files:,} files, "
                f"{size / 1e6:,.0f} MB unpacked, {path.stat().st_size / 1e6:,.0f} MB zipped "
                f"({time.perf_counter() - started:.1f} s)"
            )
            self.results["package"] = {
                "files": args.package_files,
                "unpacked_mb": round(size / 1e6, 1),
                "zipped_mb": round(path.stat().st_size / 1e6, 1),
            }
            with _RssSampler() as rss:
                started = time.perf_counter()
                lesson = package_import(file=path, course=self.course, title="Bench large package")
                elapsed = time.perf_counter() - started
            growth = rss.growth_mb
            version = PackageVersion.objects.get(package=lesson.package)
            if version.file_count != args.package_files + 1:  # + imsmanifest.xml
                self.wrong += 1
                self.fail(f"import stored {version.file_count} files")
            self.row(
                f"import: {args.package_files:,} files, {args.package_mb} MB",
                elapsed,
                unit="s",
                target="import_s",
            )
            self.row(
                "import: growth of resident memory (RSS, sampled)",
                round(growth, 1),
                unit="MB",
                target="import_rss_growth_mb",
            )
            tracemalloc.start()
            package_import(file=path, course=self.course, title="Bench large package (traced)")
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            self.row(
                "import (second, traced): peak Python allocations",
                round(peak / 1e6, 1),
                unit="MB",
                target="import_traced_peak_mb",
            )

    # 2. commits

    def commits(self) -> None:
        from django.test import Client
        from django.urls import reverse

        from courses.packages.importing import package_import
        from courses.packages.runtime import attempt_for

        with tempfile.TemporaryDirectory(prefix="equity-bench-zip-") as folder:
            path = Path(folder) / "small.zip"
            _small_scorm_write(path)
            lesson = package_import(file=path, course=self.course, title="Bench SCORM lesson")
        learner = _learner("bench.scorm.learner@bench.lacity.test", "9900001")
        item = lesson.package.current_version.items.filter(is_launchable=True).first()
        attempt = attempt_for(user=learner, lesson=lesson, item=item)
        client = Client()
        client.force_login(learner)
        url = reverse("courses:packages:attempt_commit", args=[attempt.pk])
        times = []
        revision = attempt.revision
        for number in range(self.args.commits):
            values = {
                "cmi.location": f"page-{number % 40}",
                "cmi.suspend_data": json.dumps({"page": number, "answers": list(range(30))}),
                "cmi.progress_measure": str(round((number % 40) / 40, 2)),
                f"cmi.interactions.{number % 10}.id": f"q{number % 10}",
                f"cmi.interactions.{number % 10}.type": "choice",
                f"cmi.interactions.{number % 10}.learner_response": "abcd"[number % 4],
                f"cmi.interactions.{number % 10}.result": ("correct", "incorrect")[number % 3 == 0],
            }
            body = json.dumps({"revision": revision, "values": values, "finish": False})
            started = time.perf_counter()
            response = client.post(url, body, content_type="application/json")
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                self.wrong += 1
                self.fail(f"commit answered {response.status_code}: {response.content[:200]}")
                return
            revision = response.json()["revision"]
        attempt.refresh_from_db()
        if attempt.revision != self.args.commits or attempt.location != values["cmi.location"]:
            self.wrong += 1
            self.fail("the commits were not all stored")
        self.row("commit round trip p50", round(statistics.median(times), 1), unit="ms")
        self.row(
            "commit round trip p95",
            round(percentile(times, 95), 1),
            unit="ms",
            target="commit_p95_ms",
        )

    # 3 and 4: xAPI

    def _cmi5_launch(self, email: str, employee_id: str):
        """A learner's launch of the bench's cmi5 AU: (session, credential, token)."""
        from courses.learning.models import LessonPage
        from courses.packages.cmi5.launch import au_launch_url
        from courses.packages.importing import package_import
        from courses.packages.models import Cmi5Session
        from courses.xapi.credentials import credential_issue

        lesson = LessonPage.objects.filter(title="Bench cmi5 lesson").first()
        if lesson is None:
            with tempfile.TemporaryDirectory(prefix="equity-bench-zip-") as folder:
                path = Path(folder) / "cmi5.zip"
                _small_cmi5_write(path)
                lesson = package_import(file=path, course=self.course, title="Bench cmi5 lesson")
        learner = _learner(email, employee_id)
        item = lesson.package.current_version.items.filter(is_launchable=True).first()
        au_launch_url(user=learner, lesson=lesson, item=item, launch_mode="Normal")
        session = (
            Cmi5Session.objects.select_related("registration", "item")
            .filter(registration__user=learner)
            .latest("created_at")
        )
        credential, token = credential_issue(
            user=learner,
            registration=session.registration_id,
            session_id=session.id,
            activity_id="",
        )
        return learner, session, credential, token

    def statements_store(self) -> None:
        from courses.xapi.credentials import credential_issue
        from courses.xapi.store import statements_store

        learner, session, credential, _token = self._cmi5_launch(
            "bench.cmi5.writer@bench.lacity.test", "9900002"
        )
        times = []
        for batch in range(self.args.batches):
            statements = [
                _cmi5_statement(learner, session, initialized=batch == 0 and index == 0)
                for index in range(100)
            ]
            started = time.perf_counter()
            ids = statements_store(statements=statements, credential=credential)
            times.append((time.perf_counter() - started) * 1000)
            if len(ids) != 100:
                self.wrong += 1
                self.fail(f"a batch stored {len(ids)} statements")
        self.row(
            "100 statements stored (cmi5 launch session) p50",
            round(statistics.median(times), 1),
            unit="ms",
        )
        self.row(
            "100 statements stored (cmi5 launch session) p95",
            round(percentile(times, 95), 1),
            unit="ms",
            target="statements_batch_p95_ms",
        )
        # The same batches with a credential of the registration but no launch session: the
        # store alone, without the cmi5 rules (which read the session for every statement).
        plain, _token = credential_issue(user=learner, registration=session.registration_id)
        times = []
        for _batch in range(self.args.batches):
            statements = [_cmi5_statement(learner, session, initialized=False) for _ in range(100)]
            started = time.perf_counter()
            statements_store(statements=statements, credential=plain)
            times.append((time.perf_counter() - started) * 1000)
        self.results["statements_batch_store_only_p95_ms"] = round(percentile(times, 95), 1)
        self.row(
            "100 statements stored (store alone, no cmi5 rules) p50",
            round(statistics.median(times), 1),
            unit="ms",
        )
        self.row(
            "100 statements stored (store alone, no cmi5 rules) p95",
            round(percentile(times, 95), 1),
            unit="ms",
        )

    def registration_read(self) -> None:
        from django.db import connection
        from django.test import Client

        from courses.xapi.models import Statement
        from courses.xapi.store import statements_store

        learner, session, credential, token = self._cmi5_launch(
            "bench.cmi5.reader@bench.lacity.test", "9900003"
        )
        registration = session.registration_id
        # A session as a quiz AU sends it: initialized, then answers.
        statements_store(
            statements=[
                _cmi5_statement(learner, session, initialized=index == 0) for index in range(19)
            ],
            credential=credential,
        )
        mine = Statement.objects.filter(registration=registration).count()
        started = time.perf_counter()
        generated = _statements_generate(connection, self.args.statements)
        total = Statement.objects.count()
        say(
            f"  statements stored: {total:,} ({generated:,} generated now, "
            f"{time.perf_counter() - started:.1f} s)"
        )
        self.results["statements_stored"] = total
        client = Client()
        auth = base64.b64encode(f"{credential.id}:{token}".encode()).decode()
        headers = {"X-Experience-API-Version": "1.0.3", "Authorization": f"Basic {auth}"}
        times = []
        for _ in range(self.args.reads):
            started = time.perf_counter()
            response = client.get(
                "/xapi/statements", {"registration": str(registration)}, headers=headers
            )
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                self.wrong += 1
                self.fail(f"the read answered {response.status_code}: {response.content[:200]}")
                return
        got = response.json()["statements"]
        if len(got) != mine or any(s["context"]["registration"] != str(registration) for s in got):
            self.wrong += 1
            self.fail(f"the read gave {len(got)} statements, not the registration's {mine}")
        self.row(f"statements read back: one registration ({mine}) among {total:,}", None)
        self.row("one registration's statements p50", round(statistics.median(times), 1), unit="ms")
        self.row(
            "one registration's statements p95",
            round(percentile(times, 95), 1),
            unit="ms",
            target="registration_read_p95_ms",
        )


# --- data --------------------------------------------------------------------------------------


def _course_ensure():
    from content.site import site_root
    from courses.learning.models import CourseIndexPage, CoursePage

    course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    if course is not None:
        return course
    home = site_root()
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CourseIndexPage(title="Courses", slug="courses")
        home.add_child(instance=index)
        index.save_revision().publish()
    course = CoursePage(title="Bench packages", slug=COURSE_SLUG, summary="Benchmark packages.")
    index.add_child(instance=course)
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def _learner(email: str, employee_id: str):
    from lms.users.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=None,
            employee_id=employee_id,
            first_name="Bench",
            last_name="Learner",
        )
    return user


def _large_package_write(path: Path, *, files: int, mb: int) -> int:
    """A SCORM 2004 package of `files` files (plus its manifest) of `mb` MB together: one page
    in five is HTML text (deflated), the rest media-like bytes (stored, as zips hold media)."""
    each = mb * 1_000_000 // files
    names = []
    total = 0
    rng = np.random.default_rng(14)
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(files):
            if number % 5 == 0:
                name = f"content/page{number:05d}.html"
                words = base64.b64encode(rng.bytes(each * 3 // 4)).decode()
                data = f"<!doctype html><title>{number}</title><p>{words}</p>".encode()
                archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
            else:
                name = f"media/clip{number:05d}.bin"
                data = rng.bytes(each)
                archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
            names.append(name)
            total += len(data)
        file_list = "\n".join(f'      <file href="{name}"/>' for name in names)
        manifest = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="bench-large" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Bench large package</title>
      <item identifier="item-1" identifierref="res-1"><title>Everything</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-1" type="webcontent" adlcp:scormType="sco" href="{names[0]}">
{file_list}
    </resource>
  </resources>
</manifest>"""
        archive.writestr("imsmanifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        total += len(manifest)
    return total


def _small_scorm_write(path: Path) -> None:
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="bench-small" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Bench SCORM</title>
      <item identifier="sco-1" identifierref="res-1"><title>The only SCO</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>"""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        archive.writestr("index.html", "<!doctype html><title>SCO</title><p>Bench.</p>")


def _small_cmi5_write(path: Path) -> None:
    structure = f"""<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="{BENCH_HOST}/cmi5/course">
    <title><langstring lang="en-US">Bench cmi5</langstring></title>
    <description><langstring lang="en-US">For the benchmark.</langstring></description>
  </course>
  <au id="{BENCH_HOST}/cmi5/au/1" moveOn="Completed">
    <title><langstring lang="en-US">The only AU</langstring></title>
    <description><langstring lang="en-US">For the benchmark.</langstring></description>
    <url>au/index.html</url>
  </au>
</courseStructure>"""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("cmi5.xml", structure)
        archive.writestr("au/index.html", "<!doctype html><title>AU</title><p>Bench.</p>")


def _cmi5_statement(learner, session, *, initialized: bool) -> dict:
    """A statement of the launch session: its cmi5 "initialized", or an "answered" (a cmi5
    allowed statement, as a quiz sends one per question)."""
    from courses.packages.cmi5 import vocab
    from courses.packages.cmi5.services import au_activity_id, publisher_id
    from courses.xapi.agents import actor_for_user

    context = {
        "registration": str(session.registration_id),
        "extensions": {vocab.EXT_SESSION_ID: str(session.id)},
        "contextActivities": {"grouping": [{"id": publisher_id(session.item)}]},
    }
    statement = {
        "id": str(uuid.uuid4()),
        "actor": actor_for_user(learner),
        "timestamp": datetime.now(UTC).isoformat(),
        "context": context,
    }
    if initialized:
        context["contextActivities"]["category"] = [{"id": vocab.CATEGORY_CMI5}]
        statement["verb"] = {"id": vocab.VERB_INITIALIZED, "display": {"en-US": "initialized"}}
        statement["object"] = {"id": au_activity_id(session.item), "objectType": "Activity"}
        return statement
    question = int(RNG.integers(20))
    statement["verb"] = {
        "id": "http://adlnet.gov/expapi/verbs/answered",
        "display": {"en-US": "answered"},
    }
    statement["object"] = {
        "id": f"{BENCH_HOST}/cmi5/au/1/question/{question}",
        "objectType": "Activity",
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice",
            "correctResponsesPattern": ["b"],
            "choices": [{"id": c, "description": {"en-US": c.upper()}} for c in "abcd"],
        },
    }
    response = "abcd"[int(RNG.integers(4))]
    statement["result"] = {"response": response, "success": response == "b"}
    return statement


def _statements_generate(connection, wanted: int) -> int:
    """Tops the statement table up to `wanted` rows with generated statements (registrations of
    about 20 statements, of 50,000 learners, forwarded already), by COPY on PostgreSQL and
    executemany on SQLite, with the table's secondary indexes rebuilt after a large load.
    Returns how many were added."""
    from django.db import transaction

    from courses.xapi.models import Statement

    missing = wanted - Statement.objects.count()
    if missing <= 0:
        return 0
    is_pg = connection.vendor == "postgresql"
    table = Statement._meta.db_table
    columns = [
        "statement_id",
        "payload",
        "stored",
        "timestamp",
        "actor_key",
        "verb_id",
        "activity_id",
        "registration",
        "voided",
        "forwarded_at",
    ]
    verbs = [
        ("http://adlnet.gov/expapi/verbs/initialized", "initialized"),
        ("http://adlnet.gov/expapi/verbs/answered", "answered"),
        ("http://adlnet.gov/expapi/verbs/completed", "completed"),
        ("http://adlnet.gov/expapi/verbs/terminated", "terminated"),
    ]
    authority = {"objectType": "Agent", "account": {"homePage": BENCH_HOST, "name": "lms"}}
    start = datetime(2025, 7, 1, tzinfo=UTC)
    rng = np.random.default_rng(1_000_000 + missing)
    registrations = max(1, wanted // 20)
    defer = missing >= 100_000
    with _indexes_deferred(connection, table, enabled=defer):
        chunk = 50_000
        done = 0
        while done < missing:
            rows = []
            for _ in range(min(chunk, missing - done)):
                # registrations of about 20 statements, each of one of 50,000 learners
                number = int(rng.integers(registrations))
                learner = number % 50_000
                registration = uuid.uuid5(uuid.NAMESPACE_URL, f"{BENCH_HOST}/r/{number}")
                verb_id, verb_name = verbs[int(rng.integers(len(verbs)))]
                statement_id = uuid.UUID(bytes=rng.bytes(16))
                stored = start + timedelta(seconds=int(rng.integers(3 * 365 * 86400)))
                name = f"bench-{learner:06d}"
                activity = f"{BENCH_HOST}/cmi5/au/{learner % 40}"
                payload = {
                    "id": str(statement_id),
                    "actor": {
                        "objectType": "Agent",
                        "account": {"homePage": BENCH_HOST, "name": name},
                    },
                    "verb": {"id": verb_id, "display": {"en-US": verb_name}},
                    "object": {"id": activity, "objectType": "Activity"},
                    "context": {"registration": str(registration)},
                    "timestamp": stored.isoformat(),
                    "stored": stored.isoformat(),
                    "authority": authority,
                    "version": "1.0.3",
                }
                rows.append(
                    (
                        str(statement_id),
                        json.dumps(payload, separators=(",", ":")),
                        stored.isoformat(),
                        stored.isoformat(),
                        f"account:{BENCH_HOST}|{name}",
                        verb_id,
                        activity,
                        str(registration),
                        "false" if is_pg else 0,
                        stored.isoformat(),
                    )
                )
            with transaction.atomic():
                _rows_load(connection, table, columns, rows, is_pg=is_pg)
            done += len(rows)
            say(f"  … {done:,} of {missing:,} statements generated")
    with connection.cursor() as cursor:
        cursor.execute(f'ANALYZE "{table}"')
    return missing


def _rows_load(connection, table: str, columns: list[str], rows: list[tuple], *, is_pg: bool):
    names = ", ".join(f'"{name}"' for name in columns)
    with connection.cursor() as cursor:
        if is_pg:
            buffer = io.StringIO()
            csv.writer(buffer).writerows(rows)
            sql = f'COPY "{table}" ({names}) FROM STDIN WITH (FORMAT csv)'
            with cursor.cursor.copy(sql) as copy:
                copy.write(buffer.getvalue())
        else:
            marks = ", ".join("%s" for _ in columns)
            cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)  # noqa: S608


@contextlib.contextmanager
def _indexes_deferred(connection, table: str, *, enabled: bool):
    """Drops the table's secondary indexes (not the unique statement id) during a bulk load
    and rebuilds them after."""
    if not enabled:
        yield
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT x.indisunique",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                [table],
            )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)


# --- helpers -----------------------------------------------------------------------------------


class _RssSampler:
    """The growth of the process's resident memory while the block runs: its current RSS read
    every 5 ms by a thread (VmHWM cannot always be reset, and would hide a peak below an
    earlier one), minus the RSS when the block began."""

    def __enter__(self):
        self.before = self.peak = _rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())

    @property
    def growth_mb(self) -> float:
        return round(self.peak - self.before, 1)


def _rss_mb() -> float:
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * resource.getpagesize() / 1e6
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
