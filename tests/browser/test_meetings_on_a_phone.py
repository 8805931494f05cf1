"""A group leader records this month's meeting on a phone, end to end, in real Chromium."""

import re

import pytest

from apps.meetings.models import Meeting
from apps.petitions.models import Petition
from tests.browser.conftest import (
    fill_meeting,
    horizontal_overflow,
    log_in,
    november_leader,
    open_phone,
    screenshot,
    small_tap_targets,
)
from tests.factories import OutreachSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def leader(transactional_db, world):
    return november_leader(world, talking_points="Tuyên truyền phòng chống lừa đảo qua mạng.")


def test_group_leader_records_the_meeting_with_two_petitions(phone, world, leader):
    log_in(phone, "totruong")
    assert phone.url.endswith("/sinh-hoat/")  # officials start on the month's status
    assert "chưa ghi" in phone.inner_text("#groups")
    with phone.expect_navigation():  # its content is read once the form has loaded
        phone.click("text=Ghi biên bản")
    assert "Tuyên truyền phòng chống lừa đảo qua mạng." in phone.content()
    fill_meeting(phone)
    phone.fill("#id_petitions-0-content", "Xin lắp đèn đường hẻm 3.")
    phone.select_option("#id_petitions-0-category", "infrastructure")
    phone.click("text=+ Thêm kiến nghị")
    phone.fill("#id_petitions-1-content", "Đề nghị xử lý nhóm thanh niên tụ tập gây ồn.")
    phone.select_option("#id_petitions-1-category", "security")
    phone.select_option("#id_petitions-1-level", "commune")
    assert horizontal_overflow(phone) <= 0
    phone.click("text=Lưu biên bản")
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    row = phone.inner_text("#groups")
    assert "Tổ Bình Thạnh" in row and "đã ghi" in row and "chưa ghi" not in row
    screenshot(phone, "meeting-recorded-360")
    meeting = Meeting.objects.get(group=world.a.group)
    assert (meeting.attendees, meeting.households_represented) == (21, 12)
    # The commune's programme prefilled its themes; the leader added culture.
    assert "theme_culture" in meeting.themes and "theme_safety" in meeting.themes
    assert sorted(Petition.objects.values_list("category", "level")) == [
        ("infrastructure", "group"),
        ("security", "commune"),
    ]


def test_a_failed_submit_loses_nothing_even_without_the_service_worker(
    browser, live_server, settings, world, leader
):
    """A browser that has no service worker (an old one, or the very first visit): the
    submit fails on its error page, Back lands on the start page, and the draft is kept
    until the server confirms the save."""
    phone = open_phone(browser, live_server.url, settings, service_workers="block")
    context = phone.context
    phone.set_default_timeout(10_000)
    log_in(phone, "totruong")
    url = f"/sinh-hoat/to/{world.a.group.pk}/2026/11/"
    phone.goto(url)
    fill_meeting(phone)
    phone.fill("#id_petitions-0-content", "Xin sửa cống thoát nước.")
    phone.select_option("#id_petitions-0-category", "infrastructure")
    context.route(re.compile(r"/sinh-hoat/to/"), lambda route: route.abort())
    phone.click("text=Lưu biên bản")
    phone.wait_for_url("chrome-error://**")  # the submit never reached the server
    context.unroute(re.compile(r"/sinh-hoat/to/"))
    phone.go_back()  # past the error page, to the start page, whose script used to drop it
    phone.go_back()
    phone.wait_for_load_state("load")
    phone.goto(url)
    assert phone.is_visible("#draft-restored")
    assert phone.input_value("#id_minutes") == "Bàn việc giữ gìn an ninh, vệ sinh đường làng."
    assert phone.input_value("#id_petitions-0-content") == "Xin sửa cống thoát nước."
    assert phone.is_checked("#id_theme_culture")
    assert phone.input_value("#id_petitions-0-category") == "infrastructure"
    assert not Meeting.objects.exists()
    phone.click("text=Lưu biên bản")
    phone.wait_for_url("**/sinh-hoat/?thang=2026-11")
    assert Meeting.objects.get().minutes == "Bàn việc giữ gìn an ninh, vệ sinh đường làng."
    # Once saved, the draft is gone: the form shows the stored meeting, no notice.
    phone.goto(url)
    assert not phone.is_visible("#draft-restored")
    context.close()


def test_the_meeting_form_is_light(phone, world, leader):
    log_in(phone, "totruong")
    phone.goto(f"/sinh-hoat/to/{world.a.group.pk}/2026/11/")
    phone.wait_for_load_state("load")
    sizes = phone.evaluate(
        """() => performance.getEntriesByType('navigation')
              .concat(performance.getEntriesByType('resource'))
              .map(e => [e.name, e.transferSize, e.encodedBodySize])"""
    )
    total = sum(transfer or body for _name, transfer, body in sizes)
    print(f"meeting form: {total} bytes transferred over {len(sizes)} requests")
    screenshot(phone, "meeting-form-360")
    assert all("127.0.0.1" in name or "localhost" in name for name, *_ in sizes)  # no CDN
    assert total < 100_000


def test_no_page_of_meetings_scrolls_sideways(phone, world, leader, commune_a_official):
    session = OutreachSessionFactory(unit=world.a.hamlet, theme="Phòng chống ma túy học đường")
    log_in(phone, "totruong")
    leader_pages = [
        "/sinh-hoat/",
        f"/sinh-hoat/to/{world.a.group.pk}/2026/11/",
        "/sinh-hoat/tuyen-truyen/",
        "/sinh-hoat/tuyen-truyen/moi/",
    ]
    for url in leader_pages:
        phone.goto(url)
        assert horizontal_overflow(phone) <= 0, url
        assert small_tap_targets(phone) == [], url
    # The form with every error showing is no wider.
    phone.goto(f"/sinh-hoat/to/{world.a.group.pk}/2026/11/")
    phone.fill("#id_held_on", "")
    phone.uncheck("#id_theme_safety")
    phone.click("text=Lưu biên bản")
    assert phone.is_visible(".errorlist")
    assert horizontal_overflow(phone) <= 0
    commune_a_official.set_password("correct horse battery staple")
    commune_a_official.save()
    phone.context.clear_cookies()
    log_in(phone, commune_a_official.username)
    official_pages = [
        "/sinh-hoat/?thang=2026-10",
        "/sinh-hoat/chuong-trinh/",
        f"/sinh-hoat/chuong-trinh/{world.a.commune.pk}/2026/12/",
        f"/sinh-hoat/tuyen-truyen/{session.pk}/",
        f"/sinh-hoat/tuyen-truyen/{session.pk}/xoa/",
    ]
    for url in official_pages:
        phone.goto(url)
        assert horizontal_overflow(phone) <= 0, url
        assert small_tap_targets(phone) == [], url
    screenshot(phone, "outreach-delete-360")
