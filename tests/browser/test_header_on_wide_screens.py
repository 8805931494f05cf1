"""The header of a laptop's screen (1280 and 1366 px, the committee's): the brand whole and
every section on one line, the account's links under the user's name; from 1024 px down,
the menu button of a phone."""

import pytest

from apps.accounts.models import Scope
from tests.browser.conftest import log_in, screenshot
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def administrator(transactional_db, world):
    # The longest menu: an administrator's, with rosters and reorganisations.
    return make_user(
        Scope.Role.ADMIN,
        world.district,
        username="quantri",
        first_name="Quản trị",
        last_name="Huyện Cao Lãnh",
    )


@pytest.fixture
def laptop(browser, server_url, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(base_url=server_url, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def _brand_whole(page) -> bool:
    return page.eval_on_selector(".brand", "e => e.scrollWidth <= e.clientWidth")


@pytest.mark.parametrize("width", [1280, 1366])
def test_a_laptop_shows_every_section_on_one_line(laptop, administrator, width):
    laptop.set_viewport_size({"width": width, "height": 768})
    log_in(laptop, "quantri")
    assert laptop.locator("header.topbar").bounding_box()["height"] <= 60
    assert _brand_whole(laptop)
    for section in ("Sinh hoạt tổ", "Chỉ tiêu", "Danh sách tổ", "Tổ chức lại đơn vị"):
        assert laptop.is_visible(f"header nav >> text={section}")
    assert not laptop.is_visible("header >> text=Menu")
    assert not laptop.is_visible("header >> text=Đăng xuất")
    laptop.click("header summary.who")
    assert laptop.is_visible("header >> text=Đăng xuất")
    assert laptop.is_visible("header button[name=language]")
    screenshot(laptop, f"header-account-open-{width}")
    laptop.click("header summary.who")
    assert not laptop.is_visible("header >> text=Đăng xuất")


def test_a_narrower_screen_folds_the_sections_under_the_menu_button(laptop, administrator):
    laptop.set_viewport_size({"width": 1024, "height": 768})
    log_in(laptop, "quantri")
    assert laptop.locator("header.topbar").bounding_box()["height"] <= 60
    assert _brand_whole(laptop)
    assert not laptop.is_visible("header nav >> text=Chỉ tiêu")
    laptop.click(".site-menu > summary")
    assert laptop.is_visible("header nav >> text=Chỉ tiêu")
    # The account's links stand open under the name, as on a phone.
    assert laptop.is_visible("header >> text=Đăng xuất")
    with laptop.expect_navigation():
        laptop.click("header >> text=Đăng xuất")
    assert "/dang-nhap/" in laptop.url or laptop.is_visible("input[name=username]")
