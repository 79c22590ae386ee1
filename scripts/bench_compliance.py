"""Benchmark the compliance engine at city scale: `python scripts/bench_compliance.py`.

Builds a throwaway city (50,000 synthetic employees by default, the largest department about
15,000) in SQLite (/tmp/equity-bench-compliance.sqlite3, recreated) or in the new, empty
PostgreSQL database named by DATABASE_URL, then measures:
the roster import, the full reconciliation (cold, then a no-change rerun), the time from one
completion to a correct stored status, a batch of 1,000 completions, and the largest
department's workbench page and CSV export (server time over repeated requests, query count).
Prints a table and writes the numbers as JSON (--json PATH).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SQLITE = Path(tempfile.gettempdir()) / "equity-bench-compliance.sqlite3"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=20, help="requests per page measure")
    parser.add_argument("--json", type=Path, default=REPO / "bench-compliance.json")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        SQLITE.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DEBUG", "0")  # server times as in production, not with debug pages
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.conf import settings

    # Confirmation emails would flood the terminal; the benchmark measures the records.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    results = run(employees=args.employees, repeat=args.repeat)
    args.json.write_text(json.dumps(results, indent=2, default=str))
    print(f"\nwritten: {args.json}")
    return 0


def timed(label, results, work):
    start = time.perf_counter()
    value = work()
    results[label] = round(time.perf_counter() - start, 3)
    print(f"{label:<55} {results[label]:>9.3f} s", flush=True)
    return value


def run(*, employees: int, repeat: int) -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Count, Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from courses.compliance.assignments import assignments_reconcile, assignments_refresh_stale
    from courses.compliance.models import Assignment, StaleMark
    from courses.demo import city as demo
    from courses.learning.models import CourseCompletion, LessonPage
    from courses.learning.services import course_completion_record, lesson_complete
    from lms.users.models import Department, User

    results: dict = {"employees": employees, "database": connection.vendor}
    print(f"database: {connection.vendor}; employees: {employees}", flush=True)
    if connection.vendor != "sqlite" and "users_user" in connection.introspection.table_names():
        raise SystemExit("DATABASE_URL must name a new, empty database (createdb one for this)")
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    demo._departments_ensure()
    timed(
        "roster import",
        results,
        lambda: demo._roster_load(employees=employees, say=lambda _l: None),
    )
    courses = demo._courses_ensure()
    demo._requirements_ensure(courses, as_of=today)
    timed("completion history (bulk)", results, lambda: demo._history_ensure(courses, as_of=today))
    report = timed("full reconciliation, cold", results, lambda: assignments_reconcile(as_of=today))
    results["assignments"] = Assignment.objects.count()
    results["opened"] = report.opened
    again = timed(
        "full reconciliation, nothing changed", results, lambda: assignments_reconcile(as_of=today)
    )
    results["changed_on_rerun"] = again.changed

    biggest = (
        Department.objects.annotate(people=Count("employees", filter=Q(employees__is_active=True)))
        .order_by("-people")
        .first()
    )
    results["largest_department"] = biggest.code
    results["largest_department_people"] = biggest.employees.filter(is_active=True).count()
    foundations = courses[0]
    lessons = list(LessonPage.objects.child_of(foundations).live().order_by("path"))
    done = set(
        CourseCompletion.objects.filter(course=foundations).values_list("user_id", flat=True)
    )
    candidates = (
        User.objects.filter(department=biggest, is_active=True).exclude(pk__in=done).order_by("pk")
    )
    person = candidates[0]
    for lesson in lessons:
        lesson_complete(user=person, lesson=lesson)

    def one_completion():
        # Embedded mode: the refresh task runs as soon as the completion commits, so this is
        # the time from the completion to a correct stored status.
        course_completion_record(user=person, course=foundations)

    timed("one completion → stored status correct (incl. task)", results, one_completion)
    status = (
        Assignment.objects.filter(user=person, requirement__course=foundations, is_current=True)
        .values_list("status", flat=True)
        .first()
    )
    results["status_after_one_completion"] = status
    print(f"  status now: {status}")

    batch = list(candidates.exclude(pk=person.pk)[:1000])

    now = timezone.now()
    with transaction.atomic():
        # 1,000 completions arriving at once (bulk, so only the engine's refresh is timed).
        CourseCompletion.objects.bulk_create(
            [CourseCompletion(user=p, course=foundations, completed_at=now) for p in batch]
        )
        StaleMark.objects.bulk_create([StaleMark(user=p) for p in batch])
    timed(
        "1,000 completions → stored statuses correct",
        results,
        lambda: assignments_refresh_stale(as_of=today),
    )
    results["completed_after_batch"] = Assignment.objects.filter(
        user__in=batch,
        requirement__course=foundations,
        is_current=True,
        status__startswith="completed",
    ).count()

    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-admin@example.lacity.test", "bench-password-2026"
    )
    client = Client()
    client.force_login(admin)
    for name, url in [
        ("workbench page", f"/liaison/{biggest.code}/"),
        ("workbench page, overdue filter", f"/liaison/{biggest.code}/?status=overdue"),
        ("CSV export", f"/liaison/{biggest.code}/export.csv"),
    ]:
        timings = []
        for attempt in range(repeat):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                # Memory is traced on the cold request only: tracing slows Python down.
                traced = name == "CSV export" and attempt == 0
                if traced:
                    tracemalloc.start()
                response = client.get(url)
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                elapsed = time.perf_counter() - start
                if traced:
                    _current, peak = tracemalloc.get_traced_memory()
                    tracemalloc.stop()
                    results[f"{name} peak MB"] = round(peak / 1e6, 1)
                    results[f"{name} rows"] = body.count(b"\n") - 1
            if response.status_code != 200:
                print(f"  {name}: HTTP {response.status_code}")
                break
            timings.append(elapsed)
        if not timings:
            continue
        cold, warm = timings[0], sorted(timings[1:]) or timings
        results[f"{name} cold s"] = round(cold, 3)
        results[f"{name} median s"] = round(statistics.median(warm), 3)
        results[f"{name} p95 s"] = round(warm[int(0.95 * (len(warm) - 1))], 3)
        results[f"{name} queries"] = len(queries.captured_queries)
        print(
            f"{name:<40} cold {cold:7.3f} s  median {results[f'{name} median s']:7.3f} s  "
            f"p95 {results[f'{name} p95 s']:7.3f} s  queries {len(queries.captured_queries)}",
            flush=True,
        )
    return results


if __name__ == "__main__":
    raise SystemExit(main())
