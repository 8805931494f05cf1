"""A commune official records a supervision visit with follow-ups on a phone, then marks one
done, in real Chromium."""

import datetime
import re

import pytest

from apps.accounts.models import Scope
from apps.organisation.models import FollowUp, SupervisionVisit
from tests.browser.conftest import horizontal_overflow, log_in, screenshot, small_tap_targets
from tests.conftest import make_user
from tests.factories import CommitteeMemberFactory, SteeringCommitteeFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def official(transactional_db, world):
    committee = SteeringCommitteeFactory(commune=world.a.commune)
    CommitteeMemberFactory(
        committee=committee, full_name="Nguyễn Thị Hồng Nhung", position="Phó Trưởng ban"
    )
    return make_user(Scope.Role.COMMUNE, world.a.commune, username="canboxa")


def _fits_the_phone(page, where: str) -> None:
    assert horizontal_overflow(page) <= 0, where
    assert small_tap_targets(page) == [], where


def test_commune_official_records_a_visit_and_marks_its_follow_up_done(phone, world, official):
    log_in(phone, "canboxa")
    phone.goto("/to-chuc/kiem-tra/")
    _fits_the_phone(phone, "visit list")
    phone.click("#record-visit")
    phone.wait_for_url("**/to-chuc/kiem-tra/moi/")
    _fits_the_phone(phone, "visit form")
    phone.select_option("#id_unit", f"hamlet:{world.a.hamlet.pk}")
    phone.fill("#id_visited_on", "2026-11-16")
    phone.check("#id_members_0")
    phone.fill("#id_findings", "Các tổ sinh hoạt đều đặn, biên bản ghi đầy đủ.")
    phone.fill("#id_shortcomings", "Tổ 2 chưa mời đủ hộ dự họp.")
    phone.fill("#id_followups-0-action", "Nhắc Tổ 2 mời đủ hộ trong tháng tới.")
    phone.fill("#id_followups-0-due_on", "2026-12-15")
    phone.click("#add-follow-up")
    phone.fill("#id_followups-1-action", "Báo cáo kết quả khắc phục về xã.")
    phone.fill("#id_followups-1-due_on", "2026-11-30")
    _fits_the_phone(phone, "visit form filled in")
    screenshot(phone, "visit-form-360")
    phone.click("#save-visit")
    phone.wait_for_url(re.compile(r"/to-chuc/kiem-tra/\d+/$"))
    _fits_the_phone(phone, "visit page")

    visit = SupervisionVisit.objects.get()
    assert (visit.hamlet, visit.group, visit.visited_on) == (
        world.a.hamlet,
        None,
        datetime.date(2026, 11, 16),
    )
    assert [m.full_name for m in visit.members.all()] == ["Nguyễn Thị Hồng Nhung"]
    first, second = visit.follow_ups.order_by("due_on")
    assert (first.due_on, second.due_on) == (
        datetime.date(2026, 11, 30),
        datetime.date(2026, 12, 15),
    )
    assert "Nhắc Tổ 2 mời đủ hộ trong tháng tới." in phone.inner_text("#follow-ups")

    phone.fill(f"#done-on-{first.pk}", "2026-11-18")
    with phone.expect_navigation():
        phone.click(f"#mark-done-{first.pk}")
    assert phone.is_visible(f"#reopen-{first.pk}")
    assert phone.is_visible(f"#mark-done-{second.pk}")
    _fits_the_phone(phone, "visit page after marking done")
    screenshot(phone, "visit-follow-up-done-360")
    first.refresh_from_db()
    assert (first.done, first.done_on) == (True, datetime.date(2026, 11, 18))
    assert not FollowUp.objects.get(pk=second.pk).done
