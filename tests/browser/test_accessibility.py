"""axe-core (as shipped in the axe-playwright-python package) finds no violation on the pages a
group leader and a commune official use most, on a 360 x 740 phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from apps.accounts.models import Scope
from tests.browser.conftest import fill_the_main_pages, log_in
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def users(transactional_db, world):
    fill_the_main_pages(world, households=6, met=world.b.group)
    return (
        make_user(Scope.Role.GROUP_LEADER, world.a.group, username="totruong"),
        make_user(Scope.Role.COMMUNE, world.a.commune, username="canboxa"),
    )


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]


def test_login_page_has_no_accessibility_violation(phone, users):
    phone.goto("/dang-nhap/")
    assert violations(phone) == []


def test_meeting_form_has_no_accessibility_violation(phone, world, users):
    log_in(phone, "totruong")
    phone.goto(f"/sinh-hoat/to/{world.a.group.pk}/2026/11/")
    assert violations(phone) == []
    phone.fill("#id_attendees", "")
    phone.click("text=Lưu biên bản")
    phone.wait_for_selector("#error-summary")
    assert violations(phone) == []  # the refused form, its summary and messages
    phone.click("header summary")
    assert violations(phone) == []  # the open menu


def test_petition_queue_has_no_accessibility_violation(phone, users):
    log_in(phone, "canboxa")
    phone.goto("/kien-nghi/")
    assert "Đề nghị sửa đèn đường đầu hẻm." in phone.inner_text("main")
    assert violations(phone) == []


def test_dashboard_has_no_accessibility_violation(phone, users):
    log_in(phone, "canboxa")
    phone.goto("/chi-tieu/")
    assert phone.inner_text("h1") == "Xã Bình Thạnh"
    assert violations(phone) == []
