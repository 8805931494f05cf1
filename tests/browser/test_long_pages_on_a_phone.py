"""A commune official reaches any hamlet of a long page in one or two taps on a phone."""

import pytest

from apps.accounts.models import Scope
from apps.assessments.models import GroupAssessment
from tests.browser.conftest import horizontal_overflow, log_in, screenshot
from tests.conftest import make_user
from tests.factories import GroupFactory, HamletFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def commune(transactional_db, world):
    """Commune A with eight more hamlets of six groups each (the ratings page's 56 lines)."""
    for n in range(1, 9):
        hamlet = HamletFactory(commune=world.a.commune, name=f"Ấp Số {n}", code=f"9{n}")
        for g in range(1, 7):
            GroupFactory(hamlet=hamlet, name=f"Tổ {n}.{g}")
    make_user(Scope.Role.COMMUNE, world.a.commune, username="canboxa")
    return world.a.commune


def _in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 740


def test_the_jump_list_reaches_a_hamlet_of_the_ratings(phone, commune):
    log_in(phone, "canboxa")
    phone.goto(f"/binh-xet/xa/{commune.pk}/2026/")
    assert horizontal_overflow(phone) <= 0
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height < 2 * 740  # folded: the jump list and nine hamlet titles
    screenshot(phone, "ratings-by-hamlet-360")
    phone.locator("#jump").get_by_role("link", name="Ấp Số 7").click()  # one tap
    section = phone.locator("details.hamlet-section", has_text="Ấp Số 7")
    assert section.evaluate("d => d.open")
    assert _in_view(phone, "details.hamlet-section[open] fieldset >> nth=1")
    assert phone.locator("details.hamlet-section[open]").count() == 1
    # The ratings of a folded hamlet are sent too: tick one and save.
    section.locator("label", has_text="Tổ an toàn").first.click()
    phone.click("text=Lưu kết quả bình xét")
    phone.wait_for_selector(".messages")
    safe = GroupAssessment.objects.filter(year=2026, safe=True).values_list(
        "group__name", flat=True
    )
    assert list(safe) == ["Tổ 7.1"]


def test_the_jump_list_reaches_a_hamlet_of_the_month_status(phone, commune):
    log_in(phone, "canboxa")
    phone.goto("/sinh-hoat/?thang=2026-10")
    assert horizontal_overflow(phone) <= 0
    phone.locator("#jump").get_by_role("link", name="Ấp Số 3").click()  # one tap
    phone.wait_for_url("**ap=*")
    names = phone.locator("#groups .row-text strong").all_inner_texts()
    assert names == [f"Tổ 3.{g}" for g in range(1, 7)]
    assert _in_view(phone, "#groups li >> nth=0")  # the link opens on the hamlet's groups
    assert "Ấp Số 3" in phone.inner_text("#jump summary")  # another hamlet: two taps
    phone.click("#jump summary")
    phone.locator("#jump").get_by_role("link", name="Ấp Số 5").click()
    phone.wait_for_url("**ap=*")
    assert phone.locator("#groups .row-text strong").first.inner_text() == "Tổ 5.1"
