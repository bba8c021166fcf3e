from django.db import migrations

# units_person's version (units.TableVersion) changes only with what the candidates' cache reads of
# people: a deletion, or a change of a name or of active. With a trigger on every write statement
# (migration 0012), any edit of any person (a post, a birth year, a new person without periods yet)
# sent the next whole-city candidates page back to the 100 ms computation of every threshold.
FORWARD = """
DROP TRIGGER IF EXISTS units_table_version ON units_person;
DROP TRIGGER IF EXISTS units_table_version_row ON units_person;
CREATE TRIGGER units_table_version AFTER DELETE ON units_person
    FOR EACH STATEMENT EXECUTE FUNCTION units_table_version();
CREATE TRIGGER units_table_version_row AFTER UPDATE ON units_person FOR EACH ROW
    WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name OR OLD.active IS DISTINCT FROM NEW.active)
    EXECUTE FUNCTION units_table_version();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS units_table_version_row ON units_person;
DROP TRIGGER IF EXISTS units_table_version ON units_person;
CREATE TRIGGER units_table_version AFTER INSERT OR UPDATE OR DELETE ON units_person
    FOR EACH STATEMENT EXECUTE FUNCTION units_table_version();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0013_merge_list_indexes_table_versions"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
