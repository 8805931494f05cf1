"""A commune official approves a month on a phone; the group leader then finds it locked."""

import re

import pytest

from apps.accounts.models import Scope
from apps.approvals.models import MonthApproval
from tests.browser.conftest import horizontal_overflow, log_in, screenshot
from tests.conftest import make_user
from tests.factories import HouseholdFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def people(transactional_db, world):
    HouseholdFactory.create_batch(5, group=world.a.group)
    make_user(Scope.Role.COMMUNE, world.a.commune, username="canboxa")
    make_user(Scope.Role.GROUP_LEADER, world.a.group, username="totruong")
    return world


def test_a_commune_official_approves_october_and_the_group_leader_finds_it_locked(
    phone, browser, live_server, people
):
    world = people
    log_in(phone, "canboxa")
    phone.goto("/duyet/")
    table = phone.locator("#commune-approvals")
    assert "10/2026" in table.inner_text() and "chưa duyệt" in table.inner_text()
    assert horizontal_overflow(phone) <= 0
    table.locator(f'a[href="/duyet/xa/{world.a.commune.pk}/2026/10/"]').click()
    phone.wait_for_url(re.compile(rf"/duyet/xa/{world.a.commune.pk}/2026/10/$"))
    assert "1 tổ chưa có sinh hoạt" in phone.inner_text("#approve-form")
    phone.click("text=Duyệt và khóa tháng 10/2026")  # no reason: refused, nothing lost
    assert "ghi lý do trước khi duyệt" in phone.inner_text("#approve-form")
    assert not MonthApproval.objects.exists()
    phone.fill("#id_reason", "Bão lũ, tổ không họp được")
    phone.click("text=Duyệt và khóa tháng 10/2026")
    phone.wait_for_selector("#unlock-form")
    assert "đã duyệt" in phone.inner_text("#approval-state")
    assert horizontal_overflow(phone) <= 0
    screenshot(phone, "month-approved-360")
    assert MonthApproval.objects.get().reason == "Bão lũ, tổ không họp được"

    leader = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    ).new_page()
    log_in(leader, "totruong")
    leader.goto(f"/sinh-hoat/to/{world.a.group.pk}/2026/10/")
    notice = leader.inner_text("#month-locked")
    assert notice == "Tháng 10/2026 đã được xã duyệt và khóa; cần mở khóa để sửa."
    assert leader.locator("button:has-text('Lưu biên bản')").is_disabled()
    assert horizontal_overflow(leader) <= 0
    screenshot(leader, "month-locked-360")
    leader.context.close()
