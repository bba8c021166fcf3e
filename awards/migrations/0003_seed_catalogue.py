"""Seed the award catalogue, eligibility rules, conferring routes and base salaries (production data)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from awards.catalogue import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_catalogue_nominations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
