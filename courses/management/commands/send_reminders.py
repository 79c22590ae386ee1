from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from courses.compliance.models import ReminderKind
from courses.compliance.reminders import liaison_digests_send, reminders_send


class Command(BaseCommand):
    help = (
        "Sends the day's training reminders (due soon, overdue, supervisor escalations), each at "
        "most once; with --digests, the liaisons' weekly digests instead. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be sent; send nothing"
        )
        parser.add_argument(
            "--as-of", dest="as_of", help="the day to plan for, YYYY-MM-DD (default: today)"
        )
        parser.add_argument(
            "--digests",
            action="store_true",
            help="send the liaisons' weekly digests of overdue people instead of the reminders",
        )

    def handle(self, *args, dry_run: bool, as_of: str | None, digests: bool, **options):
        try:
            day = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError("--as-of must be a date written YYYY-MM-DD") from None
        say = self.stdout.write
        send = liaison_digests_send if digests else reminders_send
        report = send(as_of=day, dry_run=dry_run, progress=say)
        if dry_run:
            # Employee ids only: this output may end up in an operator's logs.
            for item in report.planned:
                say(self._line(item))
        for line in report.lines():
            say(line)
        if report.failed:
            self.stderr.write(f"{report.failed} could not be sent; run again later to retry them.")

    def _line(self, item) -> str:
        if item.kind == ReminderKind.LIAISON_DIGEST:
            return (
                f"{item.kind:<15} to {self._who(item.liaison)}  department {item.department.code}"
                f"  {item.people_count} overdue"
            )
        about = ""
        if item.recipient.pk != item.employee.pk:
            about = f" about {self._who(item.employee)}"
        return (
            f"{item.kind:<15} to {self._who(item.recipient)}{about}"
            f"  requirement {item.requirement.pk} ({item.requirement.name})"
            f"  due {item.due_on.isoformat()}"
        )

    @staticmethod
    def _who(person) -> str:
        return f"employee {person.employee_id}" if person.employee_id else f"user #{person.pk}"
