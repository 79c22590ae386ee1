"""Benchmark the liaison's workbench at 15,000 people: `python scripts/bench_workbench.py`.

Builds one department of 15,000 active employees (default) under three requirements, with
assignments in a realistic mix of statuses and a recurring requirement with a past cycle, all
bulk-inserted straight into a throwaway database: SQLite at /tmp/bench_workbench.sqlite3
(recreated), or the PostgreSQL database named by DATABASE_URL (new and empty: `createdb
bench_workbench`). Then, signed in as the department's liaison, it requests the department
page (first page, a filtered page, a sorted page, a search, a deep page) and the CSV and Excel
exports with django.test.Client: cold first request, then the median and p95 of the warm ones,
the query count, and for the exports the peak Python memory (tracemalloc, measured in a
separate request so it does not slow the timed ones).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SQLITE = Path(tempfile.gettempdir()) / "bench_workbench.sqlite3"
DEPARTMENT = "BENCH"
UNUSABLE_PASSWORD = "!"  # Django's marker for "cannot sign in with a password"  # noqa: S105
FIRST_NAMES = ["Ana", "Luis", "Mei", "Kwame", "Sofia", "Omar", "Grace", "Tuan", "Rosa", "Ivan"]
LAST_NAMES = ["Garcia", "Nguyen", "Kim", "Okafor", "Lopez", "Haddad", "Smith", "Tran", "Cruz"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=15_000)
    parser.add_argument("--repeat", type=int, default=20, help="warm requests per measure")
    parser.add_argument("--xlsx-repeat", type=int, default=3, help="warm Excel exports")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        SQLITE.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{SQLITE}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    run(people=args.people, repeat=args.repeat, xlsx_repeat=args.xlsx_repeat)
    return 0


def build(*, people: int, as_of: date):
    """The department, its staff, three requirements and their assignments, in bulk."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from content.site import site_root
    from courses.compliance.models import Assignment, AssignmentStatus, Requirement
    from courses.learning.models import CourseIndexPage, CoursePage
    from lms.users.models import Department, JobClass, LiaisonScope, User

    call_command("migrate", verbosity=0)
    if User.objects.exists():
        # A flush would also delete the home page the data migrations made; ask for a new one.
        raise SystemExit("DATABASE_URL must name a new, empty database of its own.")
    rng = random.Random(2026)  # noqa: S311 (synthetic data, not secrets)
    tz = timezone.get_current_timezone()
    now = timezone.now()
    # Saving requirements and liaison scopes marks assignments stale, and the embedded setup runs
    # the engine as soon as that commits: do it first, while nobody else exists, so the engine
    # does not recompute (and overwrite) the hand-made statuses inserted below.
    with transaction.atomic():
        department = Department.objects.create(code=DEPARTMENT, name="Bench Department")
        classes = JobClass.objects.bulk_create(
            [JobClass(code=f"{9000 + n}", title=f"Class {n}") for n in range(20)]
        )
        home = site_root()
        index = CourseIndexPage(title="Courses", slug="bench-courses")
        home.add_child(instance=index)
        course = CoursePage(title="Bench course", slug="bench-course", summary="Bench.")
        index.add_child(instance=course)
        requirements = [
            Requirement.objects.create(
                course=course,
                name="Foundations",
                due_on=as_of + timedelta(days=20),
                effective_on=as_of - timedelta(days=540),
            ),
            Requirement.objects.create(
                course=course,
                name="Annual refresher",
                due_days_after_entry=90,
                recurrence_months=12,
                effective_on=as_of - timedelta(days=540),
            ),
            Requirement.objects.create(
                course=course,
                name="Supervisors",
                due_on=as_of - timedelta(days=30),
                effective_on=as_of - timedelta(days=540),
            ),
        ]
        liaison = User.objects.create_user(
            "bench-liaison@example.lacity.test", department=department, employee_id="6999999"
        )
        LiaisonScope.objects.create(user=liaison, department=department)

    with transaction.atomic():  # bulk writes send no signals: the engine stays out of it
        users = [
            User(
                email=f"bench{n}@example.lacity.test",
                employee_id=f"{7_000_000 + n}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=f"{rng.choice(LAST_NAMES)}{n % 97}",
                department=department,
                job_class=rng.choice(classes),
                hired_on=as_of - timedelta(days=rng.randint(30, 9000)),
                password=UNUSABLE_PASSWORD,
            )
            for n in range(people)
        ]
        users = User.objects.bulk_create(users, batch_size=2000)
        supervisors = users[::50]
        for n, user in enumerate(users):
            user.supervisor = supervisors[n // 50] if users[n] is not supervisors[n // 50] else None
        User.objects.bulk_update(users, ["supervisor"], batch_size=2000)

        statuses = [
            (AssignmentStatus.COMPLETED_ON_TIME, 45),
            (AssignmentStatus.COMPLETED_LATE, 10),
            (AssignmentStatus.OVERDUE, 15),
            (AssignmentStatus.EXEMPT, 5),
            (AssignmentStatus.NOT_STARTED, 15),
            (AssignmentStatus.IN_PROGRESS, 10),
        ]
        population = [s for s, weight in statuses for _ in range(weight)]
        rows = []
        for user in users:
            for requirement in requirements:
                opened_on = as_of - timedelta(days=rng.randint(0, 500))
                cycle = 1
                if requirement.recurrence_months and rng.random() < 0.3:
                    rows.append(
                        Assignment(
                            requirement=requirement,
                            user=user,
                            cycle=1,
                            department=department,
                            opened_on=opened_on - timedelta(days=365),
                            due_on=opened_on - timedelta(days=275),
                            status=AssignmentStatus.COMPLETED_ON_TIME,
                            completed_at=datetime.combine(
                                opened_on - timedelta(days=300), clock(12), tzinfo=tz
                            ),
                            valid_until=opened_on + timedelta(days=65),
                            is_current=False,
                            computed_at=now,
                        )
                    )
                    cycle = 2
                status = rng.choice(population)
                due_on = requirement.due_on or opened_on + timedelta(days=90)
                completed_at = None
                if status in (AssignmentStatus.COMPLETED_ON_TIME, AssignmentStatus.COMPLETED_LATE):
                    done_on = min(as_of, opened_on + timedelta(days=rng.randint(0, 120)))
                    completed_at = datetime.combine(done_on, clock(12), tzinfo=tz)
                rows.append(
                    Assignment(
                        requirement=requirement,
                        user=user,
                        cycle=cycle,
                        department=department,
                        opened_on=opened_on,
                        due_on=due_on,
                        status=status,
                        completed_at=completed_at,
                        is_current=True,
                        computed_at=now,
                    )
                )
        Assignment.objects.bulk_create(rows, batch_size=2000)
    # Rows loaded in bulk bypass the compliance engine: recount the department summary it keeps.
    from courses.compliance.summary import summary_recount

    summary_recount()
    # Planner statistics, as autovacuum (PostgreSQL) would gather them after a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return liaison, requirements, classes, Assignment.objects.count()


def measure(client, url, *, repeat: int, streaming: bool = False) -> dict:
    """Cold first request, then `repeat` warm ones: seconds and the query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries, size = [], 0, 0
    for _attempt in range(repeat + 1):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content) if streaming else response.content
            timings.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        queries, size = len(captured.captured_queries), len(body)
    warm = sorted(timings[1:])
    return {
        "cold": timings[0],
        "median": statistics.median(warm),
        "p95": warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))],
        "queries": queries,
        "bytes": size,
    }


def peak_memory(client, url) -> float:
    """Peak Python memory (MB) while serving and consuming one response."""
    tracemalloc.start()
    response = client.get(url)
    for _chunk in response.streaming_content:
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def run(*, people: int, repeat: int, xlsx_repeat: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    as_of = timezone.localdate()
    start = time.perf_counter()
    liaison, requirements, classes, assignments = build(people=people, as_of=as_of)
    print(
        f"database: {connection.vendor}; {people} people, {assignments} assignments, "
        f"built in {time.perf_counter() - start:.1f} s",
        flush=True,
    )
    client = Client()
    client.force_login(liaison)
    base = f"/liaison/{DEPARTMENT}/"
    foundations = requirements[0]
    pages = [
        ("department page, first page", base),
        (
            "filtered: requirement + overdue + job class",
            f"{base}?requirement={foundations.pk}&status=overdue&job_class={classes[3].pk}",
        ),
        ("sorted by status (worst first)", f"{base}?sort=status"),
        ("sorted by due date, descending", f"{base}?sort=-due_on"),
        ("search 'garcia'", f"{base}?q=garcia"),
        ("sorted by name, page 200", f"{base}?page=200"),
    ]
    print(f"\n{'request':<46}{'cold s':>9}{'median s':>10}{'p95 s':>9}{'queries':>9}")
    for label, url in pages:
        result = measure(client, url, repeat=repeat)
        _print(label, result)
    csv = measure(client, f"{base}export.csv", repeat=repeat, streaming=True)
    _print(f"CSV export ({people + 1} rows)", csv)
    xlsx = measure(client, f"{base}export.xlsx", repeat=xlsx_repeat, streaming=True)
    _print(f"Excel export ({people + 1} rows, {xlsx_repeat} warm)", xlsx)
    print(
        f"\npeak Python memory: CSV export {peak_memory(client, f'{base}export.csv'):.1f} MB "
        f"({csv['bytes'] / 1e6:.1f} MB file); Excel export "
        f"{peak_memory(client, f'{base}export.xlsx'):.1f} MB ({xlsx['bytes'] / 1e6:.1f} MB file)"
    )


def _print(label: str, result: dict) -> None:
    print(
        f"{label:<46}{result['cold']:>9.3f}{result['median']:>10.3f}{result['p95']:>9.3f}"
        f"{result['queries']:>9}",
        flush=True,
    )


if __name__ == "__main__":
    raise SystemExit(main())
