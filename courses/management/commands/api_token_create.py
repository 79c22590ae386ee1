from django.core.management.base import BaseCommand, CommandError

from courses.api.services import TokenRefused, api_token_create
from lms.users.models import User


class Command(BaseCommand):
    help = (
        "Issues an API token for ORE automation (/api/) to an ORE lead and prints it once: "
        "only a hash is kept. Revoke with `manage.py api_tokens revoke --id N` (see "
        "`manage.py api_tokens list`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the ORE lead's email address")
        parser.add_argument("--name", required=True, help="what the token is for")

    def handle(self, *args, user: str, name: str, **options):
        owner = User.objects.filter(email__iexact=user.strip()).first()
        if owner is None:
            raise CommandError(f"No user has the email address {user!r}.")
        try:
            row, token = api_token_create(user=owner, name=name)
        except TokenRefused as error:
            raise CommandError(str(error)) from None
        self.stderr.write(f"Token {row.prefix}… ({row.name}) for user {owner.pk}; shown once:")
        self.stdout.write(token)
