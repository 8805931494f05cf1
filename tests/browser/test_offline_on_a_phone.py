"""A group leader records meetings with and without signal, in real Chromium on a phone.

The service worker keeps the recording pages and queues a save sent without signal; the
queue sends it when the signal returns, and the server writes it once (apps/core/once.py).
"""

import contextlib
import datetime
import re

import pytest
from playwright.sync_api import Error as PlaywrightError

from apps.accounts.models import Scope
from apps.meetings.models import Meeting
from tests.browser.conftest import MEETING_MINUTES, fill_meeting, log_in, screenshot
from tests.browser.signal import Signal
from tests.conftest import PASSWORD, make_user
from tests.factories import HouseholdFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]

SAVE = "button:has-text('Lưu biên bản')"


@pytest.fixture
def leader(transactional_db, world):
    HouseholdFactory.create_batch(14, group=world.a.group)
    return make_user(Scope.Role.GROUP_LEADER, world.a.group, username="totruong")


@pytest.fixture
def signal(live_server):
    relay = Signal(live_server.thread.port)
    yield relay
    relay.close()


@pytest.fixture
def server_url(signal) -> str:
    """The phone reaches the site through its signal (tests/browser/signal.py)."""
    return signal.url


def _no_signal(phone, signal: Signal) -> None:
    """The signal is lost: the browser says offline, and nothing reaches the server."""
    phone.context.set_offline(True)
    signal.cut()


def _signal_back(phone, signal: Signal) -> None:
    """The signal returns, and the page hears of it (the `online` event). Chromium does not
    always give that event after the emulated offline state (see tests/browser/signal.py);
    the page is then told as the phone tells it. A second telling is harmless: one sending
    at a time, and the save key makes a repeat a no-op."""
    signal.restore()
    phone.context.set_offline(False)
    # The page may already have moved on (the save was sent): nothing left to tell.
    with contextlib.suppress(PlaywrightError):
        phone.evaluate("() => window.dispatchEvent(new Event('online'))")


def _form(world) -> str:
    return f"/sinh-hoat/to/{world.a.group.pk}/2026/11/"


def _controlled(page) -> None:
    """Wait until the service worker controls the page (it claims pages once active)."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")


def _saved_without_signal(phone, world, signal: Signal, minutes=MEETING_MINUTES) -> None:
    """The leader's meeting saved once the signal is gone: it waits in the outbox."""
    log_in(phone, "totruong")
    phone.goto(_form(world))
    _controlled(phone)
    fill_meeting(phone, minutes)
    _no_signal(phone, signal)
    phone.click(SAVE)
    phone.wait_for_selector("#outbox:not([hidden])")


def test_a_save_without_signal_is_queued_kept_and_sent_once_when_the_signal_returns(
    phone, world, leader, signal
):
    _saved_without_signal(phone, world, signal)
    assert "chờ gửi từ" in phone.inner_text("#outbox")
    # Back lands on the start page (kept by the worker): the save still waits there...
    phone.go_back()
    phone.wait_for_url(re.compile(r"/sinh-hoat/$"))
    phone.wait_for_selector("#outbox:not([hidden])")
    assert "Tổ Bình Thạnh" in phone.inner_text("#outbox")
    screenshot(phone, "meeting-queued-360")
    # ...and the form, opened again without signal, has everything typed.
    phone.goto(_form(world))
    assert phone.is_visible("#draft-restored")
    assert phone.input_value("#id_minutes") == MEETING_MINUTES
    assert phone.is_checked("#id_theme_culture")
    assert not Meeting.objects.exists()
    _signal_back(phone, signal)  # sent, and the phone moves on
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    assert Meeting.objects.get().minutes == MEETING_MINUTES
    phone.wait_for_selector("#outbox", state="hidden")
    phone.goto(_form(world))
    assert not phone.is_visible("#draft-restored")
    phone.click(SAVE)  # the stored meeting, saved as it is: still one
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    assert Meeting.objects.count() == 1


def test_a_save_cut_off_on_the_way_is_queued_by_the_worker_and_sent_once(phone, world, leader):
    log_in(phone, "totruong")
    phone.goto(_form(world))
    _controlled(phone)
    fill_meeting(phone)
    # The phone believes it has signal, but the save never reaches the server.
    phone.context.route(
        re.compile(r"/sinh-hoat/to/"),
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    phone.click(SAVE)
    phone.wait_for_selector("#outbox:not([hidden])")
    assert "chờ gửi từ" in phone.inner_text("#outbox")
    assert phone.input_value("#id_minutes") == MEETING_MINUTES
    phone.go_back()
    assert phone.input_value("#id_minutes") == MEETING_MINUTES
    assert not Meeting.objects.exists()
    phone.wait_for_selector("#outbox [data-send]:not([hidden])")  # offered while it fails
    phone.context.unroute(re.compile(r"/sinh-hoat/to/"))
    _press_send_again(phone)
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    assert Meeting.objects.get().minutes == MEETING_MINUTES
    assert Meeting.objects.count() == 1


def _press_send_again(phone) -> None:
    """Press "Gửi lại" if it is still shown: the outbox's own retry may be sending the save
    already (the button hidden meanwhile), and a successful send leaves for the month page
    either way. Looked up and pressed in one step in the page, so it cannot vanish between."""
    with contextlib.suppress(PlaywrightError):  # the page is already leaving for it
        phone.evaluate("document.querySelector('#outbox [data-send]:not([hidden])')?.click()")


def test_the_app_opens_with_no_signal_after_one_visit_and_the_form_is_queued(
    phone, world, leader, signal
):
    log_in(phone, "totruong")
    phone.goto(_form(world))  # one visit: the worker keeps the form and the files
    _controlled(phone)
    phone.goto("/sinh-hoat/")
    _no_signal(phone, signal)
    phone.goto("/")  # the installed app's start page
    assert "Tổ Bình Thạnh" in phone.inner_text("main")
    phone.goto(_form(world))
    assert phone.is_visible("#id_minutes")
    assert phone.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)"
    fill_meeting(phone)
    phone.click(SAVE)
    phone.wait_for_selector("#outbox:not([hidden])")
    assert "chờ gửi từ" in phone.inner_text("#outbox")
    # A page never opened is not invented: a plain note says so.
    phone.goto("/chi-tieu/")
    assert "Không có sóng" in phone.inner_text("body")
    assert not Meeting.objects.exists()
    _signal_back(phone, signal)
    phone.goto(_form(world))  # online again: the form sends its waiting save
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    assert Meeting.objects.get().attendees == 21


def test_a_queued_save_that_meets_a_conflict_shows_it_with_the_text_kept(
    phone, world, leader, signal
):
    _saved_without_signal(phone, world, signal, minutes="Bản ghi trên điện thoại.")
    # Meanwhile a commune official records the same month.
    MeetingFactory(
        group=world.a.group,
        month=datetime.date(2026, 11, 1),
        households_total=14,
        households_represented=9,
        minutes="Bản của cán bộ xã.",
    )
    _signal_back(phone, signal)
    phone.wait_for_selector("text=Có người khác vừa sửa biên bản này")
    assert phone.input_value("#id_minutes") == "Bản ghi trên điện thoại."
    assert "Bản của cán bộ xã." in phone.inner_text(".conflict")
    screenshot(phone, "queued-meeting-conflict-360")
    assert Meeting.objects.get().minutes == "Bản của cán bộ xã."
    # The answer was shown: nothing waits any more, and the typed text is still a draft.
    assert phone.is_hidden("#outbox")
    phone.click(SAVE)  # having seen it, the leader replaces it deliberately
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    assert Meeting.objects.get().minutes == "Bản ghi trên điện thoại."


def test_an_expired_session_keeps_the_queued_save_until_the_user_logs_in_again(
    phone, world, leader, signal
):
    _saved_without_signal(phone, world, signal)
    phone.context.clear_cookies(name="sessionid")  # the session ends without signal
    _signal_back(phone, signal)
    phone.wait_for_selector("text=đăng nhập lại để gửi")
    assert not Meeting.objects.exists()
    with phone.expect_navigation():
        phone.click("#outbox a")
    assert "/dang-nhap/" in phone.url
    phone.fill("input[name=username]", "totruong")
    phone.fill("input[name=password]", PASSWORD)
    phone.click("main button[type=submit]")
    # Back on the form after logging in, the waiting save goes through.
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    assert Meeting.objects.get().minutes == MEETING_MINUTES


def test_logging_out_with_a_save_waiting_asks_first(phone, world, leader, signal):
    _saved_without_signal(phone, world, signal)
    phone.context.route(re.compile(r"/sinh-hoat/to/"), lambda route: route.abort())
    signal.restore()
    phone.context.set_offline(False)  # signal, but the save cannot get through yet
    questions = []
    phone.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    phone.click("header summary")  # the menu, folded on a phone
    phone.click("text=Đăng xuất")
    assert questions and "chờ gửi" in questions[0]
    assert "/dang-nhap/" not in phone.url  # dismissed: still signed in, the save still waits
    assert phone.is_visible("#outbox")
    phone.goto("about:blank")  # no retry left running while the test database is emptied
    assert not Meeting.objects.exists()
