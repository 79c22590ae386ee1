from django.db import migrations, models

import lms.users.validators


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_transfer_dates"),
    ]

    operations = [
        migrations.AlterField(
            model_name="department",
            name="code",
            field=models.CharField(
                max_length=20,
                unique=True,
                validators=[lms.users.validators.validate_code],
                verbose_name="code",
            ),
        ),
        migrations.AlterField(
            model_name="department",
            name="name",
            field=models.CharField(
                max_length=200,
                validators=[lms.users.validators.validate_not_formula],
                verbose_name="name",
            ),
        ),
        migrations.AlterField(
            model_name="jobclass",
            name="code",
            field=models.CharField(
                max_length=20,
                unique=True,
                validators=[lms.users.validators.validate_code],
                verbose_name="code",
            ),
        ),
        migrations.AlterField(
            model_name="jobclass",
            name="title",
            field=models.CharField(
                blank=True,
                max_length=200,
                validators=[lms.users.validators.validate_not_formula],
                verbose_name="title",
            ),
        ),
    ]
