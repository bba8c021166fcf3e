"""Write-side use cases of the units app. Each function says which rows it writes."""

from django.db import transaction

from .models import Person, Unit


@transaction.atomic
def person_save(*, person, by):
    """Create or update a Person (one row; a history row through django-simple-history)."""
    person._history_user = by
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def unit_save(*, unit, successors=None, by):
    """Create or update a Unit and, when given, its successor links (history row written)."""
    unit._history_user = by
    unit.full_clean()
    unit.save()
    if successors is not None:
        unit.successors.set(successors)
    return unit


@transaction.atomic
def people_import(*, rows, by):
    """Write validated import rows (``[(Person fields dict), ...]``) in one transaction; all or nothing.
    Rows: created Person rows and their history rows."""
    created = []
    for fields in rows:
        person = Person(**fields)
        person._history_user = by
        person.save()
        created.append(person)
    return created


@transaction.atomic
def units_import(*, rows, by):
    """Create or update units by short_code in one transaction (parents resolved in file order)."""
    saved = []
    for fields in rows:
        parent_code = fields.pop("parent_code", None)
        parent = Unit.objects.get(short_code=parent_code) if parent_code else None
        unit, _ = Unit.objects.get_or_create(short_code=fields["short_code"], defaults={**fields, "parent": parent})
        for key, value in fields.items():
            setattr(unit, key, value)
        unit.parent = parent
        unit._history_user = by
        unit.save()
        saved.append(unit)
    return saved
