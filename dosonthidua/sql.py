"""SQL building blocks the ORM does not spell the way PostgreSQL's planner needs them."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, Lookup


class AnyOf(Lookup):
    """``column = ANY(array)``, usable as a filter expression: ``AnyOf(F("person_id"), ids)`` with
    ``ids`` a Python list (sent as one array parameter) or a queryset of one column (read as
    ``ARRAY(SELECT ...)`` once, before the scan).

    Why not ``__in``: ``a IN (subquery) OR b IN (subquery)`` makes PostgreSQL scan every row of the
    table and probe two hashed subplans, and ``__in=[...]`` with thousands of ids costs Django a
    conversion per id; ``a = ANY(ARRAY(...)) OR b = ANY(ARRAY(...))`` is a bitmap OR of two index
    scans (the lookup of awards by a name or a unit: 70 ms to 7 ms at city scale)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def __init__(self, lhs, rhs):
        if isinstance(lhs, str):
            lhs = F(lhs)
        if hasattr(rhs, "query"):  # a queryset of one column, read in no particular order
            rhs = ArraySubquery(rhs.order_by())
        elif not hasattr(rhs, "resolve_expression"):
            rhs = list(rhs)
        super().__init__(lhs, rhs)

    def get_db_prep_lookup(self, value, connection):
        return "%s", [value]

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} = ANY({rhs_sql})", (*lhs_params, *rhs_params)
