"""A group leader records one meeting on a throttled cheap phone: taps, waiting and bytes.

    .venv/bin/python bench/phone_journey.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tocdp_bench \
        .venv/bin/python bench/phone_journey.py

The phone of issue 19: a 360 x 740 screen, 400 kbit/s down and up, 150 ms latency and
a processor four times slower (Chromium's own throttling, through the DevTools protocol).
The demo district is built on first use (bench/common.py) and served by Django's own
server in a subprocess; Debian's full Chromium (/usr/bin/chromium, as a phone runs it, not
the tests' headless shell; CHROMIUM_PATH names another) does the rest.

The journey: open the login page, log in as the leader of a group with no meeting this
month, tap "record" on the month's list, fill the form (date, attendance, households,
one theme, minutes) and save. Printed:
- taps: each touch of the screen (a field to type in, a box to tick, a button or link);
- waiting: the time from a tap (or the address typed) until the next page has loaded;
- scrolling: how far the page had to move to bring each thing tapped into view;
- bytes: what went over the network (headers and bodies as sent, compressed or not).
The meeting it records is deleted afterwards, so the next run finds the same group free.
"""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

from common import ROOT, database_label, ensure_demo_district, setup_django

sys.path.insert(0, str(ROOT))  # the browser tests' Chromium, launched the same way
from tests.browser.chromium import CHROMIUM_FLAGS, FULL_BROWSER, PHONE

KBIT = 1000 / 8  # bytes per second in one kbit/s
THROTTLING = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 400 * KBIT,
    "uploadThroughput": 400 * KBIT,
}
PASSWORD = "tocdp-demo-2026"  # noqa: S105 - the demo accounts' documented password


class Journey:
    """Counts the taps, the waiting and the bytes of one page's story."""

    def __init__(self, page, cdp) -> None:
        self.page = page
        self.taps = 0
        self.waiting = 0.0
        self.bytes = 0
        self.scrolled = 0
        cdp.on("Network.loadingFinished", self._loaded)

    def _loaded(self, event: dict) -> None:
        self.bytes += int(event.get("encodedDataLength", 0))

    @contextmanager
    def wait(self):
        started = time.perf_counter()
        with self.page.expect_navigation(wait_until="load", timeout=120_000):
            yield
        self.page.wait_for_load_state("networkidle", timeout=120_000)
        self.waiting += time.perf_counter() - started

    def open(self, path: str) -> None:
        started = time.perf_counter()
        self.page.goto(path, wait_until="load", timeout=120_000)
        self.page.wait_for_load_state("networkidle", timeout=120_000)
        self.waiting += time.perf_counter() - started

    def tap(self, selector: str) -> None:
        self.taps += 1
        before = self.page.evaluate("window.scrollY")
        self.page.locator(selector).scroll_into_view_if_needed()
        self.scrolled += abs(self.page.evaluate("window.scrollY") - before)
        self.page.tap(selector)

    def type(self, selector: str, text: str) -> None:
        self.tap(selector)
        self.page.fill(selector, text)

    def tap_and_wait(self, selector: str) -> None:
        with self.wait():
            self.tap(selector)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def live_server():
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def free_group():
    """The first active group (by code) with a leader's account and no meeting this month."""
    from apps.accounts.models import User
    from apps.core.periods import Month
    from apps.hierarchy.models import Group

    month = Month.current()
    leaders = set(
        User.objects.filter(username__startswith="to-", is_active=True).values_list(
            "username", flat=True
        )
    )
    groups = Group.objects.filter(status="active").exclude(meetings__month=month.first_day)
    for group in groups.order_by("code").iterator():
        if f"to-{group.code}" in leaders:
            return group, f"to-{group.code}", month
    raise SystemExit("no group leader without a meeting this month")


def record_meeting(browser, url: str, username: str, group, month, households: int) -> Journey:
    context = browser.new_context(base_url=url, locale="vi-VN", **PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    cdp.send("Network.emulateNetworkConditions", THROTTLING)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    journey = Journey(page, cdp)

    journey.open("/dang-nhap/")
    journey.type("input[name=username]", username)
    journey.type("input[name=password]", PASSWORD)
    journey.tap_and_wait("main button[type=submit]")
    journey.tap_and_wait(f"a[href^='/sinh-hoat/to/{group.pk}/']")
    journey.type("#id_held_on", f"{month.first_day:%Y-%m}-01")
    journey.type("#id_attendees", "18")
    journey.type("#id_households_represented", str(min(households, 10)))
    if not page.is_checked("#id_theme_culture"):
        journey.tap("#id_theme_culture")
    journey.type("#id_minutes", "Bàn việc giữ gìn an ninh, vệ sinh đường làng, đèn hẻm 3.")
    journey.tap_and_wait("form.meeting button[type=submit]")
    assert "/sinh-hoat/to/" not in page.url, page.inner_text("main")[:500]
    context.close()
    return journey


def main() -> None:
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/tocdp-phone-journey.sqlite3")
    setup_django()
    ensure_demo_district()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop; our ORM calls are plain

    from playwright.sync_api import sync_playwright

    from apps.meetings.models import Meeting

    group, username, month = free_group()
    households = group.households.count()
    print(f"database: {database_label()}; {username} ({group.name}), month {month.label}")
    print("phone: 360x740, 400 kbit/s down and up, 150 ms latency, CPU 4x slower")
    with live_server() as url, sync_playwright() as playwright:
        chromium = os.environ.get("CHROMIUM_PATH") or FULL_BROWSER
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            journey = record_meeting(browser, url, username, group, month, households)
        finally:
            browser.close()
    recorded = Meeting.objects.filter(group=group, month=month.first_day)
    assert recorded.count() == 1, "the meeting was not saved"
    recorded.delete()
    print(f"taps: {journey.taps}")
    print(f"waiting: {journey.waiting:.1f} s")
    print(f"scrolling: {journey.scrolled} px")
    print(f"bytes transferred: {journey.bytes:,} ({journey.bytes / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
