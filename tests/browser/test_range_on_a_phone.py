"""A committee member picks a range of years on a phone and reads the years side by side."""

import datetime

import pytest

from apps.accounts.models import Scope
from tests.browser.conftest import PHONE, horizontal_overflow, log_in, screenshot, small_tap_targets
from tests.conftest import make_user
from tests.factories import GroupFactory, OutreachSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def steering(transactional_db, world):
    group = GroupFactory(
        hamlet=world.a.hamlet,
        planned_on=datetime.date(2007, 6, 1),
        activated_on=datetime.date(2007, 7, 1),
    )
    for year in (2008, 2009, 2010):
        OutreachSessionFactory(unit=group, held_on=datetime.date(year, 3, 1), attendees=40)
    return make_user(Scope.Role.STEERING, world.district, username="bcd-huyen")


def _labels_apart_from_their_select(page) -> list[str]:
    """The period forms' labels that stand on another line than their select."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('form.period label'))
            .filter(label => {
              const a = label.getBoundingClientRect();
              const b = document.getElementById(label.htmlFor).getBoundingClientRect();
              return a.bottom < b.top || b.bottom < a.top;
            })
            .map(label => label.textContent)"""
    )


def test_a_range_of_years_reads_on_a_phone(phone, world, steering):
    log_in(phone, "bcd-huyen")
    phone.goto("/chi-tieu/")
    # The figures come first: the range and quarter forms are folded, the first card in view.
    assert phone.locator("#figures li").first.bounding_box()["y"] < PHONE["viewport"]["height"]
    assert not phone.is_visible("#range-form")
    phone.click("#other-periods summary")
    assert _labels_apart_from_their_select(phone) == []
    phone.select_option("#tu", "2008")
    phone.select_option("#den", "2010")
    with phone.expect_navigation():
        phone.click("#range-form button[type=submit]")
    assert "tu=2008" in phone.url and "den=2010" in phone.url
    assert phone.inner_text("h1") == "Huyện Cao Lãnh — 2008\N{EN DASH}2010"
    cells = phone.locator("#line-outreach td").all_inner_texts()
    assert [c.strip() for c in cells[1:]] == ["1", "1", "1", "3"]
    # The wide table scrolls inside its own box; the page itself never scrolls sideways.
    assert horizontal_overflow(phone) <= 0
    assert small_tap_targets(phone) == []
    screenshot(phone, "range-on-a-phone")
    # A wrong range in the address is said, in Vietnamese, and a year is shown instead.
    phone.goto(f"/chi-tieu/huyen/{world.district.pk}/?tu=2010&den=2008")
    assert "trước năm bắt đầu 2010" in phone.inner_text("#period-error")
    assert horizontal_overflow(phone) <= 0
