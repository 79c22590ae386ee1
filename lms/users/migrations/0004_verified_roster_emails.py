"""Every account's email is recorded as its verified, primary allauth address.

Emails here come from the roster (Human Resources) or the system owner, never from a signup;
without a verified address allauth's first single sign-on of a person wipes their password.
"""

from django.db import migrations

BATCH_SIZE = 2_000


def verify_emails(apps, schema_editor):
    User = apps.get_model("users", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        email_of = {
            pk: email.lower()
            for pk, email in User.objects.filter(pk__in=batch).values_list("pk", "email")
        }
        EmailAddress.objects.filter(email__in=email_of.values()).exclude(user_id__in=batch).delete()
        present = set()
        for pk, user_id, email in EmailAddress.objects.filter(user_id__in=batch).values_list(
            "pk", "user_id", "email"
        ):
            if email.lower() == email_of[user_id]:
                present.add(pk)
        EmailAddress.objects.filter(user_id__in=batch).exclude(pk__in=present).delete()
        EmailAddress.objects.filter(pk__in=present).update(verified=True, primary=True)
        have = set(EmailAddress.objects.filter(pk__in=present).values_list("user_id", flat=True))
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=pk, email=email, verified=True, primary=True)
                for pk, email in email_of.items()
                if pk not in have
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0003_code_and_name_checks"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(verify_emails, migrations.RunPython.noop, elidable=True)]
