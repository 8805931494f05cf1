"""Final and provisional figures: the dashboard, the report and the workbook say how many
communes approved the period, and a period every commune approved is final."""

import io

import openpyxl
import pytest

from apps.approvals import services
from apps.core.periods import Month
from apps.indicators.approval import approval_status
from apps.indicators.area import Period
from tests.approvals.conftest import OCTOBER
from tests.conftest import TODAY, make_user
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
