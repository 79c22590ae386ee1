from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analytics.releases.models import ReleaseStatus
from analytics.releases.publishing import NoAnalyticsRunError, monitoring_release_publish


class Command(BaseCommand):
    help = (
        "Publishes a new release of the monitoring dataset (CSV, Parquet and a Frictionless "
        "datapackage.json, small cells withheld) from the visible analytics run, validates it, "
        "and makes it the latest if it is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            help="the releases directory (default MONITORING_RELEASE_DIR); the release goes in "
            "a new subdirectory named after its version",
        )

    def handle(self, *args, out: str | None, **options):
        root = Path(out) if out else Path(settings.MONITORING_RELEASE_DIR)
        if root.exists() and not root.is_dir():
            raise CommandError(f"--out must be a directory: {root} is a file.")
        try:
            release = monitoring_release_publish(
                out_dir=root, progress=lambda line: self.stdout.write(line)
            )
        except NoAnalyticsRunError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Release {release.version}: {release.row_count} rows, "
            f"{release.suppressed_count} withheld cells, reporting date {release.as_of}."
        )
        self.stdout.write(f"Files: {release.directory}")
        if release.status != ReleaseStatus.VALID:
            for error in release.validation_errors:
                self.stderr.write(f"  {error.get('type')}: {error.get('note')}")
            raise CommandError(
                f"Release {release.version} is INVALID ({len(release.validation_errors)} "
                f"error(s), listed above); the latest release is unchanged."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Validation: valid. {release.version} is now the latest.")
        )
