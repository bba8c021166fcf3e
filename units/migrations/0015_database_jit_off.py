"""PostgreSQL's JIT compiler off for the portal's database (docs/decisions.md, "No JIT").

The portal's queries are short: JIT compiles any plan whose estimated cost passes jit_above_cost,
and the estimate of a count with a correlated NOT EXISTS passes it at city scale, so the reviewer's
home spent 20 of its 59 ms of SQL compiling. Set on the database (not per connection), it holds
behind PgBouncer too, and a DBA can take it back with ALTER DATABASE ... RESET jit. A role that does
not own the database cannot set it: the migration then says so and goes on."""

from django.db import migrations

SET = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'jit stays on: only the owner of database % can turn it off (docs/deploy.md)', current_database();
END $$;
SET jit = off;
"""
RESET = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I RESET jit', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    NULL;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("units", "0014_person_version_on_name_or_active")]

    operations = [migrations.RunSQL(SET, RESET, elidable=False)]
