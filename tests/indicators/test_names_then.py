"""A renamed unit is named as it was called in the period shown, with today's name beside it
(apps.hierarchy.names): on its dashboard, in its parent's list and on its report."""

import datetime
import re

import pytest

from apps.accounts.models import Scope
from apps.hierarchy import reorganise
from tests.conftest import make_user
from tests.pages import page_text
from tests.scenarios.pages import listed_units

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
