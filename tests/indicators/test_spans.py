"""Periods of any length: a range of years and a quarter, on the dashboard, the report and
the workbook, each column read by the same code as its own year's (or month's) page."""

import datetime
import io
import re

import openpyxl
import pytest

from apps.hierarchy.models import Group
from apps.hierarchy.placements import move
from tests.factories import (
    GroupFactory,
    GroupRoleFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    OutreachSessionFactory,
    PetitionFactory,
)
from tests.pages import card, page_text, shown_value, summed
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")  # 18/11/2026
YEARS = [2008, 2009, 2010]
DASH = "\N{EN DASH}"  # between the years of a range


def _day(year: int, month: int, day: int = 10) -> datetime.date:
    return datetime.date(year, month, day)


@pytest.fixture
def past(world):
    """Three past years in both communes, each year different, with a petition of 2009
    closed only in 2010 (open at the end of its own year)."""
    groups = []
    for area in (world.a, world.b):
        group = GroupFactory(
            hamlet=area.hamlet, planned_on=_day(2007, 6, 1), activated_on=_day(2007, 7, 1)
        )
        groups.append(group)
        GroupRoleFactory(group=group, started_on=_day(2007, 7, 1))
    a, b = groups
    for n, year in enumerate(YEARS):
        for month in range(1, 4 + n):  # 3, 4 and 5 meetings of group A a year
            MeetingFactory(
                group=a,
                month=_day(year, month, 1),
                held_on=_day(year, month),
                recorded_on=_day(year, month, 12) if month % 2 else _day(year, month + 1, 20),
            )
        MeetingFactory(group=b, month=_day(year, 5, 1), held_on=_day(year, 5))
        for k in range(n + 1):
            OutreachSessionFactory(unit=a, held_on=_day(year, 3 + k), attendees=40 + k)
        OutreachSessionFactory(unit=world.b.commune, held_on=_day(year, 8), attendees=100)
        PetitionFactory(
            group=a,
            raised_on=_day(year, 2),
            due_on=_day(year, 3),
            state="resolved",
            closed_on=_day(year, 2, 20 + n),
        )
        PetitionFactory(group=b, raised_on=_day(year, 6), due_on=_day(year, 7))  # never closed
        for k in range(2 + n):
            HouseholdAssessmentFactory(
                household=HouseholdFactory(group=a), year=year, cultural_family=k % 2 == 0
            )
    PetitionFactory(
        group=a,
        raised_on=_day(2009, 11),
        due_on=_day(2009, 12),
        state="resolved",
        closed_on=_day(2010, 1, 15),
    )
    return world


def _cells(page: str, key: str) -> list[str]:
    """The cells of an indicator's row in the span table: each column, then the total."""
    row = re.search(rf'<tr id="line-{key}">(.*?)</tr>', page, re.S).group(1)
    return [page_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[1:]]


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


SUMMED_CARDS = [
    "outreach",
    "outreach_people",
    "petitions",
    "petitions_closed",
    "petitions_open",
    "petitions_overdue",
    "petitions_on_time",
    "cultural_families",
    "three_no",
    "formed",
    "party_leading",
]


@pytest.mark.parametrize("level", ["huyen", "xa"])
def test_the_range_dashboard_sums_its_years(client, past, steering_user, level):
    """Each year's column is that year's own page, and the total is their sum (a share:
    the sum of the counts over the sum of the denominators)."""
    client.force_login(steering_user)
    unit = past.district if level == "huyen" else past.a.commune
    url = f"/chi-tieu/{level}/{unit.pk}/"
    span = _page(client, f"{url}?tu=2008&den=2010")
    assert "Tổng tử số của các cột chia cho tổng mẫu số".lower() in span.lower()
    assert re.findall(r"<th>([^<]+)</th>", span.split('id="by-column"')[1])[1:5] == [
        "2008",
        "2009",
        "2010",
        f"2008{DASH}2010",
    ]
    years = {year: _page(client, f"{url}?nam={year}") for year in YEARS}
    checked = 0
    for key in SUMMED_CARDS:
        cells = [shown_value(cell) for cell in _cells(span, key)]
        by_year = [shown_value(card(years[year], key)) for year in YEARS]
        assert cells[:3] == by_year, key
        if all(v is not None for v in by_year):
            assert cells[3] == summed(by_year), key
            checked += 1
    assert checked >= 9
    if level == "huyen":
        # Sessions: group A's 1, 2, 3 and commune B's one a year.
        assert [shown_value(c) for c in _cells(span, "outreach")] == [2, 3, 4, 9]
        # The petition of 11/2009 closed in 2010 was open at the end of 2009.
        assert [shown_value(c) for c in _cells(span, "petitions_closed")] == [
            (1, 2),
            (1, 3),
            (1, 2),
            (3, 7),
        ]
    # What stands is counted at the range's end, not summed: the same leaders each year.
    assert shown_value(_cells(span, "leaders")[3]) == shown_value(card(years[2010], "leaders"))


def test_a_ranges_meetings_are_its_years_months(client, past, steering_user):
    """A year's meetings over a range: the twelve months' pages summed."""
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{past.district.pk}/"
    span = _page(client, f"{url}?tu=2008&den=2010")
    cells = [shown_value(c) for c in _cells(span, "meetings")]
    on_time = [shown_value(c) for c in _cells(span, "meetings_on_time")]
    for index, year in enumerate(YEARS):
        months = [
            _page(client, f"{url}?nam={year}&thang={year}-{month:02d}") for month in range(1, 13)
        ]
        assert cells[index] == summed([shown_value(card(p, "meetings")) for p in months])
        timely = [shown_value(card(p, "meetings_on_time")) for p in months]
        assert on_time[index] == summed([t for t in timely if t is not None])
    assert cells[3] == summed(cells[:3]) == (3 + 4 + 5 + 3, 3 * 24)


def test_a_ranges_meetings_over_a_move_are_its_months_as_the_dashboard_shows_them(
    client, past, steering_user
):
    """Hamlet A moved to commune B in mid-2009: its group's months before the move stay
    commune A's, in the range as on each month's page."""
    move(past.a.hamlet, past.b.commune, _day(2009, 6, 1))
    client.force_login(steering_user)
    expected = {past.a.commune: (4, 5), past.b.commune: (1, 5 + 2 * 7)}
    for commune, year_2009 in expected.items():
        url = f"/chi-tieu/xa/{commune.pk}/"
        cells = [
            shown_value(c) for c in _cells(_page(client, f"{url}?tu=2008&den=2010"), "meetings")
        ]
        months = [_page(client, f"{url}?nam=2009&thang=2009-{m:02d}") for m in range(1, 13)]
        shown = [shown_value(card(page, "meetings")) for page in months]
        assert cells[1] == summed([value for value in shown if value is not None]) == year_2009


def test_a_quarter_is_its_three_months(client, past, steering_user):
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{past.district.pk}/"
    quarter = _page(client, f"{url}?quy=2009-Q1")
    assert "Quý I/2009" in quarter
    assert re.findall(r"<th>([^<]+)</th>", quarter.split('id="by-column"')[1])[1:5] == [
        "01/2009",
        "02/2009",
        "03/2009",
        "Quý I/2009",
    ]
    months = [_page(client, f"{url}?nam=2009&thang=2009-{m:02d}") for m in (1, 2, 3)]
    for key in ("meetings", "meetings_on_time"):
        cells = [shown_value(c) for c in _cells(quarter, key)]
        assert cells[:3] == [shown_value(card(p, key)) for p in months], key
        assert cells[3] == summed(cells[:3])
    # Flows within each month: group A's sessions of 2009 were in March and April.
    assert [shown_value(c) for c in _cells(quarter, "outreach")] == [0, 0, 1, 1]
    assert [shown_value(c) for c in _cells(quarter, "petitions")] == [0, 1, 0, 1]
    # The yearly assessments are the year's, in each month and in total.
    year = shown_value(card(_page(client, f"{url}?nam=2009"), "cultural_families"))
    assert {shown_value(c) for c in _cells(quarter, "cultural_families")} == {year}
    # This year's last quarter: only the months begun by today (18/11/2026).
    current = _page(client, f"{url}?quy=2026-Q4")
    assert len(_cells(current, "outreach")) == 3


def _offered(page: str, name: str) -> list[str]:
    select = re.search(rf'<select id="{name}" name="{name}">(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]+)"', select)


def test_the_selectors_reach_the_first_year_with_data(client, past, steering_user):
    """The groups of 2007 take the years back to 2007; a commune's own outreach session of
    2004, before any group, takes them back to 2004, on every selector."""
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{past.district.pk}/"
    assert _offered(_page(client, url), "nam")[-1] == "2007"
    OutreachSessionFactory(unit=past.a.commune, held_on=_day(2004, 5))
    page = _page(client, url)
    for name in ("nam", "tu", "den"):
        assert _offered(page, name) == [str(y) for y in range(2026, 2003, -1)], name
    assert _offered(page, "quy")[:2] == ["2026-Q4", "2026-Q3"]
    assert _offered(page, "quy")[-1] == "2004-Q1"
    # The commune's own page too: its session is kept under it.
    assert _offered(_page(client, f"/chi-tieu/xa/{past.a.commune.pk}/"), "nam")[-1] == "2004"
    # Commune B has nothing before its group of 2007.
    assert _offered(_page(client, f"/chi-tieu/xa/{past.b.commune.pk}/"), "nam")[-1] == "2007"


def _error(page: str) -> str:
    match = re.search(r'<p class="error" role="alert" id="period-error">(.*?)</p>', page, re.S)
    return page_text(match.group(1)) if match else ""


@pytest.mark.parametrize(
    ("query", "message", "shown"),
    [
        ("tu=2010&den=2008", "Khoảng năm kết thúc năm 2008, trước năm bắt đầu 2010", "year"),
        ("tu=abc&den=2010", "Không đọc được khoảng năm", "year"),
        ("tu=2001&den=2009", "Chưa có số liệu nào trước năm 2007", f"2007{DASH}2009"),
        ("tu=2020&den=2030", "Chưa có số liệu sau năm 2026", f"2020{DASH}2026"),
        (
            "tu=2007&den=2026",
            f"Mỗi lần xem tối đa 10 năm: đang hiển thị 2017{DASH}2026",
            f"2017{DASH}2026",
        ),
        ("quy=2026-Q9", "Không đọc được quý", "year"),
        ("quy=2027-Q1", "Quý I/2027 chưa có số liệu", "year"),
        ("quy=2001-Q2", "Chưa có số liệu nào trước năm 2007", "year"),
    ],
)
def test_a_wrong_period_is_said_and_a_sane_one_shown(
    client, past, steering_user, query, message, shown
):
    client.force_login(steering_user)
    page = _page(client, f"/chi-tieu/huyen/{past.district.pk}/?{query}")
    assert message in _error(page)
    if shown == "year":
        assert 'id="figures"' in page and 'id="by-column"' not in page
    else:
        assert f"<h1>Huyện Cao Lãnh — {shown}</h1>" in page
    # The report says it too, and the workbook still downloads.
    report = _page(client, f"/chi-tieu/huyen/{past.district.pk}/bao-cao/?{query}")
    assert message in _error(report)
    assert download(client, f"/chi-tieu/huyen/{past.district.pk}/excel/?{query}").status_code == 200


def test_a_range_of_one_year_is_that_years_page(client, past, steering_user):
    client.force_login(steering_user)
    page = _page(client, f"/chi-tieu/huyen/{past.district.pk}/?tu=2009&den=2009")
    assert not _error(page)
    assert "Số liệu năm 2009" in page


def test_the_report_and_workbook_follow_the_range(client, past, steering_user):
    client.force_login(steering_user)
    base = f"/chi-tieu/huyen/{past.district.pk}"
    span = _page(client, f"{base}/?tu=2008&den=2010")
    report = _page(client, f"{base}/bao-cao/?tu=2008&den=2010&so=7")
    assert (
        f"Kết quả thực hiện mô hình Tổ dân phòng liên kết — Huyện Cao Lãnh, 2008{DASH}2010"
        in report
    )
    assert 'name="tu" value="2008"' in report and 'name="den" value="2010"' in report
    assert f'href="/chi-tieu/huyen/{past.district.pk}/?tu=2008&amp;den=2010"' in report
    row = re.search(r"<tr><td>\d+</td><td>Buổi tuyên truyền</td>(.*?)</tr>", report, re.S)
    cells = [
        shown_value(page_text(c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    ]
    assert cells == [shown_value(c) for c in _cells(span, "outreach")] == [2, 3, 4, 9]

    response = download(client, f"{base}/excel/?tu=2008&den=2010")
    assert response["Content-Disposition"].endswith('-2008-2010.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Thông tin",
        "Theo năm",
        "Huyện 2008-2010",
        "Xã 2008-2010",
        "Ấp, khóm 2008-2010",
        "Tổ 2008-2010",
    ]
    info = [row[0] for row in workbook["Thông tin"].iter_rows(values_only=True)]
    assert info[:4] == ["Địa giới", "Đơn vị", "Mã", "Kỳ"]
    assert info[-2:] == ["Thời điểm xuất", "Ô để trống"]
    by_year = workbook["Theo năm"]
    header = [c.value for c in by_year[1]]
    assert header[:4] == ["Chỉ tiêu", "2008", "2008 — trên tổng", "2008 (%)"]
    rows = {row[0]: row for row in by_year.iter_rows(min_row=2, values_only=True)}
    sessions = rows["Buổi tuyên truyền"]
    assert [sessions[header.index(y)] for y in ("2008", "2009", "2010", f"2008{DASH}2010")] == [
        2,
        3,
        4,
        9,
    ]
    closed = rows["Kiến nghị đã giải quyết hoặc trả lời"]
    total = header.index(f"2008{DASH}2010")
    assert closed[total : total + 3] == (3, 7, pytest.approx(3 / 7, abs=1e-4))
    # Each commune's total over the range: commune B's three commune-level sessions.
    communes = workbook["Xã 2008-2010"]
    communes_header = [c.value for c in communes[1]]
    totals = {
        row[1]: row[communes_header.index("Buổi tuyên truyền")]
        for row in communes.iter_rows(min_row=2, values_only=True)
    }
    assert totals == {"Xã Bình Thạnh": 6, "Xã Mỹ Hội": 3}


def test_spans_are_for_the_units_in_scope_only(client, past, commune_a_official):
    client.force_login(commune_a_official)
    for page in ("", "bao-cao/", "excel/"):
        url = f"/chi-tieu/xa/{past.b.commune.pk}/{page}?tu=2008&den=2010"
        assert client.get(url).status_code == 404
    assert client.get(f"/chi-tieu/xa/{past.a.commune.pk}/?quy=2009-Q1").status_code == 200


@pytest.mark.parametrize("years", [2, 4])
def test_a_range_costs_a_fixed_number_of_queries_per_year(
    client, past, steering_user, django_assert_max_num_queries, years
):
    """While the area stood the same, one set of queries counts every year, and each year
    adds two (its months' meetings, its child units): 26 (one of them the communes'
    approvals of the span, one the names of units renamed since, one where the area
    changed) + 2 per year."""
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{past.district.pk}/?tu={2010 - years + 1}&den=2010"
    with django_assert_max_num_queries(26 + 2 * years):
        assert client.get(url).status_code == 200
    for n in range(12):  # more units, records and years of data change nothing
        group = GroupFactory(hamlet=past.a.hamlet, planned_on=_day(2007, 1, 1))
        MeetingFactory(group=group, month=_day(2009, 3, 1), held_on=_day(2009, 3))
        OutreachSessionFactory(unit=group, held_on=_day(2008, 1 + n))
    with django_assert_max_num_queries(26 + 2 * years):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("years", [2, 3])
def test_a_range_over_a_move_reads_each_year_as_it_was(
    client, past, steering_user, django_assert_max_num_queries, years
):
    """Hamlet A moved to commune B in mid-2009: each year is read on its own day, commune
    A's range still sums its own years, and each year costs at most 20 queries."""
    move(past.a.hamlet, past.b.commune, _day(2009, 6, 1))
    client.force_login(steering_user)
    url = f"/chi-tieu/xa/{past.a.commune.pk}/"
    with django_assert_max_num_queries(23 + 20 * years):
        span = _page(client, f"{url}?tu={2010 - years + 1}&den=2010")
    first = 2010 - years + 1
    by_year = [
        shown_value(card(_page(client, f"{url}?nam={y}"), "outreach")) for y in range(first, 2011)
    ]
    cells = [shown_value(c) for c in _cells(span, "outreach")]
    assert cells == [*by_year, sum(by_year)]
    # 2009's sessions were held in March and April, before the move: they stay commune A's.
    assert by_year[-2:] == [2, 0]


def test_a_unit_counted_without_standing_there_at_a_columns_end_is_named_where_it_stood(
    client, past, steering_user
):
    """Group A moved to hamlet B, in commune B, in mid-2009. Commune A's range of 2009 to 2010
    still counts the group's months before the move, and its workbook names the group under
    hamlet A, where it stood in those months, not under hamlet B, where it stands now."""
    moved = Group.objects.get(hamlet=past.a.hamlet, planned_on=_day(2007, 6, 1))
    move(moved, past.b.hamlet, _day(2009, 6, 1))
    client.force_login(steering_user)
    response = download(client, f"/chi-tieu/xa/{past.a.commune.pk}/excel/?tu=2009&den=2010")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Tổ 2009-2010"]
    header = [c.value for c in sheet[1]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    row = rows[moved.code]
    assert row[header.index("Ấp/khóm")] == past.a.hamlet.name != past.b.hamlet.name
    # Counted for its months in commune A, January to May of 2009; it met in four of them.
    meetings = header.index("Tổ đã sinh hoạt trong tháng")
    assert row[meetings : meetings + 2] == (4, 5)
