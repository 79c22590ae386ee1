"""`manage.py import_roster PATH [--dry-run] [--apply-valid]`: load the city's HR roster."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.users.roster import RosterFileError
from lms.users.services import RosterImportError, roster_import


class Command(BaseCommand):
    help = (
        "Import the roster CSV (UTF-8, header row; columns as in DESIGN.md): create and update "
        "employees by employee_id, create departments and job classes on first sight, mark "
        "employees missing from the file inactive (never delete). Every bad row is reported "
        "with its line number; a file with bad rows changes nothing unless --apply-valid is "
        "given. Exits with status 1 when the file cannot be read or bad rows stop the import."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the roster CSV file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what the import would change, and change nothing",
        )
        parser.add_argument(
            "--apply-valid",
            action="store_true",
            help="apply the valid rows even if some rows are bad (bad rows are reported, and "
            "the people on them are left as they are)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = self._progress if options["verbosity"] >= 1 else None
        try:
            report = roster_import(
                path=options["path"],
                dry_run=options["dry_run"],
                apply_valid=options["apply_valid"],
                progress=progress,
            )
        except (RosterFileError, RosterImportError) as exc:
            raise CommandError(str(exc)) from exc

        for line in report.lines():
            self.stdout.write(line)
        if report.is_blocked:
            what = "a real import would change nothing" if report.dry_run else "nothing changed"
            raise CommandError(
                f"{len(report.bad_rows)} bad rows: {what}; fix them, or use --apply-valid "
                "to apply the valid rows"
            )

    def _progress(self, line: str) -> None:
        # Progress goes to stderr so that stdout carries only the report; plain, unstyled lines.
        self.stderr.write(line, style_func=str)
