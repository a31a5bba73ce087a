"""The ten standard risk themes shared by every covenant (covenants may add their own)."""

from django.db import migrations

# Frozen copy: later changes to the theme list get their own migration.
STANDARD_THEMES = [
    ("child-labour", "Kinderarbeid", "Child labour"),
    ("forced-labour", "Dwangarbeid", "Forced labour"),
    ("living-wage", "Leefbaar loon", "Living wage"),
    (
        "freedom-of-association",
        "Vrijheid van vakvereniging en collectief onderhandelen",
        "Freedom of association and collective bargaining",
    ),
    ("discrimination-gender", "Discriminatie en gender", "Discrimination and gender"),
    ("health-safety", "Gezondheid en veiligheid", "Health and safety"),
    ("land-rights", "Landrechten", "Land rights"),
    ("environment", "Milieu (water, chemicaliën, klimaat)", "Environment (water, chemicals, climate)"),
    ("animal-welfare", "Dierenwelzijn", "Animal welfare"),
    ("corruption", "Corruptie", "Corruption"),
]


def add_standard_themes(apps, schema_editor):
    RiskTheme = apps.get_model("covenants", "RiskTheme")
    for position, (code, name_nl, name_en) in enumerate(STANDARD_THEMES, start=1):
        RiskTheme.objects.update_or_create(
            code=code,
            covenant=None,
            defaults={"name_nl": name_nl, "name_en": name_en, "is_standard": True, "position": position * 10},
        )


def remove_standard_themes(apps, schema_editor):
    RiskTheme = apps.get_model("covenants", "RiskTheme")
    RiskTheme.objects.filter(is_standard=True, code__in=[code for code, _nl, _en in STANDARD_THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("covenants", "0001_initial")]

    operations = [migrations.RunPython(add_standard_themes, remove_standard_themes)]
