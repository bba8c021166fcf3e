"""Permission predicates of the campaigns app (django-rules). The same predicates decide whether a
workflow move is allowed (services.workflow_transition) and whether its button is shown."""

import rules

from units.rules import in_unit_scope, is_manager, is_propagandist, is_unit_officer, reads_everything


@rules.predicate
def is_editable(user, obj):
    return obj is not None and getattr(obj, "is_editable", False)


officer_of_object = is_unit_officer & in_unit_scope

# Every signed-in user sees the campaigns that concern their unit (the selectors scope them).
rules.add_perm("campaigns.view_campaigns", rules.is_authenticated)
rules.add_perm("campaigns.manage_campaign", is_manager)
rules.add_perm("campaigns.register", is_unit_officer)
rules.add_perm("campaigns.change_own", officer_of_object & is_editable)
rules.add_perm("campaigns.review", is_manager)
rules.add_perm("campaigns.follow", reads_everything)
rules.add_perm("campaigns.export", reads_everything | is_unit_officer)


@rules.predicate
def exemplar_accepted(user, exemplar):
    from .enums import WorkflowState

    return exemplar is not None and exemplar.state == WorkflowState.ACCEPTED


# Propaganda of exemplars (the directive gives it to Phòng Văn hóa và Thông tin): publish, take down
# and write the public page of an accepted exemplar; the advisory office may do it too.
can_publish_exemplars = is_propagandist | is_manager
rules.add_perm("campaigns.publish_exemplars", can_publish_exemplars)
rules.add_perm("campaigns.publish_exemplar", (is_propagandist | is_manager) & exemplar_accepted)


# --- Emulation blocs ------------------------------------------------------------------------------


def _bloc_year_id(obj):
    return obj.bloc_year_id if hasattr(obj, "bloc_year_id") else obj.pk


def _role_unit_id(obj, role):
    """The unit holding ``role`` (leader or deputy; the first in the members' order) in the bloc year
    of ``obj`` (a BlocYear or a Scorecard). Both roles are read in one query, once per object: a page
    asks several predicates (the buttons, the moves) about the same card or year."""
    from .enums import BlocRole
    from .models import BlocMember

    units = obj.__dict__.get("_bloc_role_units")
    if units is None:
        units = {}
        rows = BlocMember.objects.filter(bloc_year_id=_bloc_year_id(obj), role__in=(BlocRole.LEADER, BlocRole.DEPUTY))
        for member_role, unit_id in rows.values_list("role", "unit_id"):
            units.setdefault(member_role, unit_id)
        obj.__dict__["_bloc_role_units"] = units
    return units.get(role)


def _officer_of(user, unit_id):
    from units.selectors import unit_in_scope

    return unit_id is not None and is_unit_officer(user) and unit_in_scope(user, unit_id)


@rules.predicate
def leads_bloc(user, obj):
    """An officer of the unit that leads the bloc this year (obj: a BlocYear or a Scorecard)."""
    from .enums import BlocRole

    # A non-officer is refused before the bloc's leader is read.
    return obj is not None and is_unit_officer(user) and _officer_of(user, _role_unit_id(obj, BlocRole.LEADER))


@rules.predicate
def checks_scorecard(user, scorecard):
    """The leader's officers check every member's scorecard except the leader's own, which the
    deputy's officers check (nobody checks their own unit's scores)."""
    from .enums import BlocRole

    if scorecard is None or not is_unit_officer(user):
        return False
    leader_unit = _role_unit_id(scorecard, BlocRole.LEADER)
    if scorecard.unit_id == leader_unit:
        return _officer_of(user, _role_unit_id(scorecard, BlocRole.DEPUTY))
    return _officer_of(user, leader_unit)


@rules.predicate
def member_of_bloc(user, obj):
    """An officer of any member unit of the bloc year (obj: a BlocYear or a Scorecard)."""
    from units.selectors import user_scope_unit_ids

    from .models import BlocMember

    if obj is None or not is_unit_officer(user):
        return False
    scope = user_scope_unit_ids(user)
    members = BlocMember.objects.filter(bloc_year_id=_bloc_year_id(obj))
    return scope is None or members.filter(unit_id__in=scope).exists()


@rules.predicate
def round_open(user, obj):
    from .enums import BlocYearState

    if obj is None:
        return False
    bloc_year = obj.bloc_year if hasattr(obj, "bloc_year_id") else obj
    return bloc_year.state == BlocYearState.OPEN


@rules.predicate
def round_published(user, obj):
    from .enums import BlocYearState

    if obj is None:
        return False
    bloc_year = obj.bloc_year if hasattr(obj, "bloc_year_id") else obj
    return bloc_year.state == BlocYearState.PUBLISHED


rules.add_perm("campaigns.view_blocs", rules.is_authenticated)
rules.add_perm("campaigns.manage_blocs", is_manager)
rules.add_perm("campaigns.score_own", officer_of_object & is_editable & round_open)
rules.add_perm("campaigns.check_scorecard", checks_scorecard & round_open)
rules.add_perm("campaigns.rank_bloc", leads_bloc)
rules.add_perm("campaigns.publish_bloc", leads_bloc | is_manager)
# The ranking (and every member's scores) is seen by the leader's officers and the global readers at
# once, by the other members only once the bloc has published it.
rules.add_perm("campaigns.view_ranking", reads_everything | leads_bloc | (member_of_bloc & round_published))
rules.add_perm("campaigns.manage_covenant", is_manager | leads_bloc)
rules.add_perm("campaigns.propose_from_bloc", (leads_bloc | is_manager) & round_published)


# The bloc's scoring moves (campaigns.bloc_services.scoring_transition is the only writer of these
# states): (model name, from, to) -> predicate(user, obj).
from .enums import BlocYearState as Y  # noqa: E402 (kept next to the table it serves)
from .enums import ScorecardState as C  # noqa: E402

SCORING_TRANSITIONS = {
    ("scorecard", C.DRAFT, C.SUBMITTED): officer_of_object,
    ("scorecard", C.RETURNED, C.SUBMITTED): officer_of_object,
    ("scorecard", C.SUBMITTED, C.CHECKED): checks_scorecard,
    ("scorecard", C.SUBMITTED, C.RETURNED): checks_scorecard,
    ("scorecard", C.CHECKED, C.RETURNED): checks_scorecard,
    ("blocyear", Y.OPEN, Y.RANKED): leads_bloc,
    ("blocyear", Y.RANKED, Y.OPEN): leads_bloc | is_manager,
    ("blocyear", Y.RANKED, Y.PUBLISHED): leads_bloc | is_manager,
}
# The unit must know what to fix; reopening a ranked round must say why.
SCORING_COMMENT_REQUIRED = {("scorecard", C.SUBMITTED, C.RETURNED), ("scorecard", C.CHECKED, C.RETURNED), ("blocyear", Y.RANKED, Y.OPEN)}
SCORING_ACTION_LABELS = {
    C.SUBMITTED: "Gửi trưởng khối",
    C.CHECKED: "Xác nhận đã kiểm tra",
    C.RETURNED: "Trả lại để chấm lại",
    Y.RANKED: "Ghi kết quả họp khối, xếp hạng",
    Y.OPEN: "Mở lại để chấm điểm",
    Y.PUBLISHED: "Công bố kết quả",
}


def scoring_moves(user, obj):
    """Target states ``user`` may move ``obj`` (a Scorecard or BlocYear) to now: the buttons shown."""
    model = obj._meta.model_name
    return [to for (m, frm, to), predicate in SCORING_TRANSITIONS.items() if m == model and frm == obj.state and predicate.test(user, obj)]
