"""Real headless Chromium (Debian's package) driven by Playwright, against a live server.

Playwright's own browser download is never used. Without /usr/bin/chromium these
tests are skipped with the command that installs it, except where
TOCDP_REQUIRE_BROWSER is set (CI), where a missing browser fails the run.
"""

import datetime
import os
import select
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

from apps.accounts.models import Scope
from apps.petitions.models import Petition
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS, PHONE
from tests.conftest import PASSWORD, make_user
from tests.factories import (
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    MonthlyProgrammeFactory,
    PetitionFactory,
)


# One request at a time: with the in-memory SQLite test database the live server's
# threads share one connection, so pages fetching several images at once would collide.
# (A real server has a connection per thread; this is a property of the test database.)
class OneRequestAtATime(WSGIServer):
    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override  # applied by LiveServerThread.run
        self.serving = threading.Lock()

    # A connection Chromium opens ahead of need can stay idle for long; served one at a
    # time, it would hold every other request (a service worker's fetches) until Chromium
    # gave it up. Each read and write on a connection has a deadline instead (the socket's
    # timeout holds for each of them, not only for the first line): an idle one is dropped,
    # while a request's line and its answer each move within far less.
    IDLE_SECONDS = 2

    def get_request(self):
        connection, address = super().get_request()
        connection.settimeout(self.IDLE_SECONDS)
        return connection, address

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], TimeoutError):  # not an idle one dropped
            super().handle_error(request, client_address)

    def _handle_request_noblock(self):  # from accepting a request to its answer's end
        with self.serving:
            super()._handle_request_noblock()

    def wait_until_idle(self) -> None:
        """Returns once no request is being answered or waits to be: a page's images still
        loading when its test ends would otherwise be answered while the test database is
        emptied (SQLite: "database table is locked"), or inside the next test's transaction
        on the connection they share."""
        while True:
            with self.serving:
                if not select.select([self.socket], [], [], 0)[0]:
                    return
            time.sleep(0.01)


LiveServerThread.server_class = OneRequestAtATime

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = (
            f"{CHROMIUM} not found: install it with"
            " `apt-get install -y chromium-headless-shell` (or chromium)"
        )
        if os.environ.get("TOCDP_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own ORM
    # calls between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started after the test database is made, so that it
    stops (closing its connection) before the database is dropped. Started first, it
    stopped after: PostgreSQL refused to drop a database "being accessed by other users"
    and the test database was left behind."""
    return live_server


@pytest.fixture(autouse=True)
def _server_idle_after_each_test(transactional_db, live_server):
    """Set up after the test database's fixture, so done before it empties the tables: the
    test's browser contexts are closed by then, and what they asked for is answered."""
    yield
    live_server.thread.httpd.wait_until_idle()


@pytest.fixture
def server_url(live_server) -> str:
    """Where the phone reaches the site (tests/browser/test_offline_on_a_phone.py: a relay)."""
    return live_server.url


def open_phone(browser, url: str, settings, **options):
    """A page in a 360 x 740 phone-sized browser window on the site at `url`; plain http, so
    no Secure cookies. `options` go to its browser context (no script, no service worker)."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(base_url=url, locale="vi-VN", **PHONE, **options)
    return context.new_page()


@pytest.fixture
def phone(browser, server_url, settings):
    """A phone's page (open_phone), closed after the test."""
    page = open_phone(browser, server_url, settings)
    # Generous: `make test` runs a test process per core, so a page may wait for the other.
    page.set_default_timeout(20_000)
    yield page
    page.context.close()


@pytest.fixture
def phone_without_script(browser, live_server, settings):
    """A phone's page with JavaScript turned off (open_phone), closed after the test."""
    page = open_phone(browser, live_server.url, settings, java_script_enabled=False)
    yield page
    page.context.close()


def log_in(page, username: str) -> None:
    page.goto("/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/dang-nhap/" not in page.url, page.inner_text("main")


MEETING_MINUTES = "Bàn việc giữ gìn an ninh, vệ sinh đường làng."


def fill_meeting(page, minutes: str = MEETING_MINUTES) -> None:
    """The open meeting form filled in: held on 15/11/2026, 21 people from 12 households,
    on culture, with `minutes`."""
    page.fill("#id_held_on", "2026-11-15")
    page.fill("#id_attendees", "21")
    page.fill("#id_households_represented", "12")
    page.check("#id_theme_culture")
    page.fill("#id_minutes", minutes)


def november_leader(world, talking_points: str):
    """Group A's leader ("totruong") with 14 households and November's programme."""
    HouseholdFactory.create_batch(14, group=world.a.group)
    MonthlyProgrammeFactory(
        commune=world.a.commune, month=datetime.date(2026, 11, 1), talking_points=talking_points
    )
    return make_user(Scope.Role.GROUP_LEADER, world.a.group, username="totruong")


def fill_the_main_pages(world, *, households: int, met) -> None:
    """Something on each page a leader and a commune official use most: group A's households,
    November's programme, October's meeting of the group `met`, an assessment, and an
    overdue commune-level petition (its queue shows a badge)."""
    HouseholdFactory.create_batch(households, group=world.a.group)
    MonthlyProgrammeFactory(commune=world.a.commune, month=datetime.date(2026, 11, 1))
    MeetingFactory(group=met, month=datetime.date(2026, 10, 1))
    HouseholdAssessmentFactory(household=HouseholdFactory(group=world.a.group), year=2026)
    PetitionFactory(
        group=world.a.group,
        level=Petition.Level.COMMUNE,
        raised_on=datetime.date(2026, 10, 10),
        due_on=datetime.date(2026, 10, 25),
    )


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the screen (0: no sideways scrolling). The
    screen's width is the root's client width: on a phone the window's innerWidth grows to
    a page that is too wide, and would hide it."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def small_tap_targets(page) -> list[str]:
    """Visible buttons and form fields less than 40 px high (fingers need about 44)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
              'main button, main .button, main input:not([type=hidden]):not([type=checkbox]),'
              + ' main select, main textarea, main input[type=checkbox]'))
            .filter(el => el.offsetParent !== null)
            .filter(el => !el.classList.contains('link'))
            .filter(el => el.getBoundingClientRect().height < (el.type === 'checkbox' ? 20 : 40))
            .map(el => el.outerHTML.slice(0, 80))"""
    )
