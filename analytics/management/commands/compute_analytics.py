from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from analytics.pipeline.services import analytics_run_full


class Command(BaseCommand):
    help = (
        "Computes every training indicator (the nightly analytics run) into a new snapshot and "
        "makes it the visible one. Safe to repeat; a failed run leaves the previous one visible."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="the reporting date, YYYY-MM-DD (default today)")

    def handle(self, *args, as_of: str | None, **options):
        try:
            day = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of must be a date like 2026-07-01, not {as_of!r}") from None
        if day > timezone.localdate():
            raise CommandError("--as-of cannot be in the future.")
        try:
            run = analytics_run_full(as_of=day, progress=lambda line: self.stdout.write(line))
        except Exception as error:
            raise CommandError(
                f"The analytics run failed ({type(error).__name__}: {error}); the previous "
                "figures stay visible."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Run {run.pk}: {run.row_count} cells in {run.slice_count} slices, as of {day}."
            )
        )
