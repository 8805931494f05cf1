"""The printed report as Chromium prints it on A4: the letterhead's and the closing blocks
side by side where Decree 30/2020/NĐ-CP places them. The A4 PDF and the screenshots are
kept in test-artifacts/ to look at."""

import pytest

from apps.accounts.models import Scope
from tests.browser.conftest import ARTIFACTS, horizontal_overflow, log_in, screenshot
from tests.conftest import make_user
from tests.factories import (
    HouseholdAssessmentFactory,
    HouseholdFactory,
    SteeringCommitteeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def steering(transactional_db, world):
    SteeringCommitteeFactory(
        commune=None,
        district=world.district,
        report_place="Mỹ Thọ",
        signer_title="KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
        signer_name="Nguyễn Văn Ba",
        recipients="Ban Dân vận Huyện ủy;\nThường trực UBND huyện;\nLưu: VT.",
    )
    return make_user(Scope.Role.STEERING, world.district, username="bcd-huyen")


def _box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_the_report_prints_on_a4_with_its_letterhead_in_place(
    browser, live_server, settings, world, steering
):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    # 210 mm at 96 dpi, so the screen shows what the paper will.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 794, "height": 1123}, locale="vi-VN"
    )
    page = context.new_page()
    log_in(page, "bcd-huyen")
    page.goto(f"/chi-tieu/huyen/{world.district.pk}/bao-cao/?nam=2026&so=15")
    screenshot(page, "report-screen")
    page.emulate_media(media="print")
    assert page.locator("main article").count() == 1
    assert not page.locator("nav.noprint").is_visible()

    body, motto = _box(page, ".heading .body"), _box(page, ".heading .motto")
    number, date = _box(page, "#number"), _box(page, "#date-line")
    assert body["x"] < motto["x"] and abs(body["y"] - motto["y"]) < 2
    # The number under the issuing body, the place and date under the motto, on one row.
    assert number["x"] < date["x"] and abs(number["y"] - date["y"]) < 4
    assert page.inner_text("#date-line") == "Mỹ Thọ, ngày 18 tháng 11 năm 2026"
    recipients, signature = _box(page, "#recipients"), _box(page, "#signature")
    assert recipients["x"] < signature["x"] and abs(recipients["y"] - signature["y"]) < 2
    signed = [line for line in page.inner_text("#signature").splitlines() if line.strip()]
    assert signed == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn Ba"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 794

    screenshot(page, "report-a4")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-a4.pdf").write_bytes(pdf)
    context.close()


def test_the_report_reads_on_a_phone(phone, world, steering):
    """Opened on a phone, the report keeps to the screen's width (its table scrolls within its
    own box) and its tools are big enough to tap."""
    # One household of two assessed: the shares say how complete they are, a wide column.
    HouseholdAssessmentFactory(household=HouseholdFactory(group=world.a.group), year=2026)
    HouseholdFactory(group=world.a.group)
    log_in(phone, "bcd-huyen")
    phone.goto(f"/chi-tieu/huyen/{world.district.pk}/bao-cao/?nam=2026")
    screenshot(phone, "report-360")
    assert "1/2 hộ" in phone.inner_text("#report")
    assert horizontal_overflow(phone) <= 0
    tools = phone.eval_on_selector_all(
        "nav.noprint a, nav.noprint button, nav.noprint input:not([type=hidden])",
        "els => els.map(el => el.getBoundingClientRect().height)",
    )
    assert len(tools) == 4 and min(tools) >= 44
