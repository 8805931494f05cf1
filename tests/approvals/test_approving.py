"""Approving a month: refused while meetings are missing unless a reason is given, only
after the month ends, once at a time; unlocking needs a reason; every step is kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.approvals import locks, services
from apps.approvals.models import MonthApproval, YearApproval
from apps.core.periods import Month
from apps.hierarchy import placements
from tests.approvals.conftest import OCT_10, OCTOBER, unlock
from tests.conftest import make_user
from tests.factories import MeetingFactory

pytestmark = pytest.mark.usefixtures("today")


def test_approving_with_missing_meetings_needs_a_reason(world, commune_a_official):
    with pytest.raises(ValidationError) as refused:
        services.month_approve(
            unit=world.a.commune, month=OCTOBER, reason="  ", user=commune_a_official
        )
    assert refused.value.message_dict == {
        "reason": ["1 tổ chưa có sinh hoạt tháng 10/2026: ghi lý do trước khi duyệt."]
    }
    assert not MonthApproval.objects.exists()
    approval = services.month_approve(
        unit=world.a.commune, month=OCTOBER, reason="Tổ giải thể", user=commune_a_official
    )
    assert (approval.reason, approval.approved_by, approval.hamlet) == (
        "Tổ giải thể",
        commune_a_official,
        None,
    )
    assert locks.month_locked(world.a.group, OCT_10)
    assert not locks.month_locked(world.b.group, OCT_10)
    assert not locks.month_locked(world.a.group, datetime.date(2026, 9, 30))


def test_a_month_with_every_meeting_needs_no_reason(world, commune_a_official):
    MeetingFactory(group=world.a.group, month=OCTOBER.first_day)
    approval = services.month_approve(
        unit=world.a.commune, month=OCTOBER, reason="", user=commune_a_official
    )
    assert approval.reason == ""


def test_a_month_is_approved_only_after_it_ends(world, commune_a_official):
    with pytest.raises(ValidationError, match="chỉ duyệt được sau khi tháng kết thúc"):
        services.month_approve(
            unit=world.a.commune, month=Month(2026, 11), reason="x", user=commune_a_official
        )


def test_unlocking_needs_a_reason_and_approving_again_is_a_new_row(
    world, commune_a_official, october_locked
):
    with pytest.raises(ValidationError, match="đã được duyệt"):
        services.month_approve(
            unit=world.a.commune, month=OCTOBER, reason="x", user=commune_a_official
        )
    with pytest.raises(ValidationError):
        services.approval_unlock(approval=october_locked, reason=" ", user=commune_a_official)
    assert locks.month_locked(world.a.group, OCT_10)
    unlock(october_locked, commune_a_official)
    assert not locks.month_locked(world.a.group, OCT_10)
    with pytest.raises(ValidationError, match="đã được mở khóa"):
        unlock(october_locked, commune_a_official)
    again = services.month_approve(
        unit=world.a.commune, month=OCTOBER, reason="Bão lũ", user=commune_a_official
    )
    assert again.pk != october_locked.pk and locks.month_locked(world.a.group, OCT_10)
    october_locked.refresh_from_db()
    assert october_locked.unlock_reason == "Sửa số người dự"
    # The audit trail: the first approval created then unlocked, the second created.
    kinds = list(MonthApproval.history.order_by("history_id").values_list("id", "history_type"))
    assert kinds == [(october_locked.pk, "+"), (october_locked.pk, "~"), (again.pk, "+")]


def test_a_hamlet_approval_locks_only_that_hamlets_groups(world, commune_a_official):
    hamlet_official = make_user("hamlet", world.a.hamlet)
    services.month_approve(
        unit=world.a.hamlet, month=OCTOBER, reason="Bão lũ", user=hamlet_official
    )
    assert locks.month_locked(world.a.group, OCT_10)
    assert not locks.month_locked(world.a.commune, OCT_10)  # the commune's own records
    message = locks.month_lock(world.a.group, OCT_10)
    assert "đã được ấp duyệt" in locks.month_locked_message(message)


def test_the_lock_follows_where_the_group_stood_on_the_day(world, october_locked):
    # Group A moves to commune B's hamlet on 15/10: its days after that are commune B's.
    placements.move(world.a.group, world.b.hamlet, datetime.date(2026, 10, 15))
    assert locks.month_locked(world.a.group, datetime.date(2026, 10, 14))
    assert not locks.month_locked(world.a.group, datetime.date(2026, 10, 20))
    found = locks.locked_months(
        [(world.a.group, datetime.date(2026, 10, 14)), (world.a.group, datetime.date(2026, 10, 20))]
    )
    assert found == [october_locked, None]


def test_the_message_says_which_month_is_locked(world, october_locked):
    with pytest.raises(ValidationError) as refused:
        locks.check_month_open(world.a.group, OCT_10)
    with pytest.raises(ValidationError):
        locks.check_month_open(world.a.group, OCTOBER)
    assert refused.value.messages == ["Tháng 10/2026 đã được xã duyệt và khóa; cần mở khóa để sửa."]


def test_a_year_approval_locks_the_communes_year(world, commune_a_official):
    approval = services.year_approve(
        commune=world.a.commune, year=2025, reason="", user=commune_a_official
    )
    assert locks.year_locked(world.a.group, 2025) and locks.year_locked(world.a.commune, 2025)
    assert not locks.year_locked(world.b.group, 2025) and not locks.year_locked(world.a.group, 2026)
    unlock(approval, commune_a_official)
    assert not locks.year_locked(world.a.group, 2025)
    assert YearApproval.history.count() == 2
