"""A hamlet official assesses a group's households on a phone, in real Chromium."""

import pytest

from apps.accounts.models import Scope
from apps.assessments.models import HouseholdAssessment
from tests.browser.conftest import horizontal_overflow, log_in, screenshot, small_tap_targets
from tests.conftest import make_user
from tests.factories import HouseholdFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


def test_hamlet_official_assesses_the_whole_group(phone, transactional_db, world):
    for n in range(1, 7):
        household = HouseholdFactory(group=world.a.group, code=f"30010-01-01-{n:03d}")
        PersonFactory(household=household, full_name=f"Nguyễn Thị Hộ {n}", is_household_head=True)
    make_user(Scope.Role.HAMLET, world.a.hamlet, username="canboap")
    log_in(phone, "canboap")
    phone.goto(f"/binh-xet/to/{world.a.group.pk}/2026/")
    assert horizontal_overflow(phone) <= 0
    assert small_tap_targets(phone) == []
    # Household 2: no drugs unticked but still a cultural family: refused, nothing saved.
    phone.uncheck("#id_form-1-no_drugs")
    phone.click("text=Lưu tất cả các hộ")
    phone.wait_for_selector("fieldset.has-error")
    assert not HouseholdAssessment.objects.exists()
    assert horizontal_overflow(phone) <= 0
    assert not phone.is_checked("#id_form-1-no_drugs")  # what was typed is kept
    phone.uncheck("#id_form-1-cultural_family")
    phone.click("text=Lưu tất cả các hộ")
    phone.wait_for_selector(".messages")
    screenshot(phone, "assessments-saved-360")
    assert HouseholdAssessment.objects.count() == 6
    assert HouseholdAssessment.objects.filter(cultural_family=True).count() == 5
    phone.goto("/binh-xet/?nam=2026")
    assert "83,33 %" in phone.inner_text("#figures")  # 5 of 6 cultural families
    assert horizontal_overflow(phone) <= 0
