"""`manage.py import_roster PATH [--dry-run] [--apply-valid] [--allow-mass-deactivation=N]`:
load the city's HR roster."""

import argparse
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.users.roster import RosterFileError
from lms.users.services import RosterDeactivationRefused, RosterImportError, roster_import


def _count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = -1
    if count < 0 or not value.isascii():
        raise argparse.ArgumentTypeError(f"expected a number of employees, got {value!r}")
    return count


class Command(BaseCommand):
    help = (
        "Import the roster CSV (UTF-8, header row; columns as in DESIGN.md): create and update "
        "employees by employee_id, create departments and job classes on first sight, mark "
        "employees missing from the file inactive (never delete). Every bad row is reported "
        "with its line number; a file with bad rows changes nothing unless --apply-valid is "
        "given. An import that would deactivate more than ROSTER_MAX_DEACTIVATION_PERCENT "
        f"(now {settings.ROSTER_MAX_DEACTIVATION_PERCENT:g}%) of the active employees is "
        "refused unless --allow-mass-deactivation confirms the count a dry run shows. Exits "
        "with status 1 when the file cannot be read, or bad rows or too many deactivations "
        "stop the import (or would stop it, for a dry run)."
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
        parser.add_argument(
            "--allow-mass-deactivation",
            type=_count,
            metavar="N",
            help="confirm that the import may deactivate up to N employees even when that is "
            "more than ROSTER_MAX_DEACTIVATION_PERCENT of the active ones; give the count a "
            "--dry-run showed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = self._progress if options["verbosity"] >= 1 else None
        try:
            report = roster_import(
                path=options["path"],
                dry_run=options["dry_run"],
                apply_valid=options["apply_valid"],
                allow_mass_deactivation=options["allow_mass_deactivation"],
                progress=progress,
            )
        except RosterDeactivationRefused as exc:
            for line in exc.report.lines():
                self.stdout.write(line)
            raise CommandError(str(exc)) from exc
        except (RosterFileError, RosterImportError) as exc:
            raise CommandError(str(exc)) from exc

        for line in report.lines():
            self.stdout.write(line)
        if report.is_mass_deactivation:
            raise CommandError(report.refusal())
        if report.is_blocked:
            what = "a real import would change nothing" if report.dry_run else "nothing changed"
            raise CommandError(
                f"{len(report.bad_rows)} bad rows: {what}; fix them, or use --apply-valid "
                "to apply the valid rows"
            )

    def _progress(self, line: str) -> None:
        # Progress goes to stderr so that stdout carries only the report; plain, unstyled lines.
        self.stderr.write(line, style_func=str)
