"""Issue 19 on a 360 x 740 phone: errors in view, a one-line header, big enough targets,
the meeting form's first field on the first screen, and text boxes that read and grow well."""

import datetime

import pytest

from apps.accounts.models import Scope
from apps.petitions.models import Petition
from tests.browser.conftest import PHONE, log_in, november_leader, screenshot
from tests.conftest import make_user
from tests.factories import PetitionFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]

SCREEN = PHONE["viewport"]


@pytest.fixture
def leader(transactional_db, world):
    return november_leader(world, talking_points="Tuyên truyền phòng chống lừa đảo qua mạng.\n" * 8)


@pytest.fixture
def petition(transactional_db, world):
    make_user(Scope.Role.COMMUNE, world.a.commune, username="canboxa")
    return PetitionFactory(
        group=world.a.group,
        level=Petition.Level.COMMUNE,
        raised_on=datetime.date(2026, 11, 10),
        due_on=datetime.date(2026, 11, 25),
    )


def _meeting_url(world) -> str:
    return f"/sinh-hoat/to/{world.a.group.pk}/2026/11/"


def _in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"]


def _focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _wait_for_focus_on(page, element_id: str) -> None:
    # While the refused form's answer loads there is no document and no active element.
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id", arg=element_id
    )


def small_targets(page) -> list[str]:
    """Visible things to tap in the header and in forms that are under 44 x 44 px. A check
    box counts with its label's row, which takes the tap too."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
              'header a, header summary, header button, main form button, main form a,'
              + ' main form input:not([type=hidden]), main form select, main form textarea,'
              + ' main details > summary, main .crumbs a'))
            .filter(el => el.offsetParent !== null)
            .map(el => [el, (el.type === 'checkbox' ? el.closest('.check') || el : el)])
            .filter(([el, target]) => {
              const box = target.getBoundingClientRect();
              return box.width < 44 || box.height < 44;
            })
            .map(([el]) => el.outerHTML.slice(0, 90))"""
    )


def test_a_refused_meeting_opens_on_the_error_summary_linked_to_its_fields(phone, world, leader):
    log_in(phone, "totruong")
    phone.goto(_meeting_url(world))
    phone.fill("#id_attendees", "")
    phone.fill("#id_minutes", "")
    phone.click("text=Lưu biên bản")
    phone.wait_for_selector("#error-summary")
    # (d) The summary is on the screen and has the focus: the user sees that nothing was saved.
    _wait_for_focus_on(phone, "error-summary")
    assert _in_view(phone, "#error-summary")
    screenshot(phone, "meeting-refused-360")
    links = phone.eval_on_selector_all(
        "#error-summary a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert links == ["#id_attendees", "#id_households_represented", "#id_minutes"]
    phone.click("#error-summary a[href='#id_minutes']")
    assert _focused_id(phone) == "id_minutes"
    assert _in_view(phone, "#id_minutes")


def test_the_note_a_petition_needs_is_marked_before_the_tap(phone, world, petition):
    log_in(phone, "canboxa")
    phone.goto(f"/kien-nghi/{petition.pk}/")
    label = phone.locator("label[for=id_note]")
    assert "required" in label.get_attribute("class")
    assert (
        phone.evaluate(
            "getComputedStyle(document.querySelector('label[for=id_note]'), '::after').content"
        )
        == '" *"'
    )
    hint = phone.locator("#id_note_helptext")
    assert "Bắt buộc cho mọi thao tác" in hint.inner_text() and hint.is_visible()
    assert phone.get_attribute("#id_note", "aria-describedby") == "id_note_helptext"
    assert phone.get_attribute("#id_note", "required") is not None
    phone.click("button[value=taken]")
    _wait_for_focus_on(phone, "error-summary")
    assert _in_view(phone, "#error-summary")
    assert phone.get_attribute("#error-summary a", "href") == "#id_note"
    petition.refresh_from_db()
    assert petition.state == Petition.State.RECEIVED


def test_the_header_is_one_line_with_language_and_logout_in_the_menu(phone, world, leader):
    log_in(phone, "totruong")
    phone.goto(_meeting_url(world))
    header = phone.locator("header.topbar").bounding_box()
    assert header["height"] <= 60
    assert not phone.is_visible("header >> text=Đăng xuất")
    assert not phone.is_visible("header button[name=language]")
    phone.click("header summary")
    assert phone.is_visible("header >> text=Đăng xuất")
    assert phone.is_visible("header button[name=language]")
    screenshot(phone, "menu-open-360")
    # (e) Nothing in the header, open menu included, or in the form is under 44 x 44 px.
    assert small_targets(phone) == []
    phone.click("header summary")
    assert not phone.is_visible("header >> text=Đăng xuất")


def test_no_tap_target_of_the_login_or_petition_forms_is_small(phone, world, petition):
    phone.goto("/dang-nhap/")
    assert small_targets(phone) == []
    log_in(phone, "canboxa")
    phone.goto(f"/kien-nghi/{petition.pk}/")
    assert small_targets(phone) == []
    phone.goto("/kien-nghi/moi/")
    assert small_targets(phone) == []


def test_the_meeting_forms_first_field_is_on_the_first_screen(phone, world, leader):
    log_in(phone, "totruong")
    phone.goto(_meeting_url(world))
    screenshot(phone, "meeting-form-first-screen-360")
    # (f) The date is there to tap without scrolling; the programme waits, folded, one tap away.
    assert phone.evaluate("window.scrollY") == 0
    assert _in_view(phone, "#id_held_on")
    assert not phone.is_visible("text=Tuyên truyền phòng chống lừa đảo qua mạng.")
    phone.click("details.panel summary")
    assert phone.is_visible("text=Tuyên truyền phòng chống lừa đảo qua mạng.")


def test_text_boxes_use_the_page_font_and_the_minutes_grow(phone, world, leader):
    log_in(phone, "totruong")
    phone.goto(_meeting_url(world))
    body_font = phone.evaluate("getComputedStyle(document.body).fontFamily")
    assert "monospace" not in body_font
    for selector in ("#id_minutes", "#id_attendees", "#id_petitions-0-content"):
        font = phone.evaluate(f"getComputedStyle(document.querySelector('{selector}')).fontFamily")
        assert font == body_font, selector
    empty = phone.locator("#id_minutes").bounding_box()["height"]
    phone.fill("#id_minutes", "\n".join(f"Dòng {n}: bàn việc của tổ." for n in range(12)))
    grown = phone.locator("#id_minutes").bounding_box()["height"]
    assert grown > empty + 100
    assert phone.evaluate(
        "(() => { const box = document.getElementById('id_minutes');"
        " return box.scrollHeight <= box.clientHeight + 1; })()"
    )


def test_the_menu_opens_without_javascript(phone_without_script, world, leader):
    page = phone_without_script
    log_in(page, "totruong")
    assert not page.is_visible("header >> text=Đăng xuất")
    page.click("header summary")
    assert page.is_visible("header >> text=Đăng xuất")
    with page.expect_navigation():
        page.click("header >> text=Kiến nghị")
    assert page.url.endswith("/kien-nghi/")
