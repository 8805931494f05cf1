"""Which communes have not approved a month: the one question the approval reminders ask.

Month approval is its own app; until it is wired here no month awaits approval, so the
two approval rules (apps.notices.rules) remind no one.
"""

from django.db.models import QuerySet

from apps.core.periods import Month
from apps.hierarchy.models import Commune

# The district expects every commune's approval of a month by this day of the next month.
APPROVAL_DUE_DAY = 10


def awaiting_approval(communes: QuerySet[Commune], month: Month) -> list[Commune]:
    """The communes among `communes` that have not approved `month` (with their district).

    TODO: wire to apps.approvals.MonthApproval: the communes without a commune-level
    approval (hamlet empty) of `month.first_day` that stands (not unlocked since).
    """
    return []
