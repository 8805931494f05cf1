"""The steering committee opens the district dashboard, drills down and downloads the workbook,
which the task worker prepares (run here, in the test's process, while the page waits)."""

import datetime

import openpyxl
import pytest

from apps.accounts.models import Scope
from apps.hierarchy.placements import move
from tests.browser.conftest import horizontal_overflow, log_in, screenshot
from tests.conftest import make_user
from tests.factories import (
    GroupFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
)
from tests.tasks import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def steering(transactional_db, world):
    second = GroupFactory(hamlet=world.a.hamlet, name="Tổ Hai")
    MeetingFactory(group=world.a.group, month=datetime.date(2026, 10, 1))
    for group in (world.a.group, second, world.b.group):
        HouseholdAssessmentFactory(household=HouseholdFactory(group=group), year=2026)
    return make_user(Scope.Role.STEERING, world.district, username="bcd-huyen")


def test_steering_committee_drills_down_and_downloads(
    browser, live_server, settings, world, steering, tmp_path
):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "media"
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale="vi-VN",
        accept_downloads=True,
    )
    page = context.new_page()
    log_in(page, "bcd-huyen")
    page.goto("/chi-tieu/")
    assert page.inner_text("h1") == "Huyện Cao Lãnh"
    for image in page.locator("figure.chart img").all():
        image.scroll_into_view_if_needed()  # the charts load lazily, as they come into view
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('figure.chart img'))"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    screenshot(page, "dashboard-district")
    page.click("#children >> text=Xã Bình Thạnh")
    assert page.inner_text("h1") == "Xã Bình Thạnh"
    assert "Huyện Cao Lãnh" in page.inner_text("nav.crumbs")
    page.click("#children >> text=Ấp Bình Thạnh")
    assert page.inner_text("h1") == "Ấp Bình Thạnh"
    assert "Tổ Hai" in page.inner_text("#children")
    page.click("nav.crumbs >> text=Huyện Cao Lãnh")
    page.click("#workbook")
    page.wait_for_selector("#job-progress")
    assert run_queued_tasks() == 1
    page.wait_for_selector("#job-download")  # the page noticed the file is ready
    with page.expect_download() as download_info:
        page.click("#job-download")
    download = download_info.value
    assert download.suggested_filename == f"chi-tieu-{world.district.code}-2026.xlsx"
    with open(download.path(), "rb") as file:
        workbook = openpyxl.load_workbook(file)
    assert workbook.sheetnames == ["Thông tin", "Huyện", "Xã", "Ấp, khóm", "Tổ"]
    assert workbook["Tổ"].max_row == 4  # header + three groups
    context.close()


# The smallest text of each chart as the phone shows it: the font size of each of its
# texts (in the SVG's own units) times the scale at which the picture is drawn on screen.
SMALLEST_TEXT = """async (img) => {
  const svg = await (await fetch(img.currentSrc)).text();
  const box = document.createElement('div');
  box.style.width = img.getBoundingClientRect().width + 'px';
  box.innerHTML = svg.replace(/^<\\?xml[^>]*>/, '');
  document.body.appendChild(box);
  const root = box.querySelector('svg');
  root.style.width = '100%';
  const scale = root.getBoundingClientRect().width / root.viewBox.baseVal.width;
  const sizes = Array.from(root.querySelectorAll('text'))
    .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none')
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  box.remove();
  return {smallest: Math.min(...sizes), texts: sizes.length, scale: scale};
}"""


def test_charts_read_on_a_phone_with_their_numbers(phone, world, steering):
    log_in(phone, "bcd-huyen")
    phone.goto("/chi-tieu/?nam=2026&thang=2026-10")
    images = phone.locator("figure.chart img")
    assert images.count() == 3
    for image in images.all():
        image.scroll_into_view_if_needed()
    phone.wait_for_function(
        "() => Array.from(document.querySelectorAll('figure.chart img'))"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    for image in images.all():
        assert "kho=hep" in image.evaluate("img => img.currentSrc")  # drawn for the phone
        measured = image.evaluate(SMALLEST_TEXT)
        assert measured["texts"] > 10
        assert measured["smallest"] >= 12, measured
    screenshot(phone, "dashboard-charts-360")
    meetings = phone.locator("#chart-meetings")
    assert meetings.locator("table").count() == 0
    meetings.get_by_text("Xem số liệu").click()
    table = meetings.locator("table.chart-numbers")
    table.wait_for()
    assert table.locator("tbody tr").count() == 12  # the last twelve months
    october = table.locator("tbody tr", has_text="10/26").inner_text()
    assert "33,33 %" in october  # one of the three active groups met
    assert table.locator("thead th").all_inner_texts()[0] == "Tháng"


def test_a_hamlet_that_left_after_the_month_is_read_in_its_row_on_a_phone(phone, world, steering):
    """March of a commune whose hamlet moved in June: on the phone, the hamlet's row says
    until when it stood there, shows its March meetings and a dash for the year's columns,
    and the table scrolls in its own box, not the page."""
    MeetingFactory(
        group=world.a.group, month=datetime.date(2026, 3, 1), held_on=datetime.date(2026, 3, 9)
    )
    move(world.a.hamlet, world.b.commune, datetime.date(2026, 6, 1))
    log_in(phone, "bcd-huyen")
    phone.goto(f"/chi-tieu/xa/{world.a.commune.pk}/?nam=2026&thang=2026-03")
    row = phone.locator("#children tbody tr", has_text="Ấp Bình Thạnh")
    assert "(trong địa bàn đến 31/05/2026)" in row.inner_text()
    cells = row.locator("td").all_inner_texts()
    assert cells[1] == "—" and "1/2" in cells[2] and cells[4] == "—"  # Tổ Hai did not meet
    assert "1/2" in phone.inner_text("#card-meetings")
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "dashboard-moved-hamlet-360")
    # Its dashboard is the hamlet's own, in the commune it stands in now.
    row.locator("a").click()
    assert phone.inner_text("h1") == "Ấp Bình Thạnh"
    assert "Xã Mỹ Hội" in phone.inner_text("nav.crumbs")
