"""An organisation's country: from any two letters to the maintained ISO list of django-countries.

Stored values stay two-letter codes; they are put in upper case, the form the list uses.
"""

import django_countries.fields
from django.db import migrations
from django.db.models.functions import Upper


def upper_case(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    Organisation.objects.update(country=Upper("country"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_api_token"),
    ]

    operations = [
        migrations.RunPython(upper_case, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="country",
            field=django_countries.fields.CountryField(default="NL", max_length=2, verbose_name="country"),
        ),
    ]
