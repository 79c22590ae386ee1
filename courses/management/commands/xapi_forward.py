from django.core.management.base import BaseCommand, CommandError

from courses.xapi.forwarding import ForwardError, forwarding_status, statements_forward


class Command(BaseCommand):
    help = (
        "Sends the xAPI statements not yet forwarded to the city's LRS (XAPI_FORWARD_URL), in "
        "batches, printing progress. Safe to repeat: what the LRS acknowledged is never sent again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, help="statements per request (default XAPI_FORWARD_BATCH)"
        )
        parser.add_argument("--max-batches", type=int, help="stop after this many batches")

    def handle(self, *args, batch_size=None, max_batches=None, **options):
        status = forwarding_status()
        if not status.configured:
            raise CommandError(
                "Forwarding is off: set XAPI_FORWARD_URL to the LRS's xAPI base URL."
            )
        if batch_size is not None and batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        self.stdout.write(f"{status.pending} statements to forward to {status.url}")

        def progress(number: int, count: int) -> None:
            self.stdout.write(f"batch {number}: {count} statements acknowledged")

        try:
            report = statements_forward(
                batch_size=batch_size, max_batches=max_batches, on_batch=progress
            )
        except ForwardError as error:
            raise CommandError(f"Forwarding stopped: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"{report.sent} statements forwarded."))
