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
counts the waits for a processor; the "pace" line says how busy it was). A walk is run
once first without being read, as the first role: it pays for compiling templates and
loading translations, once per server process.
"""

import argparse
import os
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


def main() -> None:
    from apps.demo.walk import ROLES

    parser = argparse.ArgumentParser()
    parser.add_argument("--fresh", action="store_true", help="Build the demo again.")
    parser.add_argument("--top", type=int, default=15, help="How many of the slowest to print.")
    parser.add_argument("--roles", nargs="*", default=ROLES, help=f"Of {', '.join(ROLES)}.")
    options = parser.parse_args()
    _build(options.fresh)

    from apps.demo.walk import demo_account, walk
    from apps.hierarchy.models import Group

    print(f"database: {database_label()}; {Group.objects.count():,} groups; {machine_pace()}")
    timed = []
    # Warm the process once (templates, translations, the database's caches): the admin's
    # walk reaches nearly every kind of page the others do.
    started = time.perf_counter()
    walk(demo_account(options.roles[0]))
    print(f"warm-up walk ({options.roles[0]}): {time.perf_counter() - started:.0f} s", flush=True)
    for role in options.roles:
        user = demo_account(role)
        result = walk(user, timed=True)
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
