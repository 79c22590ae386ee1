from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from analytics.demo import analytics_demo_seed
from courses.demo.city import DEMO_SIGN_INS, demo_city_seed
from lms.users.services import RosterDeactivationRefused


class Command(BaseCommand):
    help = (
        "Loads the demo city (roster, sign-ins, courses, requirements, history), computes its "
        "analytics and publishes a monitoring release. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees", type=int, default=2000, help="synthetic employees (default 2000)"
        )

    def handle(self, *args, employees: int, **options):
        if employees < 0 or employees > 200_000:
            raise CommandError("--employees must be between 0 and 200000")
        as_of = timezone.localdate()
        try:
            demo_city_seed(
                employees=employees, as_of=as_of, say=lambda line: self.stdout.write(line)
            )
        except RosterDeactivationRefused as refused:
            # The demo's own roster is held to the same limit as a city's: a smaller city than
            # the one already loaded would deactivate most of it.
            raise CommandError(
                f"This database already holds a larger demo city: seeding {employees} employees "
                f"would deactivate {refused.report.deactivated} of them, more than the roster "
                f"limit. Seed the same number again, or start afresh (make clean, then make demo)."
            ) from refused
        analytics_demo_seed(as_of=as_of, say=lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS("The demo city is ready. Sign in as:"))
        from django.conf import settings

        for email, role in DEMO_SIGN_INS:
            self.stdout.write(f"  {email:<28} {role}")
        self.stdout.write(f"  password: {settings.DEMO_PASSWORD}  (set DEMO_PASSWORD to change it)")
        self.stdout.write(
            f"  ore@ and admin@ also need a code from an authenticator app set up with the secret "
            f"{settings.DEMO_TOTP_SECRET}  (set DEMO_TOTP_SECRET to change it)"
        )
