"""The council's vote arithmetic: quorum and the vote rule of an award kind (secret or open, base of
all members or of those present, a minimum percentage). Pure functions, so the edges (exactly 70%,
quorum missing, absentees) are tested without a database. The text shows the arithmetic on screen
and in the minutes, e.g. '9/12 thành viên Hội đồng = 75% ≥ 70%'."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .enums import VoteBase


def percent_text(value):
    """Decimal('75.00') -> '75'; Decimal('66.6666') -> '66,67'."""
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    text = format(value, "f")
    return text.replace(".", ",")


@dataclass(frozen=True)
class Quorum:
    present: int
    members: int
    numerator: int
    denominator: int

    @property
    def met(self):
        # Exact integer comparison: 8 of 12 members meets two thirds, 7 of 12 does not.
        return self.members > 0 and self.present * self.denominator >= self.numerator * self.members

    @property
    def text(self):
        sign = "≥" if self.met else "<"
        return f"Có mặt {self.present}/{self.members} thành viên {sign} {self.numerator}/{self.denominator} tổng số thành viên"


@dataclass(frozen=True)
class VoteOutcome:
    approved: bool | None  # None: no result (quorum missing)
    text: str
    denominator: int


def vote_outcome(*, yes, members, present, base, threshold_percent, quorum_numerator=2, quorum_denominator=3):
    """Apply a kind's vote rule. ``members`` is the roster on the meeting date, ``present`` those
    attending; with base ALL_MEMBERS an absent member counts as not agreeing unless his written vote
    is among ``yes``."""
    quorum = Quorum(present, members, quorum_numerator, quorum_denominator)
    if not quorum.met:
        return VoteOutcome(None, f"Không đủ điều kiện biểu quyết: {quorum.text}", 0)
    if base == VoteBase.ALL_MEMBERS:
        denominator, label = members, "thành viên Hội đồng"
    else:
        denominator, label = present, "thành viên có mặt"
    threshold = Decimal(threshold_percent)
    approved = Decimal(yes) * 100 >= threshold * denominator
    percent = Decimal(yes) * 100 / denominator
    sign = "≥" if approved else "<"
    return VoteOutcome(approved, f"{yes}/{denominator} {label} = {percent_text(percent)}% {sign} {percent_text(threshold)}%", denominator)
