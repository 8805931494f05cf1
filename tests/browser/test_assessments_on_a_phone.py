"""A hamlet official assesses a group's households on a phone, in real Chromium: one
household at a time with the save bar counting what is left, nothing lost on a failed save,
and the whole page at once where the phone runs no script."""

import pytest

from apps.accounts.models import Scope
from apps.assessments.models import HouseholdAssessment
from tests.browser.conftest import horizontal_overflow, log_in, screenshot, small_tap_targets
from tests.conftest import make_user
from tests.factories import HouseholdFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def group_page(transactional_db, world):
    for n in range(1, 7):
        household = HouseholdFactory(group=world.a.group, code=f"30010-01-01-{n:03d}")
        PersonFactory(household=household, full_name=f"Nguyễn Thị Hộ {n}", is_household_head=True)
    make_user(Scope.Role.HAMLET, world.a.hamlet, username="canboap")
    return f"/binh-xet/to/{world.a.group.pk}/2026/"


def _bar(page) -> str:
    return page.inner_text("[data-save-bar] [data-count]")


def test_households_are_saved_one_at_a_time_with_the_bar_counting(phone, group_page):
    log_in(phone, "canboap")
    phone.goto(group_page)
    assert horizontal_overflow(phone) <= 0
    assert small_tap_targets(phone) == []
    assert _bar(phone) == "6 hộ chưa lưu"
    bar = phone.locator("[data-save-bar]").bounding_box()
    assert bar["y"] + bar["height"] <= 740  # the bar stays on the first screen
    first = phone.locator("fieldset[data-household]").nth(0)
    first.get_by_role("button", name="Lưu hộ này").click()
    phone.wait_for_function(
        "() => document.querySelector('[data-count]').textContent === '5 hộ chưa lưu'"
    )
    assert HouseholdAssessment.objects.count() == 1
    assert first.get_by_role("button", name="Lưu hộ này").is_hidden()
    # Household 2: no drugs unticked but still a cultural family: refused, nothing saved.
    phone.uncheck("#id_form-1-no_drugs")
    second = phone.locator("fieldset[data-household]").nth(1)
    second.get_by_role("button", name="Lưu hộ này").click()
    phone.wait_for_selector("fieldset.has-error >> text=3 không")
    assert HouseholdAssessment.objects.count() == 1
    assert not phone.is_checked("#id_form-1-no_drugs")  # what was ticked is kept
    # Reloading the page (or a killed browser) brings the unsaved tick back.
    phone.reload()
    assert not phone.is_checked("#id_form-1-no_drugs")
    assert _bar(phone) == "5 hộ chưa lưu"
    phone.uncheck("#id_form-1-cultural_family")
    second.get_by_role("button", name="Lưu hộ này").click()
    phone.wait_for_function(
        "() => document.querySelector('[data-count]').textContent === '4 hộ chưa lưu'"
    )
    assert HouseholdAssessment.objects.filter(cultural_family=False).count() == 1
    screenshot(phone, "assessments-one-at-a-time-360")
    phone.click("text=Lưu tất cả các hộ")
    phone.wait_for_function(
        "() => document.querySelector('[data-count]').textContent === 'Đã lưu tất cả các hộ.'"
    )
    assert HouseholdAssessment.objects.count() == 6
    phone.goto("/binh-xet/?nam=2026")
    assert "83,33 %" in phone.inner_text("#figures")  # 5 of 6 cultural families
    assert horizontal_overflow(phone) <= 0


def test_a_save_without_signal_keeps_the_ticks_on_the_phone(phone, group_page):
    log_in(phone, "canboap")
    phone.goto(group_page)
    phone.uncheck("#id_form-2-cultural_family")
    phone.context.set_offline(True)
    phone.locator("fieldset[data-household]").nth(2).get_by_role(
        "button", name="Lưu hộ này"
    ).click()
    phone.wait_for_selector("[data-bar-error]:has-text('Chưa lưu được')")
    assert not HouseholdAssessment.objects.exists()
    phone.context.set_offline(False)
    phone.reload()
    assert not phone.is_checked("#id_form-2-cultural_family")
    phone.click("text=Lưu tất cả các hộ")
    phone.wait_for_function(
        "() => document.querySelector('[data-count]').textContent === 'Đã lưu tất cả các hộ.'"
    )
    assert HouseholdAssessment.objects.filter(cultural_family=False).count() == 1
    phone.reload()  # the draft went with the save: the page shows what the server holds
    assert not phone.is_checked("#id_form-2-cultural_family")
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('assessment'))") == []


def test_without_script_the_page_is_saved_at_once(phone_without_script, group_page):
    page = phone_without_script
    log_in(page, "canboap")
    page.goto(group_page)
    page.uncheck("#id_form-1-no_drugs")
    page.click("text=Lưu tất cả các hộ")
    page.wait_for_selector("fieldset.has-error")
    assert not HouseholdAssessment.objects.exists()
    page.uncheck("#id_form-1-cultural_family")
    page.click("text=Lưu tất cả các hộ")
    page.wait_for_selector(".messages")
    assert HouseholdAssessment.objects.count() == 6
