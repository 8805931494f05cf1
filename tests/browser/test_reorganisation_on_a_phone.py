"""A district administrator merges two communes into a new one on a phone: the preview first,
then the confirmation, then the merger in the list, in real Chromium."""

import datetime

import pytest

from apps.accounts.models import Scope
from apps.hierarchy.models import Commune, Reorganisation
from tests.browser.conftest import horizontal_overflow, log_in, screenshot, small_tap_targets
from tests.conftest import make_user

pytestmark = [pytest.mark.browser]


@pytest.fixture
def administrator(transactional_db, world):
    return make_user(Scope.Role.ADMIN, world.district, username="quantri")


def _fits_the_phone(page, where: str) -> None:
    assert horizontal_overflow(page) <= 0, where
    assert small_tap_targets(page) == [], where


def test_administrator_previews_and_confirms_a_merger_of_two_communes(phone, world, administrator):
    log_in(phone, "quantri")
    phone.click("header summary")  # the menu, folded on a phone
    phone.click("header >> text=Tổ chức lại đơn vị")
    phone.wait_for_url("**/to-chuc-lai/")
    _fits_the_phone(phone, "list")
    phone.click("text=Sáp nhập xã")
    phone.wait_for_url("**/to-chuc-lai/sap-nhap/?cap=xa")
    phone.check(f"input[name=units][value='commune:{world.a.commune.pk}']")
    phone.check(f"input[name=units][value='commune:{world.b.commune.pk}']")
    phone.fill("#id_new_code", "XBH")
    phone.fill("#id_new_name", "Xã Bình Hội")
    phone.select_option("#id_new_parent", f"district:{world.district.pk}")
    phone.fill("#id_on", "01/07/2025")
    phone.fill("#id_legal_basis", "Nghị quyết 1663/NQ-UBTVQH15")
    _fits_the_phone(phone, "merge form")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("#preview")
    _fits_the_phone(phone, "preview")
    screenshot(phone, "merge-preview-360")
    preview = phone.inner_text("#preview")
    assert "Xã Bình Thạnh → Xã Bình Hội" in preview and "Xã Mỹ Hội → Xã Bình Hội" in preview
    assert "30/06/2025" in preview
    assert not Reorganisation.objects.exists()

    with phone.expect_navigation():
        phone.click("#confirm")
    phone.wait_for_url("**/to-chuc-lai/")
    _fits_the_phone(phone, "list after the merger")
    row = phone.inner_text("#reorganisations tbody tr")
    assert "01/07/2025" in row and "Xã Bình Hội" in row and "Sáp nhập" in row
    new = Commune.objects.get(code="XBH")
    assert new.started_on == datetime.date(2025, 7, 1)
    assert new.hamlets.count() == 2
