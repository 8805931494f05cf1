"""A unit's dates and lineage on its dashboard, and the switch to today's map."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from tests.factories import MonthApprovalFactory
from tests.indicators.test_as_it_was import merge
from tests.pages import page_text
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")
D = datetime.date


def _text(page: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</p>', page, re.S)
    return page_text(match.group(1)) if match else ""


def _get(client, url: str, django_assert_max_num_queries, most: int) -> str:
    with django_assert_max_num_queries(most):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_merged_commune_shows_its_lineage_and_the_switch(
    client, world, admin_user, django_assert_max_num_queries
):
    merged = merge(world)
    client.force_login(admin_user)
    url = f"/chi-tieu/xa/{merged.pk}/?nam=2024"
    # Lineage: 2 queries; whether the year before stood the same: 1; the approvals: 1;
    # the names the units had then: 1; the namesakes of the hamlets its gap lists name: 1.
    page = _get(client, url, django_assert_max_num_queries, 36)
    formed = _text(page, "formed-from")
    assert formed.startswith("Hình thành từ:")
    assert "Xã Bình Thạnh (01/01/2025)" in formed and "Xã Mỹ Hội (01/01/2025)" in formed
    assert f'href="/chi-tieu/xa/{world.a.commune.pk}/"' in page
    assert _text(page, "unit-life") == "Xã · hình thành ngày 01/01/2025"
    assert "Số liệu theo địa giới lúc đó" in _text(page, "reading")
    switch = re.search(r'<a href="([^"]+)" id="map-switch">([^<]+)</a>', page)
    assert switch.group(2) == "Số liệu theo địa giới hiện nay"
    assert "ban-do=hien-tai" in switch.group(1) and "nam=2024" in switch.group(1)

    # Today's map: the predecessors, one query a generation and one to find none left, asked
    # once for the whole page (the figures, the children, the charts' links, the approvals).
    page = _get(client, url + "&ban-do=hien-tai", django_assert_max_num_queries, 36)
    assert _text(page, "reading").startswith("Số liệu theo địa giới hiện nay")
    assert 'name="ban-do" value="hien-tai"' in page  # the period form keeps the reading
    assert f"/chi-tieu/ap/{world.a.hamlet.pk}/" in page  # its hamlets of 2024, today's map
    charts = re.findall(r'<img src="([^"]+\.svg[^"]*)"', page)
    assert len(charts) == 3 and all("ban-do=hien-tai" in chart for chart in charts)
    for chart in charts:
        assert client.get(chart.replace("&amp;", "&")).status_code == 200
    report = _get(
        client,
        f"/chi-tieu/xa/{merged.pk}/bao-cao/?nam=2024&ban-do=hien-tai",
        django_assert_max_num_queries,
        26,
    )
    assert "Số liệu theo địa giới hiện nay" in _text(report, "reading")
    assert (
        download(client, f"/chi-tieu/xa/{merged.pk}/excel/?nam=2024&ban-do=hien-tai").status_code
        == 200
    )


def test_an_ended_commune_says_so_and_opens_on_its_last_year(
    client, world, admin_user, django_assert_max_num_queries
):
    merged = merge(world)
    client.force_login(admin_user)
    page = _get(client, f"/chi-tieu/xa/{world.a.commune.pk}/", django_assert_max_num_queries, 34)
    assert "Đã kết thúc ngày 31/12/2024" in _text(page, "unit-life")
    assert _text(page, "became") == "Đã trở thành: Xã Mới (01/01/2025)"
    assert f'href="/chi-tieu/xa/{merged.pk}/"' in page
    assert '<option value="2024" selected>' in page
    assert 'id="map-switch"' not in page  # nothing was merged into it
    assert "Số liệu theo địa giới lúc đó" in _text(page, "reading")


def test_the_top_unit_is_named_by_its_kind(client, world, admin_user):
    client.force_login(admin_user)
    url = f"/chi-tieu/huyen/{world.district.pk}/"
    assert _text(client.get(url).content.decode(), "unit-life").startswith("Huyện ·")
    world.district.kind = "province"
    world.district.save()
    assert _text(client.get(url).content.decode(), "unit-life").startswith("Tỉnh ·")
    world.district.kind = "city"
    world.district.save()
    assert _text(client.get(url).content.decode(), "unit-life").startswith("Thành phố ·")


def test_the_workbook_says_its_reading_and_names_the_top_unit_by_its_kind(
    client, world, admin_user
):
    merged = merge(world)
    world.district.kind = "province"
    world.district.save()
    client.force_login(admin_user)
    response = download(client, f"/chi-tieu/huyen/{world.district.pk}/excel/?nam=2024")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[1] == "Tỉnh"
    info = {row[0]: row[1] for row in workbook["Thông tin"].iter_rows(values_only=True)}
    assert info["Địa giới"] == "Số liệu theo địa giới lúc đó"
    response = download(client, f"/chi-tieu/xa/{merged.pk}/excel/?nam=2024&ban-do=hien-tai")
    workbook = load_workbook(io.BytesIO(response.content))
    info = {row[0]: row[1] for row in workbook["Thông tin"].iter_rows(values_only=True)}
    assert info["Địa giới"] == "Số liệu theo địa giới hiện nay"
    hamlets = [row[1] for row in workbook["Ấp, khóm"].iter_rows(min_row=2, values_only=True)]
    assert hamlets == [world.a.hamlet.name, world.b.hamlet.name]


def test_on_todays_map_the_predecessors_approvals_are_counted(client, world, admin_user):
    """A commune formed in 2025 read for 2024 on today's map: its two predecessors are the
    communes that approve (or not) that year's figures, not none."""
    merged = merge(world)
    MonthApprovalFactory(commune=world.a.commune, month=D(2024, 12, 1))
    client.force_login(admin_user)
    url = f"/chi-tieu/xa/{merged.pk}/?nam=2024&thang=2024-12"
    todays = client.get(url + "&ban-do=hien-tai").context["approval"]
    assert (todays.month.approved, todays.month.total) == (1, 2)
    assert (todays.year.approved, todays.year.total) == (0, 2)
    assert client.get(url).context["approval"].month.total == 0  # as it was: none yet
