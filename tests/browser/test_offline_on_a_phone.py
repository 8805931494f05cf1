"""A group leader records meetings with and without signal, in real Chromium on a phone.

The service worker keeps the recording pages and queues a save sent without signal; the
queue sends it when the signal returns, and the server writes it once (apps/core/once.py).
"""

import datetime
import re

import pytest

from apps.accounts.models import Scope
from apps.meetings.models import Meeting
from tests.browser.conftest import log_in, screenshot
from tests.conftest import make_user
from tests.factories import HouseholdFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]

MINUTES = "Bàn việc giữ gìn an ninh, vệ sinh đường làng."


@pytest.fixture
def leader(transactional_db, world):
    HouseholdFactory.create_batch(14, group=world.a.group)
    return make_user(Scope.Role.GROUP_LEADER, world.a.group, username="totruong")


def _form(world) -> str:
    return f"/sinh-hoat/to/{world.a.group.pk}/2026/11/"


def _fill(page, minutes=MINUTES) -> None:
    page.fill("#id_held_on", "2026-11-15")
    page.fill("#id_attendees", "21")
    page.fill("#id_households_represented", "12")
    page.check("#id_theme_culture")
    page.fill("#id_minutes", minutes)


def _controlled(page) -> None:
    """Wait until the service worker controls the page (it claims pages once active)."""
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")


def test_a_save_without_signal_is_queued_kept_and_sent_once_when_the_signal_returns(
    phone, world, leader
):
    log_in(phone, "totruong")
    phone.goto(_form(world))
    _controlled(phone)
    _fill(phone)
    phone.context.set_offline(True)
    phone.click("text=Lưu biên bản")
    phone.wait_for_selector("#outbox:not([hidden])")
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
    assert phone.input_value("#id_minutes") == MINUTES
    assert phone.is_checked("#id_theme_culture")
    assert not Meeting.objects.exists()
    phone.context.set_offline(False)  # the signal returns: sent, and the phone moves on
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    assert Meeting.objects.get().minutes == MINUTES
    phone.wait_for_selector("#outbox", state="hidden")
    phone.goto(_form(world))
    assert not phone.is_visible("#draft-restored")
    phone.click("text=Lưu biên bản")  # the stored meeting, saved as it is: still one
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    assert Meeting.objects.count() == 1


def test_a_save_cut_off_on_the_way_is_queued_by_the_worker_and_sent_once(phone, world, leader):
    log_in(phone, "totruong")
    phone.goto(_form(world))
    _controlled(phone)
    _fill(phone)
    # The phone believes it has signal, but the save never reaches the server.
    phone.context.route(re.compile(r"/sinh-hoat/to/"), lambda route: route.abort()
                        if route.request.method == "POST" else route.continue_())
    phone.click("text=Lưu biên bản")
    phone.wait_for_selector("#outbox:not([hidden])")
    assert "chờ gửi từ" in phone.inner_text("#outbox")
    assert phone.input_value("#id_minutes") == MINUTES
    phone.go_back()
    assert phone.input_value("#id_minutes") == MINUTES
    assert not Meeting.objects.exists()
    phone.context.unroute(re.compile(r"/sinh-hoat/to/"))
    phone.click("text=Gửi lại")
    phone.wait_for_url(re.compile(r"/sinh-hoat/\?thang=2026-11$"))
    assert Meeting.objects.get().minutes == MINUTES
    assert Meeting.objects.count() == 1
