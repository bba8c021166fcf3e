"""Exact list totals without counting every row on every request (issue 16's benchmark).

A page of ``nominations/`` carries ``count``: DRF's pagination runs ``COUNT(*)`` over the whole
filtered set, which at 500,000 nominations is 40-70 ms of the request on the 2-core bench machine,
whatever the page size. The total is the same until one of the tables the query reads changes, so
it is cached per query (its SQL and parameters) and per *generation* of each table it reads:

- every statement that may write a watched table (``WATCHED``), through any Django connection of
  any process (web, Celery, admin, management commands, migrations: ``install`` wraps each new
  connection), starts a new generation of that table when its transaction commits (at once in
  autocommit); a rolled-back transaction changes nothing and starts none;
- a total is read from and stored in the cache only in autocommit (outside any atomic block, as the
  API's GET requests run), where the count sees committed rows only, and only when every table its
  SQL names is watched; otherwise, and whenever the cache misses or Redis is unreachable, the query
  counts as before.

So ``count`` stays exact: a total cached under generation *g* was counted after *g* began, and any
commit that could change it ends *g*. What it cannot see is a write that bypasses Django's
connections (psql, another program): COUNT_CACHE_SECONDS bounds such a lag, and also the lag after
a commit whose new generation could not reach Redis (retried on this process's next bump or count).
"""

import hashlib
import logging
import re
import secrets
import time

from django.core.cache import cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.transaction import TransactionManagementError

log = logging.getLogger(__name__)

# The tables the cached totals may read (the API's large lists and what their filters join).
WATCHED = frozenset({"units_unit", "units_person", "awards_awardrecord", "awards_nomination", "awards_awardkind"})
COUNT_CACHE_SECONDS = 600
_WATCHED_NAME = re.compile(r"\b(" + "|".join(sorted(WATCHED)) + r")\b")
_READ_ONLY = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "SHOW")
_WRITE_WORD = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b", re.IGNORECASE)
_IDENTIFIER = re.compile(r'"([^"]+)"|\b([a-z_][a-z0-9_]*)\b')
_failed = set()  # tables whose new generation did not reach Redis (retried)


def _key(table):
    return f"generation:table:{table}"


def tables_changed(tables):
    """Start a new generation of each table (its cached totals are no longer read)."""
    tables = set(tables) | _failed
    value = f"{time.time_ns()}-{secrets.token_hex(4)}"  # unique across processes
    failed = cache.set_many({_key(t): value for t in tables}, timeout=None)
    _failed.clear()
    if failed:
        _failed.update(k.rsplit(":", 1)[-1] for k in failed)
        log.warning("Could not start new table generations for %s (retried)", sorted(_failed))


def _written_tables(sql):
    """The watched tables a statement may write (none for a plain read)."""
    if not isinstance(sql, str):  # a composed statement: assume the worst
        return set(WATCHED)
    head = sql.lstrip()[:9].upper()
    if head.startswith(_READ_ONLY):
        return set()
    if head.startswith("WITH") and not _WRITE_WORD.search(sql):
        return set()
    return set(_WATCHED_NAME.findall(sql))


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    tables = _written_tables(sql)
    if tables:
        connection = context["connection"]
        try:
            connection.on_commit(lambda: tables_changed(tables), robust=True)
        except TransactionManagementError:  # manual transaction management: no commit hook
            tables_changed(tables)
    return result


def _wrap(sender, connection, **kwargs):
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


def install():
    """Watch the writes of every connection of this process (ApiConfig.ready)."""
    connection_created.connect(_wrap, dispatch_uid="dosonthidua.api.counts")
    for connection in connections.all(initialized_only=True):
        _wrap(None, connection)


def _known_tables():
    from django.apps import apps

    names = set()
    for model in apps.get_models(include_auto_created=True):
        names.add(model._meta.db_table)
    return names


_KNOWN = None


def _tables_read(sql):
    """Every known table the SQL names (quoted or bare)."""
    global _KNOWN
    if _KNOWN is None:
        _KNOWN = _known_tables()
    return {quoted or bare for quoted, bare in _IDENTIFIER.findall(sql)} & _KNOWN


def exact_count(queryset):
    """``queryset.count()``, from the cache when it is certainly the same (see the module)."""
    connection = connections[queryset.db]
    if connection.in_atomic_block:
        return queryset.count()
    try:
        sql, params = queryset.query.sql_with_params()
    except Exception:  # an empty result set (EmptyResultSet) and the like: let count() decide
        return queryset.count()
    tables = _tables_read(sql)
    if not tables or not tables <= WATCHED:
        return queryset.count()
    if _failed:
        tables_changed(())
    keys = [_key(t) for t in sorted(tables)]
    generations = cache.get_many(keys)
    for key in keys:
        if key not in generations:
            cache.add(key, f"{time.time_ns()}-{secrets.token_hex(4)}", None)
            generations[key] = cache.get(key)
            if generations[key] is None:  # Redis unreachable
                return queryset.count()
    digest = hashlib.sha256(repr((sql, params, [generations[k] for k in keys])).encode()).hexdigest()
    key = f"api:count:{digest}"
    total = cache.get(key)
    if total is None:
        total = queryset.count()
        cache.set(key, total, COUNT_CACHE_SECONDS)
    return total
