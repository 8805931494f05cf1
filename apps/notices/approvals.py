"""Which communes have not approved a month: the one question the approval reminders ask."""

from django.db.models import Exists, OuterRef, QuerySet

from apps.approvals.models import MonthApproval
from apps.core.periods import Month
from apps.hierarchy.models import Commune

# The district expects every commune's approval of a month by this day of the next month.
APPROVAL_DUE_DAY = 10


def awaiting_approval(communes: QuerySet[Commune], month: Month) -> list[Commune]:
    """The communes among `communes` without a commune-level approval of `month` that
    stands (not unlocked since), with their district."""
    standing = MonthApproval.objects.filter(
        commune=OuterRef("pk"), hamlet__isnull=True, month=month.first_day, unlocked_at=None
    )
    return list(communes.exclude(Exists(standing)).order_by("code"))
