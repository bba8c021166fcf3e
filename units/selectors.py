"""Read-side queries of the units app. Every list a view shows comes from a *_visible_to(user)
selector, so another unit's object is simply absent (404), never forbidden-but-present."""

from django.db import connection
from django.db.models import Count, Q

from .enums import Role
from .models import Person, Unit

# Roles that read everything in the portal.
GLOBAL_READERS = {Role.REVIEWER, Role.LEADER, Role.ADMINISTRATOR, Role.COUNCIL_MEMBER}


def user_sees_everything(user):
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or bool(GLOBAL_READERS.intersection(user.roles))


def unit_subtree_ids(unit_id):
    """Ids of ``unit_id`` and all its descendants, in one recursive query."""
    if unit_id is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE tree(id) AS (
                SELECT id FROM units_unit WHERE id = %s
                UNION
                SELECT u.id FROM units_unit u JOIN tree t ON u.parent_id = t.id
            )
            SELECT id FROM tree
            """,
            [unit_id],
        )
        return [row[0] for row in cursor.fetchall()]


SUBTREE_SQL = (
    "WITH RECURSIVE tree(id) AS (SELECT id FROM units_unit WHERE id = ANY(%s)"
    " UNION SELECT u.id FROM units_unit u JOIN tree t ON u.parent_id = t.id) SELECT id FROM tree"
)


def in_subtrees_q(root_ids, field="pk"):
    """Q: ``field`` is a unit of the subtrees of ``root_ids``, the recursion inside the query that
    uses it (no query of its own, no list of ids sent)."""
    from django.db.models import Q
    from django.db.models.expressions import RawSQL

    return Q(**{f"{field}__in": RawSQL(SUBTREE_SQL, [sorted(root_ids)])})  # noqa: S611 - constant SQL, the ids are a parameter


def related_unit_ids(unit_id):
    """``unit_id`` with every unit it succeeded and every unit that succeeded it, transitively (the
    units a person of this unit may have been recorded under across mergers)."""
    from django.db import connection

    if unit_id is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE back(id) AS (
                SELECT %s::bigint
                UNION SELECT s.from_unit_id FROM units_unit_successors s JOIN back b ON s.to_unit_id = b.id
            ), forward(id) AS (
                SELECT %s::bigint
                UNION SELECT s.to_unit_id FROM units_unit_successors s JOIN forward f ON s.from_unit_id = f.id
            )
            SELECT id FROM back UNION SELECT id FROM forward
            """,
            [unit_id, unit_id],
        )
        return [row[0] for row in cursor.fetchall()]


def user_scope_unit_ids(user):
    """The units a unit officer acts for: their unit and its sub-units (cached on the user object
    for the request). Returns None for users who see everything."""
    if user_sees_everything(user):
        return None
    cached = getattr(user, "_scope_unit_ids", None)
    if cached is None:
        cached = frozenset(unit_subtree_ids(getattr(user, "unit_id", None))) if getattr(user, "is_authenticated", False) else frozenset()
        if getattr(user, "is_authenticated", False):
            user._scope_unit_ids = cached
    return cached


def unit_in_scope(user, unit_id):
    scope = user_scope_unit_ids(user)
    return scope is None or unit_id in scope


def units_visible_to(user):
    qs = Unit.objects.select_related("parent")
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(pk__in=scope)


def people_visible_to(user):
    qs = Person.objects.select_related("unit")
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(unit_id__in=scope)


def unit_list(*, user, q="", kind="", active=""):
    from dosonthidua.text import fold

    qs = units_visible_to(user).annotate(people_count=Count("people", filter=Q(people__active=True)))
    if q:
        qs = qs.filter(Q(search_name__contains=fold(q)) | Q(short_code__icontains=q.strip()))
    if kind:
        qs = qs.filter(kind=kind)
    if active in ("1", "0"):
        qs = qs.filter(active=active == "1")
    return qs.order_by("display_order", "name")


def person_list(*, user, q="", unit=None, direct_worker="", gender="", active="1"):
    from dosonthidua.text import fold

    qs = people_visible_to(user)
    if q:
        qs = qs.filter(search_name__contains=fold(q))
    if unit:
        qs = qs.filter(unit_id__in=unit_subtree_ids(unit.pk))
    if direct_worker in ("1", "0"):
        qs = qs.filter(is_direct_worker=direct_worker == "1")
    elif direct_worker == "unknown":  # blank in the record: a published list did not say
        qs = qs.filter(is_direct_worker__isnull=True)
    if gender == "unknown":
        qs = qs.filter(gender="")
    elif gender:
        qs = qs.filter(gender=gender)
    if active in ("1", "0"):
        qs = qs.filter(active=active == "1")
    return qs.order_by("full_name", "id")


# Units shown per level of the tree before a "more" button (the rest load on demand).
TREE_PAGE = 50


def unit_counts():
    """{unit_id: (active people, children)} for every unit: two grouped queries, cached until a
    person or a unit is saved (PEOPLE_COUNTS), so the tree does not count 100,000 people per request."""
    from django.conf import settings
    from django.core.cache import cache

    from dosonthidua.cache import PEOPLE_COUNTS, generation

    key = f"units:counts:{generation(PEOPLE_COUNTS)}"
    counts = cache.get(key)
    if counts is None:
        people = dict(Person.objects.filter(active=True).order_by().values_list("unit_id").annotate(n=Count("id")))
        children = dict(Unit.objects.filter(parent__isnull=False).order_by().values_list("parent_id").annotate(n=Count("id")))
        counts = {pk: (people.get(pk, 0), children.get(pk, 0)) for pk in set(people) | set(children)}
        cache.set(key, counts, settings.DASHBOARD_CACHE_SECONDS)
    return counts


def unit_tree_level(*, user, parent=None, offset=0):
    """One level of the unit tree: the visible units under ``parent`` (or the user's top units),
    TREE_PAGE at a time, each with its people and children counts. Returns (nodes, more_offset)."""
    visible = units_visible_to(user)
    if parent is not None:
        qs = visible.filter(parent=parent)
    else:
        scope = user_scope_unit_ids(user)
        qs = visible.filter(parent__isnull=True) if scope is None else visible.exclude(parent_id__in=scope)
    rows = list(qs.order_by("display_order", "name")[offset : offset + TREE_PAGE + 1])
    counts = unit_counts()
    nodes = [{"unit": u, "people": counts.get(u.pk, (0, 0))[0], "children": counts.get(u.pk, (0, 0))[1]} for u in rows[:TREE_PAGE]]
    return nodes, (offset + TREE_PAGE if len(rows) > TREE_PAGE else None)


def unit_choices_for(user):
    """Units a user may pick in a form (active ones within scope)."""
    return units_visible_to(user).filter(active=True).order_by("display_order", "name")


def history_entries(history_qs, *, limit=20):
    """The latest ``limit`` history rows of one object with their field changes, diffed in Python
    against the next-older row (fetched in the same query: no per-row queries)."""
    records = list(history_qs.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older, foreign_keys_are_objs=False)
            model = record.instance_type
            for change in delta.changes:
                try:
                    label = model._meta.get_field(change.field).verbose_name
                except Exception:
                    label = change.field
                changes.append({"field": label, "old": change.old, "new": change.new})
        entries.append({"record": record, "changes": changes})
    return entries


def notifications_for(user):
    from .models import Notification

    return Notification.objects.filter(user=user)


def unread_notification_count(user):
    from .models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).count()
