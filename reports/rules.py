"""Reports are for the advisory office, leadership and administrators; unit officers get 403 (their own
unit's figures are on their campaign and nomination pages)."""

import rules

from units.rules import is_administrator, is_leader, is_reviewer

can_view_reports = is_reviewer | is_leader | is_administrator

rules.add_perm("reports.view_reports", can_view_reports)
rules.add_perm("reports.request_report", can_view_reports)
rules.add_perm("reports.retry_report", is_reviewer | is_administrator)
rules.add_perm("reports.view_statforms", can_view_reports)

# The stage review report (reports.review): the advisory office writes it; leadership reads and prints it.
rules.add_perm("reports.view_reviews", can_view_reports)
rules.add_perm("reports.manage_reviews", is_reviewer)


@rules.predicate
def started_the_run(user, run):
    """The user who asked for this report (a scheduled one has no starter)."""
    return run is not None and run.requested_by_id is not None and run.requested_by_id == user.pk


# Stopping a report in progress: whoever asked for it, the advisory office (reports cover its whole
# area) or an administrator.
rules.add_perm("reports.cancel_report", can_view_reports & (started_the_run | is_reviewer | is_administrator))
