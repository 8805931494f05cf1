"""Group indicators (DOMAIN.md), for a period, computed by the database.

- groups formed: active groups / groups planned or active (in the period);
- group leaders, deputies: people holding the role at the period's end;
- cadres per group: (leaders + deputies) / active groups, one decimal;
- party members leading groups: groups whose leader at the period's end is a
  party member on that day, and that / active groups;
- party members overseeing groups: groups with an overseeing party member at
  the period's end (a party member on that day), and that / active groups.
"""

import datetime
import operator
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce

from django.db.models import Count, Q, QuerySet

from apps.core.counting import DateRange, count_by_period
from apps.core.shares import Share
from apps.hierarchy.models import Group, active_between_q
from apps.hierarchy.within import InGroups, Within
from apps.people.memberships import party_member_on
from apps.people.models import GroupRole, PartyOversight, held_on_q


@dataclass(frozen=True)
class GroupFigures:
    planned_or_active: int = 0
    active: int = 0
    leaders: int = 0
    deputies: int = 0
    party_led: int = 0
    overseen: int = 0

    @property
    def formed(self) -> Share:
        return Share(self.active, self.planned_or_active)

    @property
    def cadres_per_group(self) -> Decimal | None:
        if not self.active:
            return None
        ratio = Decimal(self.leaders + self.deputies) / Decimal(self.active)
        return ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def party_leading(self) -> Share:
        return Share(self.party_led, self.active)

    @property
    def party_overseeing(self) -> Share:
        return Share(self.overseen, self.active)


def group_figures_over(
    groups: QuerySet[Group],
    windows: Sequence[DateRange],
    *,
    per: str | None = None,
    within: Within | None = None,
) -> list[dict[int | None, GroupFigures]]:
    """Figures over `groups` for each (start, end) window; `per` is a lookup from a group to
    the unit to count by ("hamlet__commune", "hamlet", "pk"). Three queries."""
    figures: list[dict] = [defaultdict(dict) for _ in windows]
    within = within or InGroups(groups, per)

    def add(rows_by_window: list[dict]) -> None:
        for found, rows in zip(figures, rows_by_window, strict=True):
            for unit, row in rows.items():
                found[unit].update(row)

    def group_counts(index: int, window: DateRange) -> dict:
        start, end = window
        ever = Q(planned_on__lte=end) & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start))
        return {
            "planned_or_active": Count("pk", filter=ever),
            "active": Count("pk", filter=active_between_q(start, end)),
        }

    add(count_by_period(groups, windows, group_counts, per=per))
    # Roles and oversights are counted as held at each window's end.
    ends = [end for _, end in windows]
    held_at_an_end = reduce(operator.or_, (held_on_q(end) for end in ends))
    role_per = within.key("group")

    def role_counts(index: int, end: datetime.date) -> dict:
        leader = held_on_q(end) & Q(role=GroupRole.Role.LEADER)
        # Looked up per leader: a join would read every person of the district.
        party_member = party_member_on(end)
        return {
            "leaders": Count("pk", filter=leader),
            "deputies": Count("pk", filter=held_on_q(end) & Q(role=GroupRole.Role.DEPUTY)),
            "party_led": Count("group", distinct=True, filter=leader & party_member),
        }

    roles = within.records(GroupRole.objects.filter(held_at_an_end), "group")
    add(count_by_period(roles, ends, role_counts, per=role_per))

    def oversight_counts(index: int, end: datetime.date) -> dict:
        overseen = held_on_q(end) & party_member_on(end)
        return {"overseen": Count("group", distinct=True, filter=overseen)}

    oversights = within.records(PartyOversight.objects.filter(held_at_an_end), "group")
    add(count_by_period(oversights, ends, oversight_counts, per=role_per))
    return [{unit: GroupFigures(**row) for unit, row in found.items()} for found in figures]
