from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from courses.compliance.assignments import assignments_reconcile, assignments_refresh_stale


class Command(BaseCommand):
    help = (
        "Recomputes every employee's assignments under every requirement (the nightly "
        "reconciliation) and reports what it changed. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="the day to compute for, YYYY-MM-DD (default today)")
        parser.add_argument(
            "--stale-only",
            action="store_true",
            help="only what changed since the last refresh (what the background task does)",
        )

    def handle(self, *args, as_of: str | None, stale_only: bool, **options):
        try:
            day = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of must be a date like 2026-07-01, not {as_of!r}") from None
        if stale_only:
            report = assignments_refresh_stale(as_of=day)
        else:
            report = assignments_reconcile(as_of=day, progress=lambda line: self.stdout.write(line))
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{report.changed} assignments changed."))
