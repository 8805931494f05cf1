"""Final and provisional figures: the dashboard, the report and the workbook say how many
communes approved the period, and a period every commune approved is final."""

import datetime
import io
import re

import openpyxl
import pytest
from django.utils import timezone

from apps.approvals import services
from apps.approvals.models import MonthApproval
from apps.core.periods import Month, Quarter
from apps.hierarchy.placements import move
from apps.indicators.approval import Approved, approval_status, span_approval_status, span_months
from apps.indicators.area import Period
from apps.indicators.spans import quarter_span, years_span
from tests.approvals.conftest import OCTOBER
from tests.conftest import TODAY, make_user
from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    MonthApprovalFactory,
    YearApprovalFactory,
)
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")
QUERY = "?nam=2025&thang=2025-10"
PERIOD = Period(2025, Month(2025, 10), TODAY)


def _approve_all(world, month: Month, year: int) -> None:
    for area in (world.a, world.b):
        official = make_user("commune", area.commune)
        services.month_approve(unit=area.commune, month=month, reason="Bão lũ", user=official)
        services.year_approve(commune=area.commune, year=year, reason="", user=official)


def test_the_status_is_counted_in_one_query(world, django_assert_num_queries):
    official = make_user("commune", world.a.commune)
    services.month_approve(unit=world.a.commune, month=Month(2025, 10), reason="x", user=official)
    with django_assert_num_queries(1):
        status = approval_status(world.district, PERIOD)
    assert (status.month.approved, status.month.total) == (1, 2)
    assert (status.year.approved, status.year.total) == (0, 2)
    assert not status.final
    with django_assert_num_queries(1):
        group = approval_status(world.a.group, PERIOD)
    assert (group.month.approved, group.month.total) == (1, 1)
    assert (approval_status(world.b.hamlet, PERIOD).month.approved) == 0


def test_the_dashboard_marks_provisional_figures_until_every_commune_approves(
    client, world, steering_user
):
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{world.district.pk}/{QUERY}"
    page = client.get(url).content.decode()
    assert "Số liệu tạm" in page and "10/2025: 0/2 xã đã duyệt" in page
    _approve_all(world, Month(2025, 10), 2025)
    page = client.get(url).content.decode()
    assert "Số liệu tạm" not in page
    assert "Số liệu chính thức: tháng 10/2025 và năm 2025 đã được tất cả các xã duyệt." in page
    # Another month of the same year is still provisional.
    page = client.get(f"/chi-tieu/huyen/{world.district.pk}/?nam=2025&thang=2025-09").content
    assert "09/2025: 0/2 xã đã duyệt" in page.decode()


def test_the_report_of_a_fully_approved_period_says_so(client, world, steering_user):
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{world.district.pk}/bao-cao/{QUERY}"
    assert "Số liệu tạm" in client.get(url).content.decode()
    _approve_all(world, Month(2025, 10), 2025)
    page = client.get(url).content.decode()
    assert "Số liệu chính thức" in page and "Số liệu tạm" not in page


def test_the_workbook_says_whether_its_figures_are_final(client, world, steering_user):
    client.force_login(steering_user)
    official = make_user("commune", world.a.commune)
    services.month_approve(unit=world.a.commune, month=Month(2025, 10), reason="x", user=official)
    response = download(client, f"/chi-tieu/huyen/{world.district.pk}/excel/{QUERY}")
    info = {
        row[0]: row[1]
        for row in openpyxl.load_workbook(io.BytesIO(response.content))["Thông tin"].iter_rows(
            values_only=True
        )
    }
    assert info["Số liệu của tháng"] == "số liệu tạm: 1/2 xã đã duyệt"
    assert info["Số liệu của năm"] == "số liệu tạm: 0/2 xã đã duyệt"


def test_an_unlocked_month_is_provisional_again(world):
    official = make_user("commune", world.a.commune)
    approval = services.month_approve(
        unit=world.a.commune, month=OCTOBER, reason="x", user=official
    )
    period = Period(2026, OCTOBER, TODAY)
    assert approval_status(world.a.commune, period).month.final
    services.approval_unlock(approval=approval, reason="Sửa", user=official)
    assert not approval_status(world.a.commune, period).month.final


def test_a_month_is_counted_over_the_communes_of_its_own_end(world, client, superuser):
    """A month's approvals are asked of the communes the area held at the month's end, as
    its meeting figures read it: a commune that left in June still counts in March, and a
    hamlet moved in June still answers to its old commune for March."""
    march, july = (Period(2026, Month(2026, n), TODAY) for n in (3, 7))
    other = DistrictFactory()
    official = make_user("commune", world.b.commune)
    services.month_approve(unit=world.b.commune, month=march.month, reason="x", user=official)
    move(world.b.commune, other, datetime.date(2026, 6, 1))
    move(world.a.hamlet, world.b.commune, datetime.date(2026, 6, 1))

    assert approval_status(world.district, march).month == Approved(1, 2)
    assert approval_status(other, march).month == Approved(0, 0)
    assert approval_status(world.a.hamlet, march).month == Approved(0, 1)
    # The year's assessments and the months from June: the communes of the year's end.
    assert approval_status(world.district, march).year == Approved(0, 1)
    assert approval_status(other, march).year == Approved(0, 1)
    assert approval_status(world.district, july).month == Approved(0, 1)
    assert approval_status(world.a.hamlet, july).month == Approved(0, 1)
    # A month in which the area held no commune asks nothing: the year alone decides.
    client.force_login(superuser)
    other_march = f"/chi-tieu/huyen/{other.pk}/?nam=2026&thang=2026-03"
    page = client.get(other_march).content.decode()
    assert "Tháng 03/2026: địa bàn chưa có xã nào; Năm 2026: 0/1 xã đã duyệt" in page
    services.year_approve(commune=world.b.commune, year=2026, reason="", user=official)
    assert approval_status(other, march).final
    page = client.get(other_march).content.decode()
    assert "Số liệu chính thức: năm 2026 đã được tất cả các xã duyệt." in page
    page = client.get(f"/chi-tieu/huyen/{world.district.pk}/?nam=2026&thang=2026-03")
    assert "Tháng 03/2026: 1/2 xã đã duyệt; Năm 2026: 0/1 xã đã duyệt" in page.content.decode()


# Ranges and quarters: a commune has approved a span when it approved each of its months
# and each of its years' assessments (apps.indicators.approval).
Q3 = "?quy=2025-Q3"


def _approve_span(commune, months: list[Month], years: list[int]) -> None:
    for month in months:
        MonthApprovalFactory(commune=commune, month=month.first_day)
    for year in years:
        YearApprovalFactory(commune=commune, year=year)


def _status_text(page: str) -> str:
    found = re.search(r'<p class="period[^"]*" id="approval-status">(.*?)</p>', page, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(1))).strip()


def test_the_months_of_a_span_run_to_its_last_day_or_today():
    quarter = quarter_span(Quarter(2025, 3), TODAY, TODAY)
    assert span_months(quarter) == [Month(2025, 7), Month(2025, 8), Month(2025, 9)]
    years = span_months(years_span(2024, 2025, TODAY))
    assert (len(years), years[0], years[-1]) == (24, Month(2024, 1), Month(2025, 12))
    running = span_months(years_span(2025, 2026, TODAY))
    assert running[-1] == Month(2026, 11)  # today's month: not over, so never approved yet


def test_a_quarter_is_final_only_when_every_commune_approved_each_month_and_the_year(
    world, django_assert_num_queries
):
    span = quarter_span(Quarter(2025, 3), TODAY, TODAY)
    months = span_months(span)
    with django_assert_num_queries(1):
        assert span_approval_status(world.district, span) == Approved(0, 2)
    _approve_span(world.a.commune, months[:2], [2025])  # September missing
    assert span_approval_status(world.district, span) == Approved(0, 2)
    _approve_span(world.a.commune, months[2:], [])
    assert span_approval_status(world.district, span) == Approved(1, 2)
    _approve_span(world.b.commune, months, [])  # the year's assessments not approved
    assert span_approval_status(world.district, span) == Approved(1, 2)
    YearApprovalFactory(commune=world.b.commune, year=2025)
    status = span_approval_status(world.district, span)
    assert status == Approved(2, 2) and status.final
    assert span_approval_status(world.a.hamlet, span) == Approved(1, 1)
    # A hamlet's approval or an unlocked one does not count.
    MonthApproval.objects.filter(commune=world.b.commune, month=months[1].first_day).update(
        unlocked_at=timezone.now()
    )
    MonthApprovalFactory(commune=world.b.commune, hamlet=world.b.hamlet, month=months[1].first_day)
    assert span_approval_status(world.district, span) == Approved(1, 2)


def test_a_commune_is_asked_only_for_the_months_and_years_it_existed(
    world, django_assert_num_queries
):
    """A commune founded in March 2025 has approved 2024-2025 with its ten months and 2025."""
    late = CommuneFactory(district=world.district, started_on=datetime.date(2025, 3, 15))
    span = years_span(2024, 2025, TODAY)
    months = span_months(span)
    _approve_span(world.a.commune, months, [2024, 2025])
    _approve_span(world.b.commune, months[:-1], [2024, 2025])  # December 2025 missing
    _approve_span(late, months[14:], [2025])
    for years in (2, 10):
        wide = years_span(2026 - years, 2025, TODAY)
        with django_assert_num_queries(1):  # whatever the span's length
            span_approval_status(world.district, wide)
    assert span_approval_status(world.district, span) == Approved(2, 3)
    MonthApprovalFactory(commune=world.b.commune, month=datetime.date(2025, 12, 1))
    assert span_approval_status(world.district, span).final


def test_the_pages_and_workbook_of_a_quarter_say_provisional_then_final(
    client, world, steering_user
):
    client.force_login(steering_user)
    base = f"/chi-tieu/huyen/{world.district.pk}"
    months = span_months(quarter_span(Quarter(2025, 3), TODAY, TODAY))
    _approve_span(world.a.commune, months, [2025])
    for page in ("/", "/bao-cao/"):
        text = _status_text(client.get(f"{base}{page}{Q3}").content.decode())
        assert text.startswith("Số liệu tạm — Quý III/2025: 1/2 xã đã duyệt trọn kỳ.")
        assert "đã duyệt mọi tháng trong kỳ và kết quả bình xét của từng năm" in text
    info = _info(download(client, f"{base}/excel/{Q3}"))
    assert info["Số liệu của kỳ"] == "số liệu tạm: 1/2 xã đã duyệt"
    _approve_span(world.b.commune, months, [2025])
    for page in ("/", "/bao-cao/"):
        html = client.get(f"{base}{page}{Q3}").content.decode()
        assert "Số liệu tạm" not in html
        assert _status_text(html).startswith(
            "Số liệu chính thức: Quý III/2025 đã được tất cả các xã (2) duyệt."
        )
    info = _info(download(client, f"{base}/excel/{Q3}"))
    assert info["Số liệu của kỳ"] == "số liệu chính thức: cả 2 xã đã duyệt"


def test_a_range_of_years_is_marked_like_a_quarter(client, world, steering_user):
    client.force_login(steering_user)
    url = f"/chi-tieu/xa/{world.a.commune.pk}/?tu=2024&den=2025"
    text = _status_text(client.get(url).content.decode())
    assert text.startswith("Số liệu tạm — 2024\N{EN DASH}2025: 0/1 xã đã duyệt trọn kỳ.")
    _approve_span(world.a.commune, span_months(years_span(2024, 2025, TODAY)), [2024, 2025])
    text = _status_text(client.get(url).content.decode())
    final = "Số liệu chính thức: 2024\N{EN DASH}2025 đã được tất cả các xã (1) duyệt."
    assert text.startswith(final)


def _info(response) -> dict:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Thông tin"]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
