"""Sourcing countries: from free text ("bd, CN; xx") to the maintained ISO list of django-countries.

Existing values are rewritten to the stored form of a multiple CountryField ("BD,CN", sorted, each
code once); codes that are not countries are dropped, since the old field accepted any two letters.
"""

import re

import django_countries.fields
from django.db import migrations


def to_country_list(apps, schema_editor):
    from django_countries import countries

    known = {code for code, _name in countries}
    Membership = apps.get_model("covenants", "Membership")
    for pk, value in Membership.objects.values_list("pk", "sourcing_countries"):
        codes = {code.upper() for code in re.split(r"[\s,;]+", value or "") if code}
        Membership.objects.filter(pk=pk).update(sourcing_countries=",".join(sorted(codes & known)))


def to_free_text(apps, schema_editor):
    Membership = apps.get_model("covenants", "Membership")
    for pk, value in Membership.objects.values_list("pk", "sourcing_countries"):
        codes = value if isinstance(value, list | tuple) else (value or "").split(",")
        text = ", ".join(str(code) for code in codes if str(code))
        Membership.objects.filter(pk=pk).update(sourcing_countries=text)


class Migration(migrations.Migration):
    dependencies = [
        ("covenants", "0003_layout_contact_cycle_year_meeting_english"),
    ]

    operations = [
        migrations.RunPython(to_country_list, to_free_text),
        migrations.AlterField(
            model_name="membership",
            name="sourcing_countries",
            field=django_countries.fields.CountryField(
                help_text="Select every country your organisation sources from.",
                max_length=800,
                multiple=True,
                verbose_name="sourcing countries",
            ),
        ),
    ]
