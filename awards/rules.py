"""Permission predicates of the awards app and the table of allowed nomination moves by role.
The same predicates decide whether a move is allowed (services) and whether its button is shown."""

import rules

from units.rules import (
    in_unit_scope,
    is_administrator,
    is_council_member,
    is_leader,
    is_propagandist,
    is_reviewer,
    is_unit_officer,
    reads_everything,
)

from .enums import NominationState as S


@rules.predicate
def nomination_in_scope(user, nomination):
    return nomination is not None and in_unit_scope(user, nomination)


officer_of_nomination = is_unit_officer & nomination_in_scope


# (from, to) -> predicate(user, nomination). Nothing else may change a nomination's state.
@rules.predicate
def council_optional(user, nomination):
    """The nomination's procedure track lets it reach a decision without the council."""
    from .selectors import track_for

    track = track_for(nomination)
    return track is not None and not track.needs_council


def left_by_former_body(nomination, today=None):
    """Whether ``nomination`` is open work a body no longer in force left without handing it over:
    open, under a catalogue entry that ended before the body valid ``today`` began (the test of
    selectors.former_body_condition, on one object). Only a handover (awards.handover), which moves
    it to the successor's entry, lets the successor go on with it."""
    from dosonthidua.identity import identity_on

    from .handover import OPEN_NOMINATION_STATES

    begun = identity_on(today).valid_from
    valid_to = nomination.award_kind.valid_to
    return begun is not None and valid_to is not None and valid_to < begun and nomination.state in OPEN_NOMINATION_STATES


@rules.predicate
def handed_over(user, nomination):
    """Not a former body's work left without a handover (left_by_former_body)."""
    return nomination is None or not left_by_former_body(nomination)


TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED): officer_of_nomination,
    (S.DRAFT, S.WITHDRAWN): officer_of_nomination,
    (S.SUBMITTED, S.RETURNED): is_reviewer,
    (S.SUBMITTED, S.VERIFIED): is_reviewer,
    (S.SUBMITTED, S.WITHDRAWN): officer_of_nomination,
    (S.RETURNED, S.RESUBMITTED): officer_of_nomination,
    (S.RETURNED, S.WITHDRAWN): officer_of_nomination,
    (S.RESUBMITTED, S.RETURNED): is_reviewer,
    (S.RESUBMITTED, S.VERIFIED): is_reviewer,
    (S.RESUBMITTED, S.WITHDRAWN): officer_of_nomination,
    (S.VERIFIED, S.RETURNED): is_reviewer,
    (S.VERIFIED, S.WITH_COUNCIL): is_reviewer,
    # The simplified procedure where its track skips the council: straight to the leader's decision.
    (S.VERIFIED, S.APPROVED): is_reviewer & council_optional,
    # Taken off a meeting's agenda before voting (awards.services.meeting_agenda_remove).
    (S.WITH_COUNCIL, S.VERIFIED): is_reviewer,
    # The council's result is recorded by the standing secretariat (the advisory office) or, in issue 5,
    # by the vote-counting service acting for the council.
    (S.WITH_COUNCIL, S.APPROVED): is_reviewer,
    (S.WITH_COUNCIL, S.NOT_APPROVED): is_reviewer,
    # Issuing a decision (decision_issue, by a leader) moves its nominations.
    (S.APPROVED, S.DECIDED): is_leader,
    (S.APPROVED, S.PROPOSED_UPWARD): is_reviewer | is_leader,
    # The upper level's decision recorded (typed in, or imported from its decision package).
    (S.PROPOSED_UPWARD, S.DECIDED): is_reviewer | is_leader | is_administrator,
}

# A former body's work left without a handover is the successor's to take over, not to go on with:
# every move but the unit's withdrawal waits for the handover (left_by_former_body).
TRANSITIONS = {move: (test if move[1] == S.WITHDRAWN else test & handed_over) for move, test in TRANSITIONS.items()}

# Moves that need a comment (the unit must know what to fix; the record must say why).
COMMENT_REQUIRED = {(S.SUBMITTED, S.RETURNED), (S.RESUBMITTED, S.RETURNED), (S.VERIFIED, S.RETURNED), (S.WITH_COUNCIL, S.VERIFIED)}
# Moves that send the dossier to the advisory office: hard eligibility failures block them.
SUBMITTING_MOVES = {(S.DRAFT, S.SUBMITTED), (S.RETURNED, S.RESUBMITTED)}
# Moves that certify the dossier as checked (the advisory office): the same gate runs again, on the record as
# it is now, so nothing failing a hard check reaches the council, whichever page the move came from.
VERIFYING_MOVES = {(S.SUBMITTED, S.VERIFIED), (S.RESUBMITTED, S.VERIFIED)}
GATED_MOVES = SUBMITTING_MOVES | VERIFYING_MOVES

# Labels of moves whose target state alone does not say what they do.
MOVE_LABELS = {(S.VERIFIED, S.APPROVED): "Trình lãnh đạo quyết định (thủ tục đơn giản, không qua Hội đồng)"}

# Button labels shown on the detail page, by target state.
ACTION_LABELS = {
    S.SUBMITTED: "Gửi {office}",
    S.RESUBMITTED: "Gửi lại",
    S.RETURNED: "Trả lại để bổ sung",
    S.VERIFIED: "Xác nhận đã thẩm định",
    S.WITH_COUNCIL: "Trình Hội đồng",
    S.APPROVED: "Ghi nhận: Hội đồng đồng ý",
    S.NOT_APPROVED: "Ghi nhận: Hội đồng không đồng ý",
    S.DECIDED: "Ghi nhận đã có quyết định",
    S.PROPOSED_UPWARD: "Đề nghị cấp trên",
    S.WITHDRAWN: "Rút đề nghị",
}


# Moves made only by the procedure services (issue 5): putting on a meeting's agenda, the vote result,
# the decision's issue, the upward proposal. Their buttons are not shown on the nomination page and
# the page's transition form refuses them, so a result always comes with its meeting or decision.
PROCEDURE_MOVES = {
    (S.VERIFIED, S.WITH_COUNCIL),
    (S.WITH_COUNCIL, S.VERIFIED),
    (S.WITH_COUNCIL, S.APPROVED),
    (S.WITH_COUNCIL, S.NOT_APPROVED),
    (S.APPROVED, S.DECIDED),
    (S.APPROVED, S.PROPOSED_UPWARD),
    (S.PROPOSED_UPWARD, S.DECIDED),
}


def can_move(user, nomination, to_state):
    predicate = TRANSITIONS.get((nomination.state, to_state))
    return bool(predicate and predicate.test(user, nomination))


def allowed_moves(user, nomination, *, manual=False):
    """Target states ``user`` may move ``nomination`` to; ``manual``: only those made from the
    nomination page (not the procedure services' moves)."""
    return [
        to
        for (frm, to), predicate in TRANSITIONS.items()
        if frm == nomination.state and predicate.test(user, nomination) and not (manual and (frm, to) in PROCEDURE_MOVES)
    ]


@rules.predicate
def nomination_editable(user, nomination):
    return nomination is not None and nomination.is_editable


can_read_nominations = reads_everything | is_unit_officer

rules.add_perm("awards.view_nomination", reads_everything | (is_unit_officer & nomination_in_scope))
rules.add_perm("awards.add_nomination", is_unit_officer)
rules.add_perm("awards.change_nomination", is_unit_officer & nomination_in_scope & nomination_editable)
rules.add_perm("awards.review_nomination", is_reviewer)
rules.add_perm("awards.list_nominations", can_read_nominations)
rules.add_perm("awards.view_catalogue", rules.is_authenticated)
rules.add_perm("awards.manage_catalogue", is_administrator)
rules.add_perm("awards.import_records", is_reviewer | is_administrator)
rules.add_perm("awards.view_award_history", can_read_nominations)
rules.add_perm("awards.lookup_awards", can_read_nominations)
rules.add_perm("awards.add_submission", is_unit_officer)
rules.add_perm("awards.council", is_council_member)

# Public posting, council meetings, decisions and upward proposals (issue 5).
rules.add_perm("awards.manage_posting", is_reviewer)
rules.add_perm("awards.view_council", is_reviewer | is_leader | is_council_member | is_administrator)
rules.add_perm("awards.manage_council", is_reviewer)
rules.add_perm("awards.vote", is_council_member)
rules.add_perm("awards.view_decisions", reads_everything)
# A unit's officer opens the issued decisions (and certificates) that name the unit's people or the
# unit itself; which ones is decided by awards.selectors.decisions_visible_to.
rules.add_perm("awards.open_unit_decisions", reads_everything | is_unit_officer)
rules.add_perm("awards.draft_decision", is_reviewer)
rules.add_perm("awards.approve_decision", is_leader)
rules.add_perm("awards.issue_decision", is_leader)
rules.add_perm("awards.publish_decision", is_reviewer | is_leader)
rules.add_perm("awards.manage_proposals", is_reviewer)
# The reward fund: the advisory office keeps the ledger; the leader and the administrator read it.
rules.add_perm("awards.view_fund", is_reviewer | is_leader | is_administrator)
rules.add_perm("awards.manage_fund", is_reviewer)
# Packages from another level's portal (awards.interchange): a ward's proposal, the city's decision.
rules.add_perm("awards.import_interchange", is_reviewer | is_administrator)
# The record of a handover of a former body's open work (awards.handover): the receiving body's staff.
rules.add_perm("awards.view_handovers", reads_everything)


# Advanced-models conferences (awards.conference): the advisory office assembles them; leadership and
# administrators read them; the propaganda office reads them and prints the honourees' booklet.
# The predicate itself serves the menu: a has_perm() that rules answers False falls through to
# Django's ModelBackend, which reads the user's permissions (2 queries on every page).
can_view_conferences = is_reviewer | is_leader | is_administrator | is_propagandist
rules.add_perm("awards.view_conferences", can_view_conferences)
rules.add_perm("awards.manage_conferences", is_reviewer)
# Object permissions: every conference is the portal's own body's (no unit scope); the checks take the
# object so that a later per-body scope has one place to go.
rules.add_perm("awards.view_conference", can_view_conferences)
rules.add_perm("awards.manage_conference", is_reviewer)
rules.add_perm("awards.print_booklet", is_reviewer | is_leader | is_administrator | is_propagandist)


# --- Decisions: the table of allowed moves (awards.services.decision_transition) -------------------

from .enums import DecisionState as D  # noqa: E402 (kept next to the table it serves)

DECISION_TRANSITIONS = {
    (D.DRAFT, D.APPROVED): is_leader,
    (D.DRAFT, D.RETURNED): is_leader,
    (D.APPROVED, D.RETURNED): is_leader,
    (D.RETURNED, D.DRAFT): is_reviewer,
    (D.APPROVED, D.ISSUED): is_leader,
}
# The reviewer must know what to change.
DECISION_COMMENT_REQUIRED = {(D.DRAFT, D.RETURNED), (D.APPROVED, D.RETURNED)}
DECISION_ACTION_LABELS = {
    D.APPROVED: "Duyệt dự thảo",
    D.RETURNED: "Trả lại để sửa",
    D.DRAFT: "Gửi lại lãnh đạo",
    D.ISSUED: "Ban hành (cấp số)",
}


def can_move_decision(user, decision, to_state):
    predicate = DECISION_TRANSITIONS.get((decision.state, to_state))
    return bool(predicate and predicate.test(user, decision))


def decision_moves(user, decision):
    return [to for (frm, to), predicate in DECISION_TRANSITIONS.items() if frm == decision.state and predicate.test(user, decision)]
