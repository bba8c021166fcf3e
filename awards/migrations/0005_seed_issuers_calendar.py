from django.db import migrations


def forwards(apps, schema_editor):
    from awards.catalogue import seed_calendar, seed_issuers

    seed_issuers(apps)
    seed_calendar(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_council_decisions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
