"""A renamed unit is named as it was called in the period shown, with today's name beside it
(apps.hierarchy.names): on its dashboard, in its parent's list, on its report and in the
workbooks, for a year and for a range of years (named as at the range's end)."""

import datetime
import io
import re

import openpyxl
import pytest

from apps.accounts.models import Scope
from apps.hierarchy import reorganise
from tests.conftest import make_user
from tests.pages import page_text
from tests.scenarios.pages import listed_units
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")
RENAMED_ON = datetime.date(2025, 7, 1)
OLD, NEW = "Xã Bình Thạnh", "Xã Bình Thạnh Mới"


@pytest.fixture
def admin(world):
    return make_user(Scope.Role.ADMIN, world.district)


@pytest.fixture
def renamed(world, admin):
    return reorganise.rename(world.a.commune, name=NEW, on=RENAMED_ON, by=admin)


def _heading(page: str) -> str:
    return page_text(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1))


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_year_before_the_rename_names_the_commune_as_it_was_then(
    client, world, admin, renamed, django_assert_max_num_queries
):
    client.force_login(admin)
    commune_2024 = _page(client, f"/chi-tieu/xa/{world.a.commune.pk}/?nam=2024")
    with django_assert_max_num_queries(40):
        district_2024 = _page(client, f"/chi-tieu/huyen/{world.district.pk}/?nam=2024")

    assert _heading(commune_2024) == f"{OLD} (nay là {NEW})"
    assert listed_units(district_2024) == [f"{OLD} (nay là {NEW})", "Xã Mỹ Hội"]


def test_the_year_of_the_rename_and_after_name_it_as_today(client, world, admin, renamed):
    client.force_login(admin)
    for year in (2025, 2026):
        assert _heading(_page(client, f"/chi-tieu/xa/{world.a.commune.pk}/?nam={year}")) == NEW
        district = _page(client, f"/chi-tieu/huyen/{world.district.pk}/?nam={year}")
        assert listed_units(district) == [NEW, "Xã Mỹ Hội"]


def test_the_report_of_a_year_before_the_rename_bears_the_name_of_then(
    client, world, admin, renamed
):
    client.force_login(admin)
    before = _page(client, f"/chi-tieu/xa/{world.a.commune.pk}/bao-cao/?nam=2024")
    after = _page(client, f"/chi-tieu/xa/{world.a.commune.pk}/bao-cao/?nam=2026")

    assert f"— {OLD}, năm 2024" in page_text(before) and NEW not in page_text(before)
    assert f"— {NEW}, năm 2026" in page_text(after)


def test_a_reversed_rename_leaves_the_old_name_everywhere(client, world, admin, renamed):
    reorganise.reverse(renamed, by=admin)
    client.force_login(admin)
    for year in (2024, 2026):
        assert _heading(_page(client, f"/chi-tieu/xa/{world.a.commune.pk}/?nam={year}")) == OLD


def test_a_name_is_escaped_on_the_page(client, world, admin):
    reorganise.rename(world.a.commune, name="Xã <b>Mới</b>", on=RENAMED_ON, by=admin)
    client.force_login(admin)
    page = _page(client, f"/chi-tieu/xa/{world.a.commune.pk}/?nam=2024")
    assert "Xã &lt;b&gt;Mới&lt;/b&gt;" in page and "<b>Mới</b>" not in page


def _sheets(client, url: str) -> dict[str, list[tuple]]:
    response = download(client, url)
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def _column(rows: list[tuple], header: str) -> list:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


def test_a_workbook_of_a_year_before_the_rename_names_the_commune_as_it_was_then(
    client, world, admin, renamed
):
    client.force_login(admin)
    before = _sheets(client, f"/chi-tieu/huyen/{world.district.pk}/excel/?nam=2024")
    after = _sheets(client, f"/chi-tieu/huyen/{world.district.pk}/excel/?nam=2026")
    own = _sheets(client, f"/chi-tieu/xa/{world.a.commune.pk}/excel/?nam=2024")

    then = f"{OLD} (nay là {NEW})"
    assert _column(before["Xã"], "Đơn vị") == [then, "Xã Mỹ Hội"]
    assert set(_column(before["Ấp, khóm"], "Xã")) == {then, "Xã Mỹ Hội"}
    assert set(_column(before["Tổ"], "Xã")) == {then, "Xã Mỹ Hội"}
    assert _column(after["Xã"], "Đơn vị") == [NEW, "Xã Mỹ Hội"]
    assert _column(own["Xã"], "Đơn vị") == [then]
    assert ("Đơn vị", OLD) in own["Thông tin"]


def test_a_range_is_named_as_at_its_end(client, world, admin, renamed):
    client.force_login(admin)
    commune = f"/chi-tieu/xa/{world.a.commune.pk}"
    ended_before = _page(client, f"{commune}/?tu=2023&den=2024")
    ended_after = _page(client, f"{commune}/?tu=2024&den=2026")
    district = _page(client, f"/chi-tieu/huyen/{world.district.pk}/?tu=2023&den=2024")
    report = _page(client, f"{commune}/bao-cao/?tu=2023&den=2024")
    sheets = _sheets(client, f"/chi-tieu/huyen/{world.district.pk}/excel/?tu=2023&den=2024")

    then = f"{OLD} (nay là {NEW})"
    assert _heading(ended_before) == f"{then} — 2023\u20132024"
    assert _heading(ended_after) == f"{NEW} — 2024\u20132026"
    assert listed_units(district) == [then, "Xã Mỹ Hội"]
    assert f"— {OLD}, " in page_text(report) and NEW not in page_text(report)
    [communes] = [rows for title, rows in sheets.items() if title.startswith("Xã ")]
    assert _column(communes, "Đơn vị") == [then, "Xã Mỹ Hội"]
