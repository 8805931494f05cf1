"""The dashboard on the full demo district: server time, queries and time in the database.

    .venv/bin/python bench/dashboard.py [--runs 15] [--province 10]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tocdp_bench .venv/bin/python bench/dashboard.py

Builds the demo district on the configured database if it is empty (with
--province N, N districts: a province), then prints for the district dashboard, a commune
dashboard, the district's report, its ten-year range and its workbook the median server
time over the runs, the number of SQL queries, the median time those queries took in the
database, and the ratio of the two.
"""

import argparse
import io
import os
import tempfile
import uuid
from pathlib import Path

from common import (
    database_label,
    ensure_demo_district,
    machine_pace,
    measure,
    run_worker,
    setup_django,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--province", type=int, default=1, help="Districts to build (default 1).")
    parser.add_argument(
        "--no-roster", action="store_true", help="Leave out the district roster as a task."
    )
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS_URL", ""),
        help="Also measure the pages with the figure cache in this Redis (redis://…).",
    )
    options = parser.parse_args()
    setup_django()
    ensure_demo_district(districts=options.province)

    from django.db.models import Count
    from django.test import Client, RequestFactory
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.hierarchy.models import Commune, District, Group
    from apps.indicators.views import workbook_file

    district = District.objects.order_by("pk").first()
    commune = (
        Commune.objects.filter(district=district)
        .annotate(n=Count("hamlets__groups"))
        .order_by("-n")
        .first()
    )
    print(
        f"database: {database_label()}; {District.objects.count()} district(s), "
        f"{Group.objects.count():,} groups in all; runs {options.runs}; {machine_pace()}"
    )
    steering = User.objects.get(username="huyen")
    year = timezone.localdate().year
    pages = [
        ("district dashboard", f"/chi-tieu/huyen/{district.pk}/"),
        (f"commune dashboard ({commune.name}, {commune.n} groups)", f"/chi-tieu/xa/{commune.pk}/"),
        ("district report", f"/chi-tieu/huyen/{district.pk}/bao-cao/"),
        # The longest span a page shows: ten years side by side, the slowest page there is.
        ("district, ten years", f"/chi-tieu/huyen/{district.pk}/?tu={year - 9}&den={year}"),
        # Every unit of the district, one sheet per level: fewer runs, it takes longer.
        # (the worker's part of the download: apps.indicators.exports).
        ("district workbook (.xlsx)", f"/chi-tieu/huyen/{district.pk}/excel/"),
    ]
    client = Client()
    client.force_login(steering)

    def workbook() -> None:
        request = RequestFactory().get("/")
        request.user = steering
        built, _name = workbook_file(request, "district", district_id=district.pk)
        built.save(io.BytesIO())

    for label, url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        runs = min(options.runs, 5) if url.endswith("/excel/") else options.runs
        ask = workbook if url.endswith("/excel/") else (lambda u=url: client.get(u))
        median, queries, in_sql, timer = measure(ask, runs)
        print(
            f"{label}: median {median:.1f} ms, {queries} queries, {in_sql:.1f} ms in the "
            f"database ({median / in_sql:.2f} times the database's time; Django's own query "
            f"timer: {timer:.1f} ms)"
        )
    if options.redis:
        with_figure_cache(client, pages[:3], options.redis, options.runs)
    if not options.no_roster:
        roster_as_a_task(district)
    print(machine_pace())


def with_figure_cache(client, pages: list, redis_url: str, runs: int) -> None:
    """The same pages read again with the figure cache on (apps.indicators.figure_cache),
    nothing written between the requests: what a committee browsing its dashboards gets
    between two saves. The first request counts and keeps; the median is of the reads."""
    from django.test import override_settings

    shared = {
        "BACKEND": "django_redis.cache.RedisCache",  # as tocdp/settings.py makes it
        "LOCATION": redis_url,
        "KEY_PREFIX": f"tocdp-bench-{uuid.uuid4().hex[:8]}",  # nothing kept from before
    }
    with override_settings(CACHES={"default": shared}, FIGURE_CACHE=True):
        for label, url in pages:
            client.get(url)
            median, queries, in_sql, _timer = measure(lambda u=url: client.get(u), runs)
            print(
                f"{label}, figure cache (Redis): median {median:.1f} ms, {queries} queries, "
                f"{in_sql:.1f} ms in the database"
            )


def roster_as_a_task(district) -> None:
    """The district's roster file as users get it: queued, then made by the worker command
    in a process of its own (its wall time includes Django's start-up)."""
    from apps.accounts.models import User
    from apps.jobs.exports import export_start
    from apps.jobs.models import Job

    # The worker writes the file under its MEDIA_ROOT; set before it starts.
    media = Path(os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="tocdp-bench-")))
    job = export_start(
        owner=User.objects.get(username="admin"),
        unit=district,
        kind="roster_export",
        title="bench",
        handler="apps.imports.roster_jobs.export",
    )
    seconds, peak = run_worker()
    job.refresh_from_db()
    if job.state != Job.State.DONE:
        raise SystemExit(f"the roster job failed: {job.error}")
    size = (media / job.file.name).stat().st_size / 1024 / 1024
    print(
        f"district roster (.xlsx) as a task: {seconds:.1f} s by the worker, peak {peak:.0f} MB, "
        f"{size:.1f} MB file, {job.progress}"
    )


if __name__ == "__main__":
    main()
