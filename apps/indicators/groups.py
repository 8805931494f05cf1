"""Group indicators (DOMAIN.md), for a period, computed by the database.

- groups formed: active groups / groups planned or active (in the period);
- group leaders, deputies: people holding the role at the period's end;
- cadres per group: (leaders + deputies) / active groups, one decimal;
- party members leading groups: groups whose leader at the period's end is a
  party member, and that / active groups;
- party members overseeing groups: groups with an overseeing party member at
  the period's end, and that / active groups.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, QuerySet

from apps.hierarchy.models import Group
from apps.indicators.shares import Share
from apps.people.models import GroupRole, PartyOversight


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


def related_lookup(prefix: str, per: str) -> str:
    """A group's lookup seen from a model pointing at it: ("group", "hamlet") → "group__hamlet"."""
    return prefix if per == "pk" else f"{prefix}__{per}"


def _grouped(queryset: QuerySet, per: str | None, **counts) -> dict:
    if per is None:
        return {None: queryset.order_by().aggregate(**counts)}
    rows = queryset.order_by().values(unit=F(per)).annotate(**counts)
    return {row.pop("unit"): row for row in rows}


def group_figures(
    groups: QuerySet[Group], start: datetime.date, end: datetime.date, *, per: str | None = None
) -> dict[int | None, GroupFigures]:
    """Figures over `groups` for [start, end]; `per` is a lookup from a group to the unit
    to count by ("hamlet__commune", "hamlet", "pk"). Three queries."""
    ever = Q(planned_on__lte=end) & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start))
    active = Q(activated_on__lte=end) & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start))
    figures: dict = defaultdict(dict)
    for unit, row in _grouped(
        groups, per, planned_or_active=Count("pk", filter=ever), active=Count("pk", filter=active)
    ).items():
        figures[unit].update(row)
    roles = GroupRole.objects.held_on(end).filter(group__in=groups)
    role_per = related_lookup("group", per) if per else None
    for unit, row in _grouped(
        roles,
        role_per,
        leaders=Count("pk", filter=Q(role=GroupRole.Role.LEADER)),
        deputies=Count("pk", filter=Q(role=GroupRole.Role.DEPUTY)),
        party_led=Count(
            "group",
            distinct=True,
            filter=Q(role=GroupRole.Role.LEADER, person__is_party_member=True),
        ),
    ).items():
        figures[unit].update(row)
    oversights = PartyOversight.objects.held_on(end).filter(group__in=groups)
    for unit, row in _grouped(oversights, role_per, overseen=Count("group", distinct=True)).items():
        figures[unit].update(row)
    return {unit: GroupFigures(**row) for unit, row in figures.items()}
