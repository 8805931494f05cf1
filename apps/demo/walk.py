"""Walking the demo as one of its users: from the home page, every same-site link and image
the app renders for them, breadth first, each answer checked (and, when asked, timed).

The demo walk test (tests/demo/test_demo_walk.py) asserts that every page answers; the
request timer (bench/slow_requests.py) times the same requests on the full demo.
"""

import re
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.db import connection
from django.test import Client

from apps.accounts.models import Scope, User
from apps.hierarchy.models import Group

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
# The demo's kinds of user, each walked with one of its accounts (`demo_account`).
ROLES = [
    "admin",
    Scope.Role.STEERING,
    Scope.Role.COMMUNE,
    Scope.Role.HAMLET,
    Scope.Role.GROUP_LEADER,
]


@dataclass(frozen=True)
class Timed:
    """One request of a walk: how long it took, in seconds, the processor time this process
    spent on it (on a shared machine, what the request itself cost: the wall time also
    counts the waits for a processor; on PostgreSQL the database's own work is not in it),
    and how many queries it made."""

    url: str
    seconds: float
    cpu_seconds: float
    queries: int


@dataclass
class Walk:
    visited: int = 0
    kinds: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timed: list[Timed] = field(default_factory=list)


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


class _QueryCounter:
    """Counts the queries a request makes without logging them (as capturing them would,
    which slows every query)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _get(client: Client, url: str, timed: list[Timed] | None):
    """The answer to a GET, read to its end (a streamed download is built as it is read);
    timed, with its queries counted, when `timed` is a list."""
    if timed is None:
        response = client.get(url)
        return response, b"".join(response.streaming_content) if response.streaming else b""
    counter = _QueryCounter()
    with connection.execute_wrapper(counter):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else b""
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    timed.append(Timed(url, seconds, cpu, counter.count))
    return response, body


def walk(
    user: User, *, timed: bool = False, on_page: Callable[[Timed], None] | None = None
) -> Walk:
    """Every page `user` reaches from the home page, and what went wrong on the way; with
    `timed`, each request's time and query count (`Walk.timed`, also given to `on_page`)."""
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
            response, body = _get(client, url, result.timed if timed else None)
        except Exception as error:  # every failure is reported, with its page
            result.failures.append(f"{url} (from {referrer}): {type(error).__name__}: {error}")
            continue
        if timed and on_page is not None:
            on_page(result.timed[-1])
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


def demo_account(role: str) -> User:
    """The first demo account of a kind of user (an active group's leader)."""
    if role == "admin":
        return User.objects.get(username="admin")
    scopes = Scope.objects.filter(role=role).select_related("user").order_by("user__username")
    if role == Scope.Role.GROUP_LEADER:
        scopes = scopes.filter(group__status=Group.Status.ACTIVE)
    return scopes.first().user
