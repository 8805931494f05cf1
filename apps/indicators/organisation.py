"""Organisation indicators (DOMAIN.md), at a day (the period's end):

- communes with a steering committee: communes with one / communes;
- hamlet mobilisation boards: hamlets with a board / hamlets.
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from apps.hierarchy.models import Commune, Hamlet
from apps.indicators.shares import Share
from apps.organisation.models import MobilisationBoard, SteeringCommittee


def _covered(units: QuerySet, exists: Exists, per: str | None) -> dict[int | None, Share]:
    counted = units.annotate(has_one=exists).order_by()
    counts = {"units": Count("pk"), "with_one": Count("pk", filter=Q(has_one=True))}
    if per is None:
        row = counted.aggregate(**counts)
        return {None: Share(row["with_one"], row["units"])}
    rows = counted.values(unit=F(per)).annotate(**counts)
    return {row["unit"]: Share(row["with_one"], row["units"]) for row in rows}


def communes_with_committee(
    communes: QuerySet[Commune], day: datetime.date, *, per: str | None = None
) -> dict[int | None, Share]:
    committee = SteeringCommittee.objects.current_on(day).filter(commune=OuterRef("pk"))
    return _covered(communes, Exists(committee), per)


def hamlets_with_board(
    hamlets: QuerySet[Hamlet], day: datetime.date, *, per: str | None = None
) -> dict[int | None, Share]:
    board = MobilisationBoard.objects.current_on(day).filter(hamlet=OuterRef("pk"))
    return _covered(hamlets, Exists(board), per)
