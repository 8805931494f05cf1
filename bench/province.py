"""A province formed from ten demo districts: its page, and a district's pages before it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tocdp_bench_province \\
        .venv/bin/python bench/province.py [--runs 15] [--districts 10]

Builds the districts on the configured database if it is empty, then, once, ends every
district on 31 December of last year and places its communes under one province from 1
January, as the 2025 reform did (the reorganisation service, so records of this year
take the province's place). Prints the median server time and the queries of:
- the province's dashboard for this year (all the districts' communes, ~18,000 groups),
- its report,
- the first district's dashboard for last year (as it was: the district before its end).
Compare the last with bench/dashboard.py on one district alone for the cost of sharing
the tables with nine other districts.
"""

import argparse
import datetime

from common import (
    analyse,
    database_label,
    ensure_demo_district,
    machine_pace,
    measure,
    setup_django,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--districts", type=int, default=10)
    options = parser.parse_args()
    setup_django()
    ensure_demo_district(districts=options.districts)

    from django.test import Client
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.hierarchy.models import District, Group

    today = timezone.localdate()
    province = District.objects.filter(kind=District.Kind.PROVINCE).first() or _form_province(
        datetime.date(timezone.localdate().year, 1, 1)
    )
    first = District.objects.filter(kind=District.Kind.DISTRICT).order_by("pk").first()
    print(
        f"database: {database_label()}; a province of "
        f"{District.objects.filter(kind=District.Kind.DISTRICT).count()} former districts, "
        f"{Group.objects.count():,} groups; runs {options.runs}; {machine_pace()}"
    )
    client = Client()
    client.force_login(User.objects.get(username="tinh"))
    pages = [
        ("province dashboard (this year)", f"/chi-tieu/huyen/{province.pk}/"),
        ("province report (this year)", f"/chi-tieu/huyen/{province.pk}/bao-cao/"),
        (
            f"{first.name} dashboard (last year, as it was)",
            f"/chi-tieu/huyen/{first.pk}/?nam={today.year - 1}",
        ),
    ]
    for label, url in pages:  # the province's committee reads its former districts too
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        median, queries, in_sql, timer = measure(lambda u=url: client.get(u), options.runs)
        print(
            f"{label}: median {median:.1f} ms, {queries} queries, {in_sql:.1f} ms in the "
            f"database (Django's own query timer: {timer:.1f} ms)"
        )
    print(machine_pace())


def _form_province(reform: datetime.date):
    """Once: the districts end the day before `reform` and their communes go to a new
    province, all or nothing."""
    from django.db import transaction
    from django.db.models import Value
    from django.db.models.functions import Concat

    from apps.accounts.models import Scope, User
    from apps.hierarchy import reorganise
    from apps.hierarchy.models import District

    with transaction.atomic():
        admin = User.objects.get(username="admin")
        province = District.objects.create(
            code="82",
            name="Tỉnh Đồng Tháp",
            province="Tỉnh Đồng Tháp",
            kind=District.Kind.PROVINCE,
            started_on=reform,
        )
        for district in District.objects.filter(kind=District.Kind.DISTRICT).order_by("pk"):
            # The demo's districts reuse one set of commune codes; in one province they
            # must differ, as real codes do.
            district.communes.update(code=Concat(Value(f"{district.code}-"), "code"))
            reorganise.regroup(district, province=province, on=reform, by=admin)
        steering = User.objects.create(username="tinh", is_staff=True)
        Scope.objects.create(user=steering, role=Scope.Role.STEERING, district=province)
    analyse()
    return province


if __name__ == "__main__":
    main()
