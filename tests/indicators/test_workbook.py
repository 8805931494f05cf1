"""The dashboard's workbook: one sheet per level that a committee can sort and filter as it
is, opened here as the real .xlsx file the page sends."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl.utils import get_column_letter

from apps.core.periods import Month
from apps.indicators.area import Period
from apps.indicators.workbook import area_workbook
from tests.factories import (
    CommuneAssessmentFactory,
    GroupAssessmentFactory,
    GroupFactory,
    HamletAssessmentFactory,
    HamletFactory,
    HouseholdFactory,
    OutreachSessionFactory,
    PetitionFactory,
)
from tests.indicators.conftest import OCT, led_met_and_assessed
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")
NOT_ON_A_GROUP_SHEET = [
    "Xã có ban chỉ đạo",
    "Ấp, khóm có ban vận động",
    "Ấp/khóm an toàn",
    "Ấp/khóm văn hóa",
    "Xã đạt chuẩn văn hóa",
]


@pytest.fixture
def full(world):
    """Something of every indicator in both communes, so that no column may be empty."""
    for area in (world.a, world.b):
        group = area.group
        led_met_and_assessed(group)
        HouseholdFactory(group=group)  # not assessed yet, nor is the leader's household
        PetitionFactory(
            group=group,
            raised_on=datetime.date(2026, 9, 1),
            due_on=datetime.date(2026, 9, 16),
            state="resolved",
            closed_on=datetime.date(2026, 9, 10),
        )
        OutreachSessionFactory(unit=group, held_on=OCT, attendees=30)
        GroupAssessmentFactory(group=group, year=2026, safe=True, cultural=True)
        HamletAssessmentFactory(hamlet=area.hamlet, year=2026, safe=True, cultural=True)
        CommuneAssessmentFactory(commune=area.commune, year=2026, cultural_standard=True)
    # A name a spreadsheet would run as a formula.
    GroupFactory(hamlet=world.b.hamlet, name="=HYPERLINK(1)")
    return world


def _workbook(client, user, url):
    client.force_login(user)
    response = download(client, url)
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _header(sheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def test_each_sheet_is_a_table_to_sort_and_filter(client, full, steering_user):
    url = f"/chi-tieu/huyen/{full.district.pk}/excel/?nam=2026&thang=2026-10"
    workbook = _workbook(client, steering_user, url)
    assert workbook.sheetnames == ["Thông tin", "Huyện", "Xã", "Ấp, khóm", "Tổ"]
    for title in workbook.sheetnames[1:]:
        sheet = workbook[title]
        # The header stays the frozen first row, with the filter over every row.
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
        header = _header(sheet)
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert rows
        empty = [name for index, name in enumerate(header) if all(r[index] is None for r in rows)]
        assert empty == [], title
    groups = workbook["Tổ"]
    assert _header(groups)[:4] == ["Mã", "Đơn vị", "Xã", "Ấp/khóm"]
    named = [row[1:4] for row in groups.iter_rows(min_row=2, values_only=True)]
    assert named == [
        ("Tổ Bình Thạnh", "Xã Bình Thạnh", "Ấp Bình Thạnh"),
        ("Tổ Mỹ Hội", "Xã Mỹ Hội", "Ấp Mỹ Hội"),
        ("=HYPERLINK(1)", "Xã Mỹ Hội", "Ấp Mỹ Hội"),
    ]
    # The formula-like name is kept as it is, in a text cell that never runs.
    hyperlink = groups.cell(row=4, column=2)
    assert hyperlink.data_type == "s" and hyperlink.quotePrefix
    assert not set(NOT_ON_A_GROUP_SHEET) & set(_header(groups))
    assert "Tổ đã sinh hoạt trong tháng (%)" in _header(groups)
    assert _header(workbook["Ấp, khóm"])[:3] == ["Mã", "Đơn vị", "Xã"]
    assert "Ấp/khóm văn hóa" in _header(workbook["Ấp, khóm"])
    assert "Xã đạt chuẩn văn hóa" not in _header(workbook["Ấp, khóm"])
    assert "Xã đạt chuẩn văn hóa" in _header(workbook["Xã"])


def test_shares_are_percent_cells(client, full, steering_user):
    workbook = _workbook(client, steering_user, f"/chi-tieu/huyen/{full.district.pk}/excel/")
    communes = workbook["Xã"]
    header = _header(communes)
    column = header.index("Gia đình văn hóa (%)")
    cells = [row[column] for row in communes.iter_rows(min_row=2)]
    assert [c.value for c in cells] == [0.75, 0.75]
    assert {c.number_format for c in cells} == {"0.00%"}
    # Counts stay whole numbers beside them.
    assert [
        row[header.index("Gia đình văn hóa")].value for row in communes.iter_rows(min_row=2)
    ] == [3, 3]
    # How complete the year's assessments are: 4 of 6 households in each commune.
    coverage = [row[header.index("Số hộ đã bình xét (%)")] for row in communes.iter_rows(min_row=2)]
    assert [c.value for c in coverage] == [0.6667, 0.6667]


def test_the_period_is_written_in_the_file(client, full, steering_user):
    url = f"/chi-tieu/xa/{full.a.commune.pk}/excel/?nam=2025"
    workbook = _workbook(client, steering_user, url)
    assert workbook.sheetnames == ["Thông tin", "Xã", "Ấp, khóm", "Tổ"]
    labels = [row[0] for row in workbook["Thông tin"].iter_rows(values_only=True)]
    assert labels[:4] == ["Địa giới", "Đơn vị", "Mã", "Năm"]
    assert labels[-2:] == ["Thời điểm xuất", "Ô để trống"]
    info = {row[0]: row[1] for row in workbook["Thông tin"].iter_rows(values_only=True)}
    assert info["Đơn vị"] == "Xã Bình Thạnh"
    assert info["Năm"] == 2025
    assert info["Số liệu tính đến ngày"] == datetime.datetime(2025, 12, 31)  # noqa: DTZ001 (a spreadsheet's dates are naive)
    assert info["Sinh hoạt tổ tháng"] == "12/2025"
    assert isinstance(info["Thời điểm xuất"], datetime.datetime)
    # A group sheet below a commune names the hamlet, not the commune again.
    assert _header(workbook["Tổ"])[:3] == ["Mã", "Đơn vị", "Ấp/khóm"]


def test_no_workbook_outside_the_scope(client, full, commune_a_official):
    client.force_login(commune_a_official)
    assert client.get(f"/chi-tieu/xa/{full.b.commune.pk}/excel/").status_code == 404
    assert client.get(f"/chi-tieu/huyen/{full.district.pk}/excel/").status_code == 404


def test_a_group_workbook_has_its_own_sheet_only(client, full, group_a_leader):
    workbook = _workbook(client, group_a_leader, f"/chi-tieu/to/{full.a.group.pk}/excel/")
    assert workbook.sheetnames == ["Thông tin", "Tổ"]
    sheet = workbook["Tổ"]
    header = _header(sheet)
    assert header[:3] == [
        "Mã",
        "Đơn vị",
        "Tổ đã thành lập (đang hoạt động / kế hoạch hoặc đang hoạt động)",
    ]
    assert not set(NOT_ON_A_GROUP_SHEET) & set(header)
    row = dict(zip(header, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["Tổ an toàn (%)"] == 1.0 and row["Gia đình văn hóa"] == 3


def _workbook_queries(district, today) -> int:
    with CaptureQueriesContext(connection) as queries:
        area_workbook(district, Period(2026, Month(2026, 10), today)).save(io.BytesIO())
    return len(queries)


def test_the_workbooks_queries_do_not_grow_with_its_units(full, today):
    """Each sheet reads its units' ids (to find those that stood there at the month's end
    only), then streams its rows: a fixed number of queries whatever the number of units."""
    before = _workbook_queries(full.district, today)
    for area in (full.a, full.b):
        for _ in range(3):
            GroupFactory(hamlet=HamletFactory(commune=area.commune))
    assert _workbook_queries(full.district, today) == before
    assert before <= 56
