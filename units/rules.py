"""Permission predicates (django-rules). The same predicates decide whether an action is allowed and
whether its button is shown."""

import rules

from .enums import Role


def _has(role):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user):
        return bool(getattr(user, "is_authenticated", False)) and (role in getattr(user, "roles", ()))

    return predicate


is_unit_officer = _has(Role.UNIT_OFFICER)
is_reviewer = _has(Role.REVIEWER)
is_council_member = _has(Role.COUNCIL_MEMBER)
is_leader = _has(Role.LEADER)
is_propagandist = _has(Role.PROPAGANDA)


@rules.predicate
def is_administrator(user):
    return bool(getattr(user, "is_authenticated", False)) and (user.is_superuser or Role.ADMINISTRATOR in user.roles)


@rules.predicate
def in_unit_scope(user, obj):
    """obj (a Unit, or anything with unit_id) lies in the user's unit or its sub-units."""
    from .selectors import unit_in_scope

    if obj is None:
        return False
    unit_id = obj.pk if obj.__class__.__name__ == "Unit" else getattr(obj, "unit_id", None)
    return unit_in_scope(user, unit_id)


is_manager = is_reviewer | is_administrator
reads_everything = is_reviewer | is_leader | is_administrator | is_council_member

rules.add_perm("units.view_unit", reads_everything | (is_unit_officer & in_unit_scope))
rules.add_perm("units.manage_units", is_manager)
rules.add_perm("units.view_person", reads_everything | (is_unit_officer & in_unit_scope))
rules.add_perm("units.add_person", is_manager | is_unit_officer)
rules.add_perm("units.change_person", is_manager | (is_unit_officer & in_unit_scope))
rules.add_perm("units.import_people", is_manager | is_unit_officer)
rules.add_perm("units.view_history", is_reviewer | is_administrator | is_leader)
rules.add_perm("units.merge_person", is_manager)
rules.add_perm("units.transfer_person", is_manager)
rules.add_perm("units.export", reads_everything | is_unit_officer)
