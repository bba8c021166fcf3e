"""Vote arithmetic at its edges: exactly the threshold, quorum, base of all members vs present."""

from decimal import Decimal

import pytest

from awards.enums import VoteBase
from awards.voting import Quorum, percent_text, vote_outcome


def outcome(yes, members, present, base=VoteBase.PRESENT, threshold="70"):
    return vote_outcome(yes=yes, members=members, present=present, base=base, threshold_percent=Decimal(threshold))


def test_vote_exactly_seventy_percent_is_approved():
    result = outcome(7, 10, 10)
    assert result.approved is True
    assert result.text == "7/10 thành viên có mặt = 70% ≥ 70%"


def test_vote_just_below_seventy_percent_is_not_approved():
    result = outcome(6, 12, 9)
    assert result.approved is False
    assert result.text == "6/9 thành viên có mặt = 66,67% < 70%"


def test_vote_all_members_base_example_of_the_issue():
    result = outcome(9, 12, 10, base=VoteBase.ALL_MEMBERS)
    assert result.approved is True
    assert result.text == "9/12 thành viên Hội đồng = 75% ≥ 70%"


def test_vote_absentees_count_against_an_all_members_rule():
    # 9 present all agree; 3 absent. 90% of ALL members needs 11 of 12.
    assert outcome(9, 12, 9, base=VoteBase.ALL_MEMBERS, threshold="90").approved is False
    assert outcome(9, 12, 9, base=VoteBase.ALL_MEMBERS, threshold="90").text == "9/12 thành viên Hội đồng = 75% < 90%"
    # The same votes pass a rule based on those present.
    assert outcome(9, 12, 9, base=VoteBase.PRESENT, threshold="90").approved is True
    # Written votes of absentees counted among ``yes`` reach the threshold.
    assert outcome(11, 12, 9, base=VoteBase.ALL_MEMBERS, threshold="90").text == "11/12 thành viên Hội đồng = 91,67% ≥ 90%"


def test_vote_quorum_missing_gives_no_result():
    result = outcome(7, 12, 7)
    assert result.approved is None
    assert result.text == "Không đủ điều kiện biểu quyết: Có mặt 7/12 thành viên < 2/3 tổng số thành viên"


@pytest.mark.parametrize(("present", "members", "met"), [(8, 12, True), (7, 12, False), (2, 3, True), (1, 3, False), (0, 0, False)])
def test_quorum_two_thirds_is_exact(present, members, met):
    assert Quorum(present, members, 2, 3).met is met


def test_vote_simple_majority_half_is_not_enough():
    assert outcome(5, 10, 10, threshold="50.01").approved is False
    assert outcome(6, 10, 10, threshold="50.01").text == "6/10 thành viên có mặt = 60% ≥ 50,01%"


def test_percent_text():
    assert percent_text(Decimal("75.00")) == "75"
    assert percent_text(Decimal("66.6666")) == "66,67"
