"""A figure with nothing to count says so, a change needs both periods, and a yearly share
still being entered shows how complete it is: on the cards, the child table, the report,
the workbook and the charts."""

import io
import re

import openpyxl
import pytest

from apps.core.shares import Share
from tests.factories import (
    GroupAssessmentFactory,
    HamletAssessmentFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
)
from tests.pages import card, page_text
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def rated(world):
    """Group A rated safe in 2025 (of the district's 2 active groups); no group rated in
    2026. Hamlet A rated cultural in 2025 only. In 2026, 4 of group A's 6 households are
    assessed, 3 of them cultural families."""
    GroupAssessmentFactory(group=world.a.group, year=2025, safe=True)
    HamletAssessmentFactory(hamlet=world.a.hamlet, year=2025, safe=True, cultural=True)
    households = [HouseholdFactory(group=world.a.group) for _ in range(6)]
    for n, household in enumerate(households[:4]):
        HouseholdAssessmentFactory(household=household, year=2026, cultural_family=n < 3)
    return world


def _report_row(page: str, label: str) -> list[str]:
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        cells = [page_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if len(cells) > 1 and cells[1] == label:
            return cells[2:]
    raise AssertionError(f"no row {label}")


def test_a_share_with_nothing_to_count_has_no_value():
    assert Share(0, 0).percent is None
    assert Share(3, 4).percent is not None
    # Ratings: 2 active groups and none rated is "no data yet", not "no safe group".
    assert Share(0, 2, coverage=Share(0, 2)).percent is None
    assert Share(1, 2, coverage=Share(1, 2)).incomplete is True
    assert Share(1, 2, coverage=Share(2, 2)).incomplete is False
    # A change needs both periods.
    assert Share(1, 2).change_from(Share(0, 0)) is None
    assert Share(0, 0).change_from(Share(1, 2)) is None
    assert str(Share(1, 2).change_from(Share(1, 4))) == "25.00"


def test_cards_say_no_data_and_show_no_change_against_a_year_without_data(
    client, rated, steering_user
):
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{rated.district.pk}/"
    now = client.get(f"{url}?nam=2026").content.decode()
    # No group rated in 2026: no "0,00 %", and no change against 2025's 100 %.
    assert card(now, "safe_groups") == "Tổ an toàn chưa có số liệu"
    assert card(now, "cultural_hamlets") == "Ấp/khóm văn hóa chưa có số liệu"
    assert card(now, "cultural_communes") == "Xã đạt chuẩn văn hóa chưa có số liệu"
    # Households were assessed in 2026 and not in 2025: a value, but no change.
    assert card(now, "cultural_families").startswith("Gia đình văn hóa 75,00 % 3/4")
    assert "điểm %" not in card(now, "cultural_families")
    before = client.get(f"{url}?nam=2025").content.decode()
    # 2025 has ratings, 2024 none: a value with its coverage, and no change.
    assert card(before, "safe_groups") == "Tổ an toàn 50,00 % 1/2 đã xếp loại 1/2 tổ (50,00 %)"
    assert card(before, "cultural_families") == "Gia đình văn hóa chưa có số liệu"
    # The child table: commune B has no rating in 2025.
    cells = re.findall(r"<tr><td><a[^>]*>([^<]+)</a></td>(.*?)</tr>", before, re.S)
    safe_column = 6
    safe = {
        name: page_text(re.findall(r"<td>(.*?)</td>", row, re.S)[safe_column - 1])
        for name, row in cells
    }
    assert safe == {"Xã Bình Thạnh": "100,00 % 1/1", "Xã Mỹ Hội": "chưa có số liệu"}


def test_yearly_shares_show_their_coverage_while_being_assessed(client, rated, steering_user):
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{rated.district.pk}/"
    page = client.get(f"{url}?nam=2026").content.decode()
    assert card(page, "cultural_families") == (
        "Gia đình văn hóa 75,00 % 3/4 đã bình xét 4/6 hộ (66,67 %)"
    )
    report = client.get(f"{url}bao-cao/?nam=2026").content.decode()
    assert _report_row(report, "Gia đình văn hóa") == [
        "3",
        "4",
        "75,00 % đã bình xét 4/6 hộ (66,67 %)",
    ]
    # Nothing to count: the share says so, with no count of 0.
    assert _report_row(report, "Tổ an toàn") == ["", "2", "chưa có số liệu"]
    # Once every household is assessed, the share stands alone.
    for household in rated.a.group.households.filter(assessments__isnull=True):
        HouseholdAssessmentFactory(household=household, year=2026)
    page = client.get(f"{url}?nam=2026").content.decode()
    assert card(page, "cultural_families") == "Gia đình văn hóa 83,33 % 5/6"


def test_the_workbook_leaves_no_data_empty_and_writes_the_coverage(client, rated, steering_user):
    client.force_login(steering_user)
    response = download(client, f"/chi-tieu/huyen/{rated.district.pk}/excel/?nam=2026")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Huyện"]
    row = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=True))
    assert row["Tổ an toàn"] is None and row["Tổ an toàn (%)"] is None
    assert row["Tổ an toàn — trên tổng"] == 2
    assert (row["Số tổ đã xếp loại"], row["Tổ đang hoạt động"]) == (0, 2)
    assert row["Gia đình văn hóa (%)"] == 0.75
    assert (row["Số hộ đã bình xét"], row["Số hộ"]) == (4, 6)
    assert row["Số hộ đã bình xét (%)"] == 0.6667  # 66,67 %, rounded as everywhere
    assert row["Xã đạt chuẩn văn hóa"] is None
    # A year with no household assessed: no share, but how many households could be.
    response = download(client, f"/chi-tieu/huyen/{rated.district.pk}/excel/?nam=2025")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Huyện"]
    row = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=True))
    assert row["Gia đình văn hóa"] is None and row["Gia đình văn hóa (%)"] is None
    assert (row["Số hộ đã bình xét"], row["Số hộ"], row["Số hộ đã bình xét (%)"]) == (0, 6, 0)


def test_the_yearly_chart_leaves_a_year_without_ratings_out(client, rated, steering_user):
    """Cultural hamlets: 1 of 2 in 2025, none rated in 2026; households assessed only in
    2026 (all "3 không", 3 of 4 cultural). Each series has a point only where it has data."""
    client.force_login(steering_user)
    svg = client.get(f"/chi-tieu/huyen/{rated.district.pk}/bieu-do/yearly.svg?nam=2026")
    values = re.findall(r'<desc class="value">([^<]*)</desc>', svg.content.decode())
    assert values == ["100,00 %", "75,00 %", "50,00 %"]


@pytest.mark.parametrize("level", ["xa", "ap", "to"])
def test_lower_levels_say_no_data_too(client, rated, steering_user, level):
    unit = {"xa": rated.b.commune, "ap": rated.b.hamlet, "to": rated.b.group}[level]
    client.force_login(steering_user)
    page = client.get(f"/chi-tieu/{level}/{unit.pk}/?nam=2025").content.decode()
    assert card(page, "safe_groups") == "Tổ an toàn chưa có số liệu"
    assert card(page, "three_no") == "Hộ đạt “3 không” chưa có số liệu"
