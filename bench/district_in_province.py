"""What sharing the tables with nine other districts costs one district's pages.

    .venv/bin/python bench/district_in_province.py [--pairs 25] [--requests 15] [--sqlite]

Two databases built by the other scripts: the district alone (bench/dashboard.py,
tocdp_bench) and the same district as one of ten in a province (bench/province.py,
tocdp_bench_province); PostgreSQL, or with --sqlite the SQLite files of the same names
under /tmp (build them with DATABASE_URL=sqlite:////tmp/tocdp-bench-province.sqlite3).
A worker process serves each; they take turns, a batch of requests each, so that both
meet the same moment of a shared machine, and the ratio is taken pair by pair. Prints, for
the district's dashboard and report of last year, each side's median and query count and
the median of the paired ratios (the target: at most 1.2) with their middle half (first to
third quartile). On a busy machine single pairs range from 0.7 to 1.7: 25 pairs by default.

In the province the district ended when the province began, so its dashboard of last year
shows no lists of gaps to act on today (a living unit's): it asks fewer queries than the
district alone, and its ratio compares less work with more. The report is the same work on
both sides.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SIDES = {
    "postgresql": {
        "alone": "postgres://postgres@127.0.0.1:5432/tocdp_bench",
        "in a province": "postgres://postgres@127.0.0.1:5432/tocdp_bench_province",
    },
    "sqlite": {
        "alone": "sqlite:////tmp/tocdp-bench.sqlite3",
        "in a province": "sqlite:////tmp/tocdp-bench-province.sqlite3",
    },
}
PAGES = {
    "dashboard": "/chi-tieu/huyen/{pk}/?nam={year}",
    "report": "/chi-tieu/huyen/{pk}/bao-cao/?nam={year}",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=25)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--sqlite", action="store_true", help="the SQLite files, not PostgreSQL")
    options = parser.parse_args()
    sides = SIDES["sqlite" if options.sqlite else "postgresql"]
    print(f"databases: {', '.join(sides.values())}")
    workers = {side: _start(url) for side, url in sides.items()}
    for page in PAGES:
        medians: dict[str, list[float]] = {side: [] for side in sides}
        queries: dict[str, int] = {}
        for _ in range(options.pairs):
            for side, worker in workers.items():
                median, queries[side] = _ask(worker, page, options.requests)
                medians[side].append(median)
        ratios = [a / b for a, b in zip(medians["in a province"], medians["alone"], strict=True)]
        print(
            f"{page}: alone {statistics.median(medians['alone']):.1f} ms "
            f"({queries['alone']} queries), in a province "
            f"{statistics.median(medians['in a province']):.1f} ms "
            f"({queries['in a province']} queries); paired ratio median "
            f"{statistics.median(ratios):.2f} (middle half {_middle_half(ratios)}, "
            f"min {min(ratios):.2f}, max {max(ratios):.2f})"
        )
    for worker in workers.values():
        worker.stdin.close()
        worker.wait()


def _middle_half(values: list[float]) -> str:
    """The first and third quartiles (with fewer than two values, the value itself)."""
    if len(values) < 2:
        return f"{values[0]:.2f}"
    first, _median, third = statistics.quantiles(values, n=4)
    return f"{first:.2f} to {third:.2f}"


def _start(database_url: str) -> subprocess.Popen:
    environment = dict(os.environ, DATABASE_URL=database_url)
    return subprocess.Popen(  # noqa: S603 - this same script, with another database
        [sys.executable, __file__, "--serve"],
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _ask(worker: subprocess.Popen, page: str, requests: int) -> tuple[float, int]:
    """The median of a batch of requests (ms) and the page's query count."""
    worker.stdin.write(json.dumps({"page": page, "requests": requests}) + "\n")
    worker.stdin.flush()
    median, queries = json.loads(worker.stdout.readline())
    return median, queries


def serve() -> None:
    """The worker: the first district's pages of last year (the district's last year before
    the province was formed), as its committee reads them."""
    sys.path.insert(0, str(Path(__file__).parent))
    from common import setup_django

    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.hierarchy.models import District

    district = District.objects.filter(kind=District.Kind.DISTRICT).order_by("pk").first()
    client = Client()
    client.force_login(User.objects.get(username="huyen"))  # the district's own committee
    year = timezone.localdate().year - 1
    for line in sys.stdin:
        asked = json.loads(line)
        url = PAGES[asked["page"]].format(pk=district.pk, year=year)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        queries = len(captured)  # now: the next request empties the connection's log
        times = []
        for _ in range(asked["requests"]):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        print(json.dumps([statistics.median(times), queries]), flush=True)


if __name__ == "__main__":
    serve() if "--serve" in sys.argv else main()
