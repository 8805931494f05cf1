"""Every page of the full demo, as each kind of demo user reaches it: the slowest requests
and how many took over 2 s.

    .venv/bin/python bench/slow_requests.py [--fresh] [--top 15] [--roles admin commune]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tocdp_slow \
        .venv/bin/python bench/slow_requests.py

The database is a throwaway one of its own (by default a SQLite file under /tmp; on
PostgreSQL the database DATABASE_URL names, created if missing), holding the full demo
(`seed_demo`, with its story: renames, a split, the 2025 merger). It is built on first use
and reused afterwards; --fresh builds it again. Each demo role's first account then walks
every page the app links for it, breadth first, as the demo walk test does
(apps.demo.walk), each request timed through Django's test client with its queries
counted and its processor time taken (on a busy shared machine the wall time also
counts the waits for a processor; the "pace" line says how busy it was). The first
request of each kind also pays for compiling its templates, once per server process,
and any one request may have waited on a busy machine: the slowest are asked again,
warm, and their median printed too.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

from common import (
    _create_postgres_database,
    analyse,
    database_label,
    machine_pace,
    setup_django,
)

LIMIT = 2.0  # seconds: no request of the demo should take longer
AGAIN = 3


def _build(fresh: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    from apps.hierarchy.models import District

    if fresh and connection.vendor == "sqlite":
        connection.close()
        Path(connection.settings_dict["NAME"]).unlink(missing_ok=True)
    elif fresh:
        call_command("flush", interactive=False, verbosity=0)
    _create_postgres_database()
    call_command("migrate", verbosity=0)
    if not District.objects.exists():
        started = time.perf_counter()
        call_command("seed_demo", verbosity=0)
        print(f"full demo built in {time.perf_counter() - started:.0f} s")
    analyse()  # also a database built by hand (`manage.py seed_demo`), as a deployment does


def _printed(role: str):
    def on_page(t) -> None:
        print(
            f"  {t.seconds * 1000:6.0f} ms {t.cpu_seconds * 1000:6.0f} ms cpu {t.queries:4d} q "
            f"{role} {t.url}",
            flush=True,
        )

    return on_page


def main() -> None:
    from apps.demo.walk import ROLES

    parser = argparse.ArgumentParser()
    parser.add_argument("--fresh", action="store_true", help="Build the demo again.")
    parser.add_argument("--top", type=int, default=15, help="How many of the slowest to print.")
    parser.add_argument("--roles", nargs="*", default=ROLES, help=f"Of {', '.join(ROLES)}.")
    parser.add_argument("--each", action="store_true", help="Print every request as it ends.")
    options = parser.parse_args()
    _build(options.fresh)

    from django.test import Client

    from apps.demo.walk import demo_account, walk
    from apps.hierarchy.models import Group

    print(f"database: {database_label()}; {Group.objects.count():,} groups; {machine_pace()}")
    timed = []
    users = {}
    for role in options.roles:
        users[role] = user = demo_account(role)
        result = walk(user, timed=True, on_page=_printed(role) if options.each else None)
        over = [t for t in result.timed if t.seconds > LIMIT]
        print(
            f"{role} ({user.username}): {len(result.timed)} requests in {result.seconds:.1f} s, "
            f"slowest {max(t.seconds for t in result.timed):.2f} s "
            f"({max(t.cpu_seconds for t in result.timed):.2f} s cpu), {len(over)} over {LIMIT:g} s"
            + (f"; failures: {result.failures}" if result.failures else ""),
            flush=True,
        )
        timed += [(role, t) for t in result.timed]
    timed.sort(key=lambda pair: pair[1].seconds, reverse=True)
    print(f"\nslowest {options.top} of {len(timed)} requests (wall time, processor time):")
    for role, t in timed[: options.top]:
        print(
            f"{t.seconds * 1000:8.0f} ms {t.cpu_seconds * 1000:8.0f} ms cpu "
            f"{t.queries:5d} queries  {role:12} {t.url}"
        )
    # The first request of a kind also compiled its templates, and a busy machine may have
    # stalled any one request: the slowest are asked again, warm, and their median read.
    print(f"\nthe same, asked again {AGAIN} times (median):")
    for role, t in timed[: options.top]:
        client = Client()
        client.force_login(users[role])
        again = []
        for _ in range(AGAIN):
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(t.url)
            b"".join(response.streaming_content) if response.streaming else response.content
            again.append((time.perf_counter() - started, time.process_time() - cpu))
        wall = statistics.median(a for a, _ in again)
        processor = statistics.median(c for _, c in again)
        print(f"{wall * 1000:8.0f} ms {processor * 1000:8.0f} ms cpu  {role:12} {t.url}")
    over = sum(t.seconds > LIMIT for _, t in timed)
    over_cpu = sum(t.cpu_seconds > LIMIT for _, t in timed)
    print(
        f"\n{over} of {len(timed)} requests over {LIMIT:g} s of wall time, {over_cpu} over "
        f"{LIMIT:g} s of processor time; {machine_pace()}"
    )


if __name__ == "__main__":
    # A database of its own, not the other benches' (theirs hold the demo without its story).
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/tocdp-slow-requests.sqlite3")
    setup_django()
    main()
