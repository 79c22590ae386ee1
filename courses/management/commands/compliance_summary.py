from django.core.management.base import BaseCommand, CommandError

from courses.compliance.summary import summary_drift, summary_recount


class Command(BaseCommand):
    help = (
        "Checks the per-department status summary the liaison's page reads against a recount of "
        "the assignments (--check, changes nothing; fails if they differ), or recounts it "
        "(--rebuild, safe to repeat)."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--check", action="store_true", help="compare only; change nothing")
        action.add_argument("--rebuild", action="store_true", help="recount every department")

    def handle(self, *args, check: bool, rebuild: bool, **options):
        if rebuild:
            corrected = summary_recount()
            self.stdout.write(
                self.style.SUCCESS(f"Recounted every department: corrected {corrected}.")
            )
            return
        if not check:
            raise CommandError("Say what to do: --check or --rebuild.")
        pairs, days = summary_drift()
        if pairs or days:
            raise CommandError(
                f"{pairs} department summary row(s) and {days} due-date count(s) differ from "
                "a recount of the assignments; run with --rebuild to correct them."
            )
        self.stdout.write(self.style.SUCCESS("The department summaries equal a recount."))
