"""The dashboard's charts drawn for a phone, and their numbers as a table ("Xem số liệu")."""

import datetime
import re

import pytest

from tests.factories import MeetingFactory

pytestmark = pytest.mark.usefixtures("today")
OCT = datetime.date(2026, 10, 1)


def _svg_sizes(svg: str) -> tuple[int, list[int]]:
    width = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    return width, [int(n) for n in re.findall(r"font-size:(\d+)px", svg)]


def test_a_phone_gets_the_chart_drawn_for_its_width(client, world, steering_user):
    client.force_login(steering_user)
    page = client.get(f"/chi-tieu/huyen/{world.district.pk}/?nam=2026").content.decode()
    narrow = re.findall(r'<source media="\(max-width: 40rem\)" srcset="([^"]+)"', page)
    assert len(narrow) == 3 and all("kho=hep" in url and "nam=2026" in url for url in narrow)
    wide_svg = client.get(narrow[0].replace("&amp;", "&").replace("kho=hep", "")).content
    wide, _sizes = _svg_sizes(wide_svg.decode())
    phone, sizes = _svg_sizes(client.get(narrow[0].replace("&amp;", "&")).content.decode())
    assert (wide, phone) == (640, 320)
    # Shown about 310 px wide on a 360 px screen, the smallest text keeps 12 px or more.
    assert min(s for s in sizes if s > 1) * 310 / phone >= 12


def test_the_numbers_of_a_chart_as_a_table(client, world, steering_user):
    MeetingFactory(group=world.a.group, month=OCT, recorded_on=datetime.date(2026, 11, 3))
    client.force_login(steering_user)
    page = client.get(f"/chi-tieu/huyen/{world.district.pk}/?nam=2026&thang=2026-10")
    html = page.content.decode()
    assert html.count("<summary>Xem số liệu</summary>") == 3
    link = re.search(r'data-table="([^"]*/meetings/so-lieu/[^"]*)"', html)
    table = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "<caption>Tỷ lệ tổ sinh hoạt hằng tháng — Huyện Cao Lãnh</caption>" in table
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td><td>([^<]+)</td>', table)
    assert len(rows) == 12 and rows[0][0] == "11/25" and rows[-1][0] == "10/26"
    assert rows[-1][1:] == ("50,00 %", "100,00 %")  # one of two groups met, in time
    # No meeting in 11/2025: none met (0 %), and "on time" has nothing to count: no value.
    assert rows[0][1:] == ("0,00 %", "chưa có số liệu")


def test_the_table_follows_the_scope(client, world, commune_a_official):
    client.force_login(commune_a_official)
    own = f"/chi-tieu/xa/{world.a.commune.pk}/bieu-do/petitions/so-lieu/"
    assert client.get(own).status_code == 200
    other = f"/chi-tieu/xa/{world.b.commune.pk}/bieu-do/petitions/so-lieu/"
    assert client.get(other).status_code == 404
    assert (
        client.get(f"/chi-tieu/xa/{world.a.commune.pk}/bieu-do/nothing/so-lieu/").status_code == 404
    )
