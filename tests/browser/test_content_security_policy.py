"""Every main page passes the Content-Security-Policy (settings: no inline script, style or
handler) in real Chromium, as each kind of user: a violation anywhere fails the test.

Violations are heard twice: Chromium's own console error ("…violates the following Content
Security Policy directive…") and the page's `securitypolicyviolation` event, which a script
added before the page's own reports on the console."""

import re

import pytest

from apps.accounts.models import Scope
from apps.petitions.models import Petition
from tests.browser.conftest import fill_the_main_pages, log_in
from tests.conftest import make_user
from tests.factories import (
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]

HEAR_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""
MARKERS = ("CSP violation", "Content Security Policy")


@pytest.fixture
def people(transactional_db, world):
    fill_the_main_pages(world, households=3, met=world.a.group)
    UserFactory(username="root", is_staff=True, is_superuser=True)
    return {
        "to-truong": make_user(Scope.Role.GROUP_LEADER, world.a.group, username="to-truong"),
        "can-bo-ap": make_user(Scope.Role.HAMLET, world.a.hamlet, username="can-bo-ap"),
        "can-bo-xa": make_user(
            Scope.Role.COMMUNE, world.a.commune, username="can-bo-xa", is_staff=True
        ),
        "bcd-huyen": make_user(Scope.Role.STEERING, world.district, username="bcd-huyen"),
        "quan-tri": make_user(Scope.Role.ADMIN, world.district, username="quan-tri", is_staff=True),
    }


@pytest.fixture
def desk(browser, live_server, settings):
    """A desktop-sized page that records every CSP violation on its console."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    context.add_init_script(HEAR_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.violations = []
    page.on(
        "console",
        lambda message: (
            page.violations.append(f"{page.url}: {message.text}")
            if any(marker in message.text for marker in MARKERS)
            else None
        ),
    )
    yield page
    context.close()


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    if "html" in response.headers.get("content-type", ""):
        assert "script-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("load")


def _menu_links(page) -> list[str]:
    """The pages the header's menu offers this user (the main pages of their role)."""
    hrefs = page.eval_on_selector_all("header a[href^='/']", "links => links.map(a => a.pathname)")
    return sorted(set(hrefs) - {"/"})


def _walk(page, username: str, extra: list[str]) -> list[str]:
    log_in(page, username)
    visited = ["/"]
    _visit(page, "/")
    for url in _menu_links(page) + extra:
        _visit(page, url)
        visited.append(url)
    page.goto("about:blank")
    return visited


def test_the_policy_is_heard_when_broken(desk, people):
    """The check itself: an inline script added to a page is refused and reported."""
    _visit(desk, "/dang-nhap/")
    # Waits for the report, however busy the machine (a fixed wait could end before it).
    with desk.expect_console_message(lambda message: "script-src" in message.text):
        desk.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.ran = true'; document.body.append(s); }"
        )
    assert desk.evaluate("() => window.ran === undefined")
    assert any("script-src" in violation for violation in desk.violations), desk.violations


@pytest.mark.parametrize(
    ("username", "pages"),
    [
        ("to-truong", ["/sinh-hoat/to/{group}/2026/11/", "/kien-nghi/moi/"]),
        ("can-bo-ap", ["/sinh-hoat/?thang=2026-10"]),
        ("can-bo-xa", ["/kien-nghi/{petition}/", "/binh-xet/xa/{commune}/2026/", "/admin/"]),
        (
            "bcd-huyen",
            [
                "/chi-tieu/huyen/{district}/?nam=2026&thang=2026-10",
                "/chi-tieu/huyen/{district}/bao-cao/?nam=2026",
            ],
        ),
        ("quan-tri", ["/nguoi-dung/"]),
        ("root", ["/admin/", "/admin/accounts/user/"]),
    ],
)
def test_the_main_pages_pass_the_policy(desk, world, people, username, pages):
    ids = {
        "group": world.a.group.pk,
        "commune": world.a.commune.pk,
        "district": world.district.pk,
        "petition": Petition.objects.get().pk,
    }
    visited = _walk(desk, username, [page.format(**ids) for page in pages])
    assert len(visited) > len(pages) + 1, visited  # the menu's pages were walked too
    assert desk.violations == []


def test_the_charts_pass_the_policy_as_images_and_opened_alone(desk, world, people):
    log_in(desk, "bcd-huyen")
    _visit(desk, f"/chi-tieu/huyen/{world.district.pk}/?nam=2026&thang=2026-10")
    charts = desk.eval_on_selector_all(".chart img", "images => images.map(i => i.src)")
    assert charts
    for image in desk.locator(".chart img").all():
        image.scroll_into_view_if_needed()  # they load lazily
        desk.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle())
    for chart in charts:
        _visit(desk, re.sub(r"^https?://[^/]+", "", chart))
    assert desk.violations == []
