"""Totals and ranking of bloc scorecards: pure functions over ScoreLine rows, used by the services
(when the bloc meeting ranks) and by the pages and reports (to show the table)."""

from dataclasses import dataclass, field
from decimal import Decimal

from .enums import ScoreLineKind, TieBreak

ZERO = Decimal("0")


def points_text(value):
    """80 -> '80', 72.5 -> '72,5' (Vietnamese decimal comma, no trailing zeros)."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


@dataclass
class Summary:
    """A scorecard's figures, from the self scores or from the checked ones."""

    criteria: Decimal = ZERO
    bonus: Decimal = ZERO
    penalty: Decimal = ZERO
    groups: list = field(default_factory=list)  # totals per group, in the table's order
    conditions_met: bool = True
    failed_conditions: list = field(default_factory=list)

    @property
    def total(self):
        return self.criteria + self.bonus - self.penalty


def summarise(lines, groups, *, checked):
    """Figures of ``lines`` (ScoreLine rows with their criterion): criteria, bonus and penalty points,
    the group totals in the order of ``groups`` and whether every mandatory condition is met. A
    condition not yet assessed counts as not met."""
    summary = Summary()
    by_group = {g.pk: ZERO for g in groups}
    for line in lines:
        criterion = line.criterion
        if criterion.kind == ScoreLineKind.CONDITION:
            met = line.final_met if checked else line.self_met
            if not met:
                summary.conditions_met = False
                summary.failed_conditions.append(criterion)
            continue
        points = (line.final_points if checked else line.self_points) or ZERO
        if criterion.kind == ScoreLineKind.CRITERION:
            summary.criteria += points
            by_group[criterion.group_id] = by_group.get(criterion.group_id, ZERO) + points
        elif criterion.kind == ScoreLineKind.BONUS:
            summary.bonus += points
        else:
            summary.penalty += points
    summary.groups = [by_group[g.pk] for g in groups]
    return summary


def _sort_key(summary, tie_breaks):
    key = [-summary.total]
    for rule in tie_breaks:
        if rule == TieBreak.FEWER_PENALTY:
            key.append(summary.penalty)
        elif rule == TieBreak.MORE_BONUS:
            key.append(-summary.bonus)
        elif rule == TieBreak.GROUP_ORDER:
            key.extend(-g for g in summary.groups)
    return tuple(key)


def rank(entries, tie_breaks):
    """[(item, summary)] -> [(item, summary, rank)] best first: by total, then by the table's
    tie-break rules in order; members equal on every rule share the rank (1, 2, 2, 4)."""
    ordered = sorted(entries, key=lambda e: _sort_key(e[1], tie_breaks))
    result, previous, current = [], None, 0
    for position, (item, summary) in enumerate(ordered, start=1):
        key = _sort_key(summary, tie_breaks)
        if key != previous:
            current, previous = position, key
        result.append((item, summary, current))
    return result


def ranking_rows(bloc_year, groups=None):
    """[(scorecard, summary, rank)] of a bloc year from the checked scores, best first. ``groups``:
    the score table's groups when the caller has read them already. Three queries: the cards, their
    lines with their criteria (joined), the groups."""
    from django.db.models import Prefetch

    from .models import ScoreLine

    cards = list(
        bloc_year.scorecards.select_related("unit", "member")
        .prefetch_related(Prefetch("lines", queryset=ScoreLine.objects.select_related("criterion")))
        .order_by("member__display_order", "unit__name")
    )
    groups = list(bloc_year.score_table.groups.all()) if groups is None else groups
    entries = [(card, summarise(list(card.lines.all()), groups, checked=True)) for card in cards]
    return rank(entries, bloc_year.score_table.tie_breaks)
