"""Meeting pages on the full demo district: server time, queries and page weight.

    .venv/bin/python bench/meetings.py [--runs 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tocdp_bench .venv/bin/python bench/meetings.py

Prints the median server time of the month status page for a commune official
(the commune with the most groups) and for the district steering committee,
the meeting form for a group leader, their SQL query counts, and the bytes the
meeting form transfers with its stylesheet and script (uncompressed).
"""

import argparse
import os

from common import database_label, ensure_demo_district, measure, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    setup_django()
    ensure_demo_district()

    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.db.models import Count
    from django.test import Client

    from apps.accounts.models import User
    from apps.core.periods import Month
    from apps.hierarchy.models import Commune, Group

    settings.DEBUG = False
    month = Month.current()
    commune = Commune.objects.annotate(n=Count("hamlets__groups")).order_by("-n").first()
    group = Group.objects.filter(hamlet__commune=commune, status="active").first()
    print(f"database: {database_label()}; month {month.label}; runs {runs}")
    pages = [
        (
            f"status page, commune official ({commune.name}, {commune.n} groups)",
            User.objects.get(username=f"xa-{commune.code}"),
            "/sinh-hoat/",
        ),
        (
            "status page, district steering committee (all groups, page 1)",
            User.objects.get(username="huyen"),
            "/sinh-hoat/",
        ),
        (
            "meeting form, group leader",
            User.objects.get(username=f"to-{group.code}"),
            f"/sinh-hoat/to/{group.pk}/{month.year}/{month.month}/",
        ),
    ]
    for label, user, url in pages:
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        median, queries, in_sql, _ = measure(lambda c=client, u=url: c.get(u), runs)
        print(f"{label}: median {median:.1f} ms, {queries} queries, {in_sql:.1f} ms in SQL")
    html = len(response.content)
    assets = sum(os.path.getsize(finders.find(name)) for name in ("css/site.css", "js/forms.js"))
    print(
        f"meeting form weight: {html:,} bytes HTML + {assets:,} bytes CSS/JS = "
        f"{html + assets:,} bytes (limit 100,000)"
    )


if __name__ == "__main__":
    main()
