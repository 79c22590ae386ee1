from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from courses.compliance.reminders import (
    reminder_claims_stuck,
    reminders_release,
    reminders_send_released,
)


class Command(BaseCommand):
    help = (
        "Lists the reminders whose sender died after claiming them and before sending them "
        "(claimed more than REMINDER_STUCK_AFTER_MINUTES ago, never sent); with --id or "
        "--all-older-than, releases them and sends those still due today, each once. Check the "
        "mail server's log first: a stuck reminder may have left just before its sender died."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--id",
            dest="ids",
            type=int,
            action="append",
            metavar="ID",
            help="release this claim (repeat for several); see the list for the ids",
        )
        parser.add_argument(
            "--all-older-than",
            dest="older_than",
            type=int,
            metavar="MINUTES",
            help=(
                "release every stuck claim older than this many minutes (at least "
                "REMINDER_STUCK_AFTER_MINUTES)"
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be released; change nothing"
        )
        parser.add_argument(
            "--no-send",
            action="store_true",
            help="only release: the next daily run sends those still due",
        )

    def handle(self, *args, ids, older_than, dry_run: bool, no_send: bool, **options):
        now = timezone.now()
        say = self.stdout.write
        if ids is None and older_than is None:
            stuck = list(reminder_claims_stuck(now=now))
            say(
                f"{len(stuck)} stuck reminder claim(s) (claimed more than "
                f"{settings.REMINDER_STUCK_AFTER_MINUTES} minutes ago, never sent)"
            )
            for claim in stuck:
                say(self._line(claim, now))
            if stuck:
                say("Release reviewed ones with --id ID (repeatable) or --all-older-than MINUTES.")
            return
        if older_than is not None and older_than < 0:
            raise CommandError("--all-older-than must be a number of minutes, 0 or more")
        try:
            report = reminders_release(
                now=now,
                ids=ids,
                older_than=timedelta(minutes=older_than) if older_than is not None else None,
                dry_run=dry_run,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        verb = "would release" if dry_run else "released"
        say(f"{verb}: {len(report.released)}")
        for claim in report.released:
            say(f"  {self._line(claim, now)}")
        for pk, reason in report.refused:
            say(f"not released: #{pk}: {reason}")
        if dry_run or no_send or not report.released:
            if report.released and not dry_run:
                say("The next daily run sends those still due.")
            if report.refused and not report.released:
                raise CommandError("nothing was released")
            return
        sent = reminders_send_released(
            keys=[claim.key for claim in report.released], as_of=timezone.localdate()
        )
        say(f"sent now: {sent.sent}")
        not_due = len(report.released) - len(sent.planned)
        if not_due:
            say(
                f"not due today any more, not sent: {not_due} (the person completed or a later "
                "reminder replaced it; a liaison may send a manual reminder again today, and a "
                "weekly digest goes with next week's)"
            )
        if sent.already:
            say(f"already sent by another worker meanwhile: {sent.already}")
        if sent.failed:
            self.stderr.write(f"{sent.failed} could not be sent; the next run tries them again.")

    @staticmethod
    def _line(claim, now) -> str:
        # Ids only (employee id, never names): this output may end up in an operator's logs.
        recipient = claim.recipient
        who = (
            f"employee {recipient.employee_id}"
            if recipient.employee_id
            else f"user #{recipient.pk}"
        )
        minutes = int((now - claim.claimed_at).total_seconds() // 60)
        return (
            f"#{claim.pk}  {claim.kind:<15} to {who}  claimed {claim.claimed_at.isoformat()} "
            f"({minutes} min ago)  key {claim.key}"
        )
