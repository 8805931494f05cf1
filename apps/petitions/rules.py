"""When a petition is due: a number of days after it reaches the level handling it.

Each district's administrator may set the days per level (AnswerDeadline);
levels without a setting use the defaults below.
"""

import datetime

from apps.hierarchy.models import Group
from apps.petitions.models import AnswerDeadline

DEFAULT_DAYS = {"group": 15, "hamlet": 15, "commune": 30, "district": 45}


def days_to_close(district_id: int) -> dict[str, int]:
    configured = dict(
        AnswerDeadline.objects.filter(district_id=district_id).values_list("level", "days")
    )
    return {**DEFAULT_DAYS, **configured}


def due_on(
    group: Group, level: str, received_on: datetime.date, days: dict[str, int] | None = None
) -> datetime.date:
    """The due date of a petition of `group` reaching `level` on `received_on`; `days` is
    its district's `days_to_close`, when already read (for many petitions at once)."""
    days = days or days_to_close(group.hamlet.commune.district_id)
    return received_on + datetime.timedelta(days=days[level])
