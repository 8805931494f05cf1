import datetime

import pytest

from apps.approvals import services
from apps.core.periods import Month

OCTOBER = Month(2026, 10)
OCT_10 = datetime.date(2026, 10, 10)


@pytest.fixture
def october_locked(world, today, commune_a_official):
    """Commune A approved October 2026 (its group had no meeting: a reason is given)."""
    return services.month_approve(
        unit=world.a.commune, month=OCTOBER, reason="Bão lũ", user=commune_a_official
    )


def unlock(approval, user) -> None:
    services.approval_unlock(approval=approval, reason="Sửa số người dự", user=user)
