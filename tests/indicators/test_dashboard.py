"""The dashboard, report and workbook pages: content, drill-down, scope and query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Scope
from tests.conftest import make_user
from tests.factories import (
    GroupFactory,
    GroupRoleFactory,
    HamletFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    PetitionFactory,
)
from tests.indicators.conftest import OCT, led_met_and_assessed
from tests.pages import card, page_text

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def data(world):
    led_met_and_assessed(world.a.group)
    HouseholdAssessmentFactory(household=HouseholdFactory(group=world.b.group), year=2026)
    PetitionFactory(
        group=world.b.group, raised_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 9, 16)
    )
    return world


def test_district_dashboard_for_the_steering_committee(client, data, steering_user):
    client.force_login(steering_user)
    assert client.get("/chi-tieu/").url == f"/chi-tieu/huyen/{data.district.pk}/"
    # The start page keeps the year and month asked for.
    assert (
        client.get("/chi-tieu/?nam=2025&thang=2025-03").url
        == f"/chi-tieu/huyen/{data.district.pk}/?nam=2025&thang=2025-03"
    )
    response = client.get(f"/chi-tieu/huyen/{data.district.pk}/?nam=2026&thang=2026-10")
    page = response.content.decode()
    assert "Tổ đã sinh hoạt trong tháng 50,00 % 1/2" in card(page, "meetings")
    assert card(page, "cultural_families").startswith("Gia đình văn hóa 80,00 % 4/5")
    assert card(page, "petitions_overdue") == "Kiến nghị quá hạn 1"
    charts = re.findall(r'<img src="([^"]+\.svg[^"]*)"', page)
    assert len(charts) == 3
    for url in charts:
        response = client.get(url.replace("&amp;", "&"))
        assert response["Content-Type"].startswith("image/svg+xml")
        svg = response.content.decode()
        assert "<svg" in svg and "<script" not in svg  # drawn on the server, nothing runs
    assert (
        "Tỷ lệ tổ sinh hoạt hằng tháng"
        in client.get(charts[0].replace("&amp;", "&")).content.decode()
    )
    # A province's communes include wards (phường), as a city's did before 2025.
    assert "<h2>Xã, phường, thị trấn</h2>" in page
    rows = re.findall(r'<td><a href="/chi-tieu/xa/(\d+)/[^"]*">([^<]+)</a></td>', page)
    assert rows == [
        (str(data.a.commune.pk), "Xã Bình Thạnh"),
        (str(data.b.commune.pk), "Xã Mỹ Hội"),
    ]
    # Groups without a meeting last month, named (10/2026): commune B's.
    assert "Tổ Mỹ Hội" in page.split("Tổ chưa sinh hoạt tháng 10/2026")[1].split("</section>")[0]
    # The gaps are today's, whatever year is shown, and say so.
    earlier = client.get(f"/chi-tieu/huyen/{data.district.pk}/?nam=2025").content.decode()
    assert "Tổ và kiến nghị tính đến hôm nay, 18/11/2026." in earlier
    assert "Tổ chưa sinh hoạt tháng 10/2026" in earlier


def test_sorting_the_child_table(client, data, steering_user):
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{data.district.pk}/?nam=2026&thang=2026-10"

    def names(query):
        page = client.get(url + query).content.decode()
        return re.findall(r'<td><a href="/chi-tieu/xa/\d+/[^"]*">([^<]+)</a>', page)

    assert names("&sap=-overdue") == ["Xã Mỹ Hội", "Xã Bình Thạnh"]
    # Screen readers are told which column orders the table, and which way.
    page = client.get(url + "&sap=-overdue").content.decode()
    assert re.findall(r'<th aria-sort="(\w+)"><a[^>]*>([^<▲▼]+?) [▲▼]', page) == [
        ("descending", "Kiến nghị quá hạn")
    ]
    assert names("&sap=overdue") == ["Xã Bình Thạnh", "Xã Mỹ Hội"]
    assert names("&sap=nonsense") == ["Xã Bình Thạnh", "Xã Mỹ Hội"]


def test_drilling_down_and_scope(client, data, commune_a_official):
    client.force_login(commune_a_official)
    assert client.get("/chi-tieu/").url == f"/chi-tieu/xa/{data.a.commune.pk}/"
    page = client.get(f"/chi-tieu/xa/{data.a.commune.pk}/").content.decode()
    assert f'href="/chi-tieu/ap/{data.a.hamlet.pk}/' in page
    assert f'href="/chi-tieu/huyen/{data.district.pk}/' not in page  # not theirs to open
    assert client.get(f"/chi-tieu/ap/{data.a.hamlet.pk}/").status_code == 200
    assert client.get(f"/chi-tieu/to/{data.a.group.pk}/").status_code == 200
    for url in (
        f"/chi-tieu/huyen/{data.district.pk}/",
        f"/chi-tieu/xa/{data.b.commune.pk}/",
        f"/chi-tieu/xa/{data.b.commune.pk}/bao-cao/",
        f"/chi-tieu/xa/{data.b.commune.pk}/excel/",
        f"/chi-tieu/to/{data.b.group.pk}/",
    ):
        assert client.get(url).status_code == 404, url


def test_group_leader_sees_their_group_only(client, data, group_a_leader):
    client.force_login(group_a_leader)
    assert client.get("/chi-tieu/").url == f"/chi-tieu/to/{data.a.group.pk}/"
    assert client.get(f"/chi-tieu/ap/{data.a.hamlet.pk}/").status_code == 404


def test_the_printable_report(client, data, steering_user):
    client.force_login(steering_user)
    page = client.get(f"/chi-tieu/huyen/{data.district.pk}/bao-cao/?nam=2026").content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page
    assert "ỦY BAN NHÂN DÂN HUYỆN CAO LÃNH" in page
    labels = re.findall(r"<tr><td>\d+</td><td>([^<]+)", page)
    assert labels[:3] == [
        "Tổ đã thành lập (đang hoạt động / kế hoạch hoặc đang hoạt động)",
        "Xã có ban chỉ đạo",
        "Ấp, khóm có ban vận động",
    ]
    assert labels[-1] == "Xã đạt chuẩn văn hóa"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("level", ["huyen", "xa", "ap"])
def test_query_count_is_the_same_for_2_and_40_groups(client, data, steering_user, level):
    client.force_login(steering_user)
    unit = {"huyen": data.district, "xa": data.a.commune, "ap": data.a.hamlet}[level]
    urls = [f"/chi-tieu/{level}/{unit.pk}/", f"/chi-tieu/{level}/{unit.pk}/bao-cao/"]
    few = [_queries(client, url) for url in urls]
    for n in range(38):
        hamlet = data.a.hamlet if n % 3 else HamletFactory(commune=data.a.commune)
        group = GroupFactory(hamlet=hamlet)
        MeetingFactory(group=group, month=OCT)
        GroupRoleFactory(group=group)
    assert [_queries(client, url) for url in urls] == few
    assert make_user(Scope.Role.STEERING, data.district)  # more users change nothing either


def test_cards_show_the_change_from_the_period_before(client, data, steering_user):
    """2026: 4 of 5 households cultural (80 %); 2025: 1 of 2 (50 %). Groups that met:
    1 of 2 in 10/2026, none in 09/2026."""
    for n in range(2):
        HouseholdAssessmentFactory(
            household=HouseholdFactory(group=data.a.group), year=2025, cultural_family=n == 0
        )
    client.force_login(steering_user)
    page = client.get(f"/chi-tieu/huyen/{data.district.pk}/?nam=2026&thang=2026-10")
    page = page.content.decode()
    assert card(page, "cultural_families").endswith("+30,00 điểm %")
    assert card(page, "meetings").endswith("+50,00 điểm %")
    assert "điểm %" not in card(page, "petitions_overdue")  # a count: no change


def _hamlets_gap(page: str) -> str:
    match = re.search(r'<section class="panel gap" id="gap-hamlets">(.*?)</section>', page, re.S)
    return page_text(match.group(1)) if match else ""


def test_hamlets_below_the_share_say_when_the_year_has_no_assessments(client, data, steering_user):
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{data.district.pk}/"
    # 2026: the district's share is 80 %; hamlet A has 75 %, hamlet B none assessed as cultural.
    listed = _hamlets_gap(client.get(f"{url}?nam=2026").content.decode())
    assert listed.startswith(
        "Ấp, khóm có tỷ lệ gia đình văn hóa thấp hơn của huyện năm 2026 (80,00 %)"
    )
    # 2025 has no assessments yet: the list says so instead of disappearing.
    empty = _hamlets_gap(client.get(f"{url}?nam=2025").content.decode())
    assert "Huyện chưa có kết quả bình xét gia đình năm 2025" in empty
    # A province's page measures its hamlets against the province.
    data.district.kind = "province"
    data.district.save(update_fields=["kind"])
    listed = _hamlets_gap(client.get(f"{url}?nam=2026").content.decode())
    assert listed.startswith("Ấp, khóm có tỷ lệ gia đình văn hóa thấp hơn của tỉnh năm 2026")
    empty = _hamlets_gap(client.get(f"{url}?nam=2025").content.decode())
    assert "Tỉnh chưa có kết quả bình xét gia đình năm 2025" in empty


def _years_offered(page: str) -> tuple[list[str], list[str]]:
    select = re.search(r'<select id="nam" name="nam">(.*?)</select>', page, re.S).group(1)
    offered = re.findall(r'<option value="(\d+)"', select)
    selected = re.findall(r'<option value="(\d+)" selected', select)
    return offered, selected


def test_the_year_selector_offers_every_year_since_the_first_with_data(client, data, steering_user):
    """The groups of `data` were planned in 2019; a group planned in 2008 with households
    assessed that year takes the selector back to 2008, and ?nam=2008 keeps 2008 chosen."""
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{data.district.pk}/"
    offered, selected = _years_offered(client.get(url).content.decode())
    assert offered == [str(year) for year in range(2026, 2018, -1)]
    assert selected == ["2026"]
    # A year before the first with data asked for in the address is still the one shown.
    offered, selected = _years_offered(client.get(f"{url}?nam=2010").content.decode())
    assert offered[-1] == "2010" and selected == ["2010"]
    queries = _queries(client, f"{url}?nam=2026")
    old = GroupFactory(
        hamlet=data.a.hamlet,
        planned_on=datetime.date(2008, 3, 1),
        activated_on=datetime.date(2008, 4, 1),
    )
    HouseholdAssessmentFactory(household=HouseholdFactory(group=old), year=2008)
    page = client.get(f"{url}?nam=2008").content.decode()
    offered, selected = _years_offered(page)
    assert offered == [str(year) for year in range(2026, 2007, -1)]
    assert selected == ["2008"]
    assert "Số liệu năm 2008; sinh hoạt tổ tháng 12/2008" in page
    # Eleven more years to offer, not one more query.
    assert _queries(client, f"{url}?nam=2026") == queries


def test_a_chart_with_nothing_to_draw_says_so_in_the_page_language(client, world, superuser):
    """The yearly chart of a district with no assessment yet: its picture says "chưa có số
    liệu" at the size of its other text, as the cards do, not the drawing library's own
    words in a headline size."""
    client.force_login(superuser)
    for width in ("", "&kho=hep"):
        url = f"/chi-tieu/huyen/{world.district.pk}/bieu-do/yearly.svg?nam=2026{width}"
        svg = client.get(url).content.decode()
        assert "No data" not in svg
        size = re.search(r"\.no_data\{[^}]*font-size:(\d+)px", svg.replace(" ", ""))
        assert "chưa có số liệu" in svg and size and int(size.group(1)) <= 16
