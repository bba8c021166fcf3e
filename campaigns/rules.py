"""Permission predicates of the campaigns app (django-rules). The same predicates decide whether a
workflow move is allowed (services.workflow_transition) and whether its button is shown."""

import rules

from units.rules import in_unit_scope, is_manager, is_unit_officer, reads_everything


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
