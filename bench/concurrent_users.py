"""Concurrent users on the full demo district: errors and response times.

    DATABASE_URL=sqlite:////tmp/tocdp-bench.sqlite3 .venv/bin/python bench/concurrent_users.py
    .venv/bin/python bench/concurrent_users.py --users 10 --seconds 60

Each simulated user is a thread with its own database connection, as under a threaded or
multi-process server. Users log in through the login page, work a few requests, log out,
and start again until the time is up:

- group leaders (half of the users) open their group's meeting of this month and save it;
  two of them share a group, so some saves meet the conflict page;
- commune officials read their month status page;
- the district steering committee reads its dashboard.

Prints, per kind of request, how many were made, how many failed (a 5xx answer or an
exception, such as SQLite's "database is locked") and the median and 95th-percentile
times. A run with any failure ends with exit status 1.
"""

import argparse
import statistics
import sys
import threading
import time
from collections import defaultdict

from common import (
    database_label,
    ensure_demo_district,
    machine_pace,
    meeting_form_data,
    setup_django,
)

CONFLICT = "Có người khác vừa sửa biên bản này"


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.failures: dict[str, list[str]] = defaultdict(list)
        self.conflicts = 0

    def record(self, kind: str, started: float, failure: str | None = None) -> None:
        with self.lock:
            self.times[kind].append((time.perf_counter() - started) * 1000)
            if failure:
                self.failures[kind].append(failure)


def timed(tally: Tally, kind: str, request, ok=(200, 302)):
    started = time.perf_counter()
    try:
        response = request()
    except Exception as exc:  # a failure to count, not to stop the run
        tally.record(kind, started, f"{type(exc).__name__}: {exc}")
        return None
    failure = None if response.status_code in ok else f"HTTP {response.status_code}"
    tally.record(kind, started, failure)
    return response


def simulate(user, work, password: str, deadline: float, tally: Tally) -> None:
    from django.db import connections
    from django.test import Client

    try:
        while time.perf_counter() < deadline:
            # A 500 comes back as a response, to be counted.
            client = Client(raise_request_exception=False)
            login = {"username": user.username, "password": password}
            response = timed(
                tally, "login", lambda c=client, d=login: c.post("/dang-nhap/", d), (302,)
            )
            if response is None or response.status_code != 302:
                continue
            for _ in range(3):
                work(client, tally)
            timed(tally, "logout", lambda c=client: c.post("/dang-xuat/"), (302,))
    finally:
        connections.close_all()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    options = parser.parse_args()
    setup_django()
    ensure_demo_district()

    from django.conf import settings
    from django.db import connection
    from django.db.models import Count

    from apps.accounts.models import User
    from apps.core.periods import Month
    from apps.demo.management.commands.seed_demo import DEFAULT_PASSWORD
    from apps.hierarchy.models import Commune, Group

    settings.DEBUG = False
    month = Month.current()
    commune = Commune.objects.annotate(n=Count("hamlets__groups")).order_by("-n").first()
    groups = Group.objects.filter(hamlet__commune=commune, status="active")
    leader_names = set(
        User.objects.filter(username__in=[f"to-{g.code}" for g in groups]).values_list(
            "username", flat=True
        )
    )
    groups = [g for g in groups if f"to-{g.code}" in leader_names]

    def leader_of(group):
        def work(client, tally: Tally) -> None:
            url = f"/sinh-hoat/to/{group.pk}/{month.year}/{month.month}/"
            form = timed(tally, "meeting form", lambda: client.get(url))
            if form is None or form.status_code != 200:
                return
            data = meeting_form_data(form.content.decode(), month.first_day.isoformat())
            saved = timed(tally, "meeting save", lambda: client.post(url, data))
            if saved is not None and saved.status_code == 200:
                if CONFLICT in saved.content.decode():
                    with tally.lock:
                        tally.conflicts += 1
                else:
                    tally.failures["meeting save"].append("form refused (invalid data)")

        return User.objects.get(username=f"to-{group.code}"), work

    def status_reader(client, tally: Tally) -> None:
        timed(tally, "month status", lambda: client.get("/sinh-hoat/"))

    def dashboard_reader(client, tally: Tally) -> None:
        timed(tally, "dashboard", lambda: client.get("/chi-tieu/", follow=True), (200,))

    leaders = max(1, options.users // 2)
    # Two leaders share the first group: a real conflict now and then.
    users = [leader_of(groups[max(0, n - 1)]) for n in range(leaders)]
    for n in range(options.users - leaders):
        if n % 3 == 2:
            users.append((User.objects.get(username="huyen"), dashboard_reader))
        else:
            users.append((User.objects.get(username=f"xa-{commune.code}"), status_reader))
    connection.close()

    options_text = settings.DATABASES["default"].get("OPTIONS", {})
    print(f"database: {database_label()}; options {options_text}")
    print(f"{options.users} users ({leaders} group leaders) for {options.seconds:.0f} s")
    print(machine_pace())
    tally = Tally()
    deadline = time.perf_counter() + options.seconds
    threads = [
        threading.Thread(target=simulate, args=(user, work, DEFAULT_PASSWORD, deadline, tally))
        for user, work in users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print(f"{'request':<14}{'count':>7}{'failed':>8}{'median ms':>11}{'p95 ms':>9}")
    for kind, times in sorted(tally.times.items()):
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        print(
            f"{kind:<14}{len(times):>7}{len(tally.failures[kind]):>8}"
            f"{statistics.median(times):>11.0f}{p95:>9.0f}"
        )
    total = sum(len(t) for t in tally.times.values())
    failed = sum(len(f) for f in tally.failures.values())
    print(f"total {total} requests, {failed} failed, {tally.conflicts} conflict pages")
    for kind, failures in tally.failures.items():
        for failure in sorted(set(failures)):
            print(f"  {kind}: {failure} (x{failures.count(failure)})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
