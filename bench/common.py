"""Shared set-up for the benchmark scripts: a database holding the full demo district.

The database is the one DATABASE_URL names (default: a SQLite file under /tmp),
migrated and seeded on first use and reused afterwards, so repeated runs
measure the pages rather than the build.
"""

import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tocdp.settings")
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/tocdp-bench.sqlite3")
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    os.environ.setdefault("WHITENOISE_USE_FINDERS", "true")
    import django

    django.setup()


def ensure_demo_district(districts: int = 1) -> None:
    from django.core.management import call_command

    from apps.hierarchy.models import District

    _create_postgres_database()
    call_command("migrate", verbosity=0)
    if not District.objects.exists():
        started = time.perf_counter()
        # The district as it began, alive today: the pages measured are a living district's.
        call_command("seed_demo", verbosity=0, districts=districts, no_story=True)
        print(f"demo district(s) built in {time.perf_counter() - started:.1f} s")
        analyse()
    elif District.objects.filter(kind=District.Kind.DISTRICT).count() != districts:
        found = District.objects.filter(kind=District.Kind.DISTRICT).count()
        raise SystemExit(
            f"The database holds {found} district(s), not {districts}: "
            "point DATABASE_URL at another database."
        )


def analyse() -> None:
    """Let the database learn the new tables' sizes now, as a deployment's does in the
    background soon after a load: plans made on empty-table guesses measure nothing real.
    On PostgreSQL, VACUUM too: until the visibility map is set, an index-only scan still
    reads the table, which autovacuum would fix only some minutes later."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _create_postgres_database() -> None:
    """On PostgreSQL, create the database DATABASE_URL names if the server lacks it."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        return
    import psycopg
    from psycopg import sql

    server = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
        ).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"])))
            print(f"created database {settings['NAME']}")


def machine_pace() -> str:
    """How fast this machine runs plain Python right now: a shared machine's pace changes
    from minute to minute, and every figure printed here moves with it."""
    started = time.perf_counter()
    total = 0
    for number in range(5_000_000):
        total += number
    return f"pace: a fixed Python loop took {(time.perf_counter() - started) * 1000:.0f} ms"


def database_label() -> str:
    from django.db import connection

    return f"{connection.vendor} {connection.settings_dict['NAME']}"


def measure(get: Callable[[], object], runs: int) -> tuple[float, int, float, float]:
    """Median wall time (ms) of `get`, its SQL query count, the time its queries take in the
    database (ms), and what Django's own query timer says of them (ms).

    The wall time is measured in runs of their own: capturing queries makes Django log and
    quote every one of them, which a live server does not do.

    The database's time is measured by running each query of a captured run again, five
    times, and fetching all its rows: Django's own timer stops when SQLite returns the first
    row, before the rest of a result is computed, so it undercounts there; on PostgreSQL it
    also counts the driver's work on parameters and rows.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get()  # warm caches (templates, translations)
    totals = []
    for _ in range(runs):
        started = time.perf_counter()
        get()
        totals.append((time.perf_counter() - started) * 1000)
    timed = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as captured:
            get()
        timed.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    replayed = _time_in_database(captured.captured_queries)
    return statistics.median(totals), len(captured), replayed, statistics.median(timed)


def _time_in_database(queries: list[dict]) -> float:
    from django.db import connection

    total = 0.0
    with connection.cursor() as cursor:
        for query in queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                total += float(query["time"]) * 1000  # session writes: Django's own timing
                continue
            times = []
            for _ in range(5):
                started = time.perf_counter()
                cursor.execute(query["sql"])
                cursor.fetchall()
                times.append((time.perf_counter() - started) * 1000)
            total += statistics.median(times)
    return total


FORM_VERSION = re.compile(r'name="version" value="(\d*)"')
SAVE_KEY = re.compile(r'name="save_key" value="([^"]*)"')


def meeting_form_data(form_page: str, held_on: str, attendees: int = 12) -> dict:
    """What a group leader sends to save the meeting form `form_page`: the version it was
    read at and its save key (apps.core.once), a day, attendance and a theme."""
    version, key = FORM_VERSION.search(form_page), SAVE_KEY.search(form_page)
    return {
        "version": version.group(1) if version else "",
        "save_key": key.group(1) if key else "",
        "held_on": held_on,
        "attendees": str(attendees),
        "households_represented": "1",
        "theme_safety": "on",
        "minutes": "Bàn việc giữ gìn an ninh trật tự.",
        "decisions": "",
        "petitions-TOTAL_FORMS": "0",
        "petitions-INITIAL_FORMS": "0",
        "petitions-MIN_NUM_FORMS": "0",
        "petitions-MAX_NUM_FORMS": "30",
    }


# The peak RSS of a child process: run it, then read the children's high-water mark.
PEAK_OF = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)"
)


def run_worker() -> tuple[float, float]:
    """Run the queued tasks with the worker command in a process of its own: (wall seconds,
    peak MB RSS of that process)."""
    manage = ROOT / "manage.py"
    command = [sys.executable, str(manage), "db_worker", "--batch", "--no-reload"]
    command += ["--no-startup-delay", "--verbosity", "0"]
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "-c", PEAK_OF, *command], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - started
    return seconds, int(done.stdout.strip().splitlines()[-1]) / 1024
