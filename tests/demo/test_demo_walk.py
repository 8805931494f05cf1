"""Walk the small demo as each kind of user, following every link the pages give.

A page that works on a test's tidy rows may still break on realistic data (a history
entry with no account, a unit with no leader, an empty year). Here each user starts at
the home page and follows, breadth first, every same-site link and image the app renders
for them, and every answer must be a page: an error (500) or a link that leads to a
refusal or to nothing (4xx) is a defect the user would meet.
"""

import io
import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from apps.accounts.models import Scope, User
from apps.hierarchy.models import Group

pytestmark = pytest.mark.django_db

# A guard against a walk that never ends (links that breed new query values): every user
# of the small demo reaches fewer pages than this, and one who reaches it fails the test,
# since the pages left unvisited could hide a defect.
MAX_PAGES = 600
# Pages of one kind (same path but for its ids, same query names) visited at most this
# often: a petition's or a meeting's page is the same template for every id, and the first
# ones the app lists cover the realistic variety. The admin's pages are Django's own views
# over our lists and forms: one of each kind is enough.
PER_KIND = 2
PER_ADMIN_KIND = 1
# Not pages to walk: logging out would end the walk, switching the language is a form.
SKIPPED = ("/dang-xuat/", "/admin/logout/", "/i18n/", "/static/")
# Refusals known and left as they are, each with its reason.
KNOWN_REFUSALS = [
    # Django's admin shows a read-only reference (who recorded a petition, a meeting…) as a
    # link to that record's admin page without asking whether the reader may open it; only
    # administrators manage accounts, so the others are refused there. A defect of Django's,
    # harmless: the refusal reveals nothing.
    (re.compile(r"/admin/accounts/user/\d+/change/"), 403),
]


@dataclass
class Walk:
    visited: int = 0
    kinds: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


class _Links(HTMLParser):
    """The targets of a page's links and images."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        value = dict(attrs).get(wanted) if wanted else None
        if value:
            self.targets.append(value)


def _kind(path: str, query: str) -> tuple[str, frozenset[str]]:
    """A page's path but for its ids, and the names in its query. The admin's sorting,
    filtering and paging links are Django's own: its pages are told apart by path alone."""
    names = frozenset() if path.startswith("/admin/") else {n for n, _ in parse_qsl(query)}
    return re.sub(r"\d+", "#", path), frozenset(names)


def _same_site(base: str, target: str) -> str | None:
    """`target` as a path and query on this site, or None if it leads elsewhere."""
    parts = urlsplit(urljoin(base, target))
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith(SKIPPED):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def walk(user: User) -> Walk:
    """Every page `user` reaches from the home page, and what went wrong on the way."""
    client = Client()
    client.force_login(user)
    result = Walk()
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    seen = {"/"}
    started = time.perf_counter()
    while queue and result.visited < MAX_PAGES:
        url, referrer = queue.popleft()
        parts = urlsplit(url)
        kind = _kind(parts.path, parts.query)
        if result.kinds[kind] >= (PER_ADMIN_KIND if url.startswith("/admin/") else PER_KIND):
            continue
        result.kinds[kind] += 1
        result.visited += 1
        try:
            response = client.get(url)
            # A streamed download is built as it is read: read it to its end.
            body = b"".join(response.streaming_content) if response.streaming else b""
        except Exception as error:  # every failure is reported, with its page
            result.failures.append(f"{url} (from {referrer}): {type(error).__name__}: {error}")
            continue
        status = response.status_code
        if status >= 400:
            if not any(p.fullmatch(url) and status == code for p, code in KNOWN_REFUSALS):
                result.failures.append(f"{url} (from {referrer}): {status}")
            continue
        if status in (301, 302, 303, 307, 308):
            targets = [response["Location"]]
        elif response["Content-Type"].startswith("text/html") and not body:
            parser = _Links()
            parser.feed(response.content.decode())
            targets = parser.targets
        else:
            continue
        for target in targets:
            next_url = _same_site(url, target)
            if next_url is not None and next_url not in seen:
                seen.add(next_url)
                queue.append((next_url, url))
    result.seconds = time.perf_counter() - started
    return result


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo, built once for the module's walks and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--small", "--seed", "2026", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _account(role: str) -> User:
    if role == "admin":
        return User.objects.get(username="admin")
    scopes = Scope.objects.filter(role=role).select_related("user").order_by("user__username")
    if role == Scope.Role.GROUP_LEADER:
        scopes = scopes.filter(group__status=Group.Status.ACTIVE)
    return scopes.first().user


@pytest.mark.parametrize(
    "role",
    [
        "admin",
        Scope.Role.STEERING,
        Scope.Role.COMMUNE,
        Scope.Role.HAMLET,
        Scope.Role.GROUP_LEADER,
    ],
)
def test_every_page_a_demo_user_reaches_answers(demo, role):
    user = _account(role)

    result = walk(user)

    print(  # shown with -s: how far and how long each walk went
        f"{user.username}: {result.visited} pages of {len(result.kinds)} kinds "
        f"in {result.seconds:.1f} s"
    )
    assert result.visited >= 20, f"{user.username} reached only {result.visited} pages"
    assert result.visited < MAX_PAGES, f"{user.username}'s walk was cut short"
    assert not result.failures, "\n".join(result.failures)
