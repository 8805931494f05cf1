"""Importing a year's petitions from Excel: upload, preview with errors by line, confirm
(all lines or none); each petition is entered through the petitions' own service, so its
due date, events and entered-on day are those of one typed in by hand on the import day;
past petitions are entered late and never count as on time; lines for groups outside the
official's area are refused."""

import datetime

import pytest

from apps.accounts.models import Scope
from apps.core.xlsx import as_bytes
from apps.imports.models import HeldFile, PendingImport
from apps.imports.petitions_format import COLUMNS
from apps.petitions.models import Petition, PetitionEvent
from tests.conftest import TODAY, make_user
from tests.imports import records_files as files
from tests.pages import check_petitions_counted_in_their_year
from tests.petitions.conftest import raise_petition

pytestmark = pytest.mark.usefixtures("today")
UPLOAD = "/kien-nghi/nhap/"
HEADER = list(COLUMNS.values())
D = datetime.date


def line(code, raised_on, level="tổ", category="hạ tầng", content="Đề nghị sửa cầu.", **more):
    """A petition line in the template's column order."""
    values = {
        "commune": more.get("commune", ""),
        "hamlet": more.get("hamlet", ""),
        "group_code": code,
        "raised_on": raised_on,
        "level": level,
        "category": category,
        "content": content,
        "citizen_name": more.get("citizen", ""),
        "state": more.get("state", ""),
        "closed_on": more.get("closed_on", ""),
        "outcome": more.get("outcome", ""),
    }
    return [values[key] for key in COLUMNS]


def workbook(rows: list[list], *, title: str = "") -> bytes:
    return files.workbook(HEADER, rows, title=title)


def _preview(client, data: bytes) -> tuple[str, str]:
    return files.preview(client, UPLOAD, data)


@pytest.fixture
def groups(world):
    """Group A (code A-01, commune A) and group B (code B-01, commune B)."""
    world.a.group.code, world.b.group.code = "A-01", "B-01"
    world.a.group.save()
    world.b.group.save()
    return world


YEAR_2025 = [
    # Closed before its due date (25/01), but entered late: not on time.
    line("A-01", D(2025, 1, 10), state="đã giải quyết", closed_on=D(2025, 1, 20),
         outcome="Đã sửa cầu."),
    line("A-01", "05/03/2025", level="ấp", category="an ninh trật tự",
         content="Đề nghị lắp đèn đường.", state="Đã trả lời", closed_on="30/04/2025",
         outcome="Chưa có kinh phí, sẽ lắp năm sau.", citizen="Trần Thị B"),
    # Closed the next year: open, and overdue, at the end of 2025.
    line("A-01", D(2025, 11, 10), level="xã", category="đất đai", content="Đề nghị nạo vét kênh.",
         state="đã giải quyết", closed_on=D(2026, 1, 15), outcome="Đã nạo vét."),
    line("A-01", D(2025, 12, 1), category="khác", content="Đề nghị họp tổ buổi tối.",
         state="đang giải quyết"),
    # Due 16/01/2026 (45 days): open but not overdue at the end of 2025.
    line("A-01", D(2025, 12, 2), level="huyện", category="an sinh xã hội",
         content="Đề nghị hỗ trợ hộ nghèo."),
]  # fmt: skip


def test_a_year_of_petitions_imported_counts_in_that_years_figures_as_entered_late(
    client, groups, commune_a_official, steering_user
):
    client.force_login(commune_a_official)
    url, page = _preview(client, workbook(YEAR_2025, title="SỔ KIẾN NGHỊ NĂM 2025"))
    assert not Petition.objects.exists() and not PetitionEvent.objects.exists()
    assert "Xác nhận và nhập" in page and page.count("nhập muộn</span>") == 5
    assert client.post(f"{url}xac-nhan/").status_code == 302
    assert not HeldFile.objects.exists()

    petitions = {p.content: p for p in Petition.objects.filter(group=groups.a.group)}
    assert len(petitions) == 5
    lamp = petitions["Đề nghị lắp đèn đường."]
    assert (lamp.raised_on, lamp.level, lamp.category, lamp.citizen_name) == (
        D(2025, 3, 5),
        "hamlet",
        "security",
        "Trần Thị B",
    )
    assert (lamp.state, lamp.closed_on, lamp.answer) == (
        "answered",
        D(2025, 4, 30),
        "Chưa có kinh phí, sẽ lắp năm sau.",
    )
    assert (lamp.due_on, lamp.recorded_on, lamp.created_by) == (
        D(2025, 3, 20),
        TODAY,
        commune_a_official,
    )
    assert lamp.entered_late and not lamp.closed_on_time
    assert (lamp.district, lamp.commune, lamp.hamlet) == (
        groups.district,
        groups.a.commune,
        groups.a.hamlet,
    )
    assert lamp.history.count() == 1
    assert list(lamp.events.values_list("action", "on", "due_on", "state", "level")) == [
        ("raised", D(2025, 3, 5), D(2025, 3, 20), "received", "hamlet"),
        ("answered", D(2025, 4, 30), None, "answered", "hamlet"),
    ]
    evening = petitions["Đề nghị họp tổ buổi tối."]
    assert (evening.state, evening.closed_on) == ("in_progress", None)
    assert list(evening.events.values_list("action", "on")) == [
        ("raised", D(2025, 12, 1)),
        ("taken", TODAY),  # the day of an undated action entered by hand: the day of entry
    ]
    assert petitions["Đề nghị hỗ trợ hộ nghèo."].state == "received"

    client.force_login(steering_user)
    # Two closed (by their due dates) and two overdue, none on time: all entered late.
    check_petitions_counted_in_their_year(
        client,
        groups.district,
        2025,
        count=5,
        closed="40,00 % 2/5",
        overdue=2,
        on_time="0,00 % 0/4",
    )

    # Confirming again imports nothing more, and so does the same file uploaded again.
    client.force_login(commune_a_official)
    client.post(f"{url}xac-nhan/")
    _url, page = _preview(client, workbook(YEAR_2025))
    assert len(files.error_rows(page)) == 5 and "đã được ghi" in page
    assert Petition.objects.count() == 5


def _story(petition: Petition) -> tuple:
    events = petition.events.values_list("action", "state", "level", "note", "on", "due_on", "by")
    fields = ("raised_on", "level", "due_on", "state", "closed_on", "answer", "recorded_on")
    return tuple(getattr(petition, name) for name in fields), list(events)


def test_an_imported_petition_is_the_one_typed_in_by_hand(client, groups, commune_a_official):
    client.force_login(commune_a_official)
    by_hand = {"group": groups.a.group.pk, "raised_on": "2025-03-05", "category": "welfare"}
    client.post("/kien-nghi/moi/", {**by_hand, "content": "Bằng tay.", "level": "commune"})
    typed = Petition.objects.get()
    client.post(
        f"/kien-nghi/{typed.pk}/", {"action": "answered", "note": "Đã trả lời.", "on": "2025-04-30"}
    )
    rows = [
        line("A-01", D(2025, 3, 5), level="xã", content="Từ tệp.", state="đã trả lời",
             closed_on=D(2025, 4, 30), outcome="Đã trả lời.", category="an sinh xã hội"),
    ]  # fmt: skip
    url, _page = _preview(client, workbook(rows))
    client.post(f"{url}xac-nhan/")
    typed.refresh_from_db()
    imported = Petition.objects.get(content="Từ tệp.")
    assert _story(imported) == _story(typed)
    assert (imported.entered_late, imported.closed_on_time) == (True, False)


def test_every_bad_line_gets_its_message_and_nothing_is_written(client, groups, commune_a_official):
    raise_petition(
        groups.a.group, commune_a_official, raised_on=D(2025, 6, 1), content="Đã có sẵn."
    )
    client.force_login(commune_a_official)
    closed = {"state": "đã giải quyết", "outcome": "Xong."}
    rows = [
        line("A-01", D(2025, 1, 10)),  # line 2: good
        line("A-01", D(2026, 12, 1)),  # 3: received in the future
        line("A-01", D(2018, 6, 10)),  # 4: before the group existed
        line("A-01", D(2025, 3, 10), closed_on=D(2025, 3, 1), **closed),  # 5: closed before
        line("A-01", D(2025, 3, 10), closed_on=D(2026, 11, 20), **closed),  # 6: closed later
        line("A-01", D(2025, 3, 10), level="thôn"),  # 7
        line("A-01", D(2025, 3, 10), category="linh tinh"),  # 8
        line("A-01", D(2025, 3, 10), state="đã giải quyết"),  # 9: no day, no outcome
        line("A-01", D(2025, 3, 10), state="đang giải quyết", closed_on=D(2025, 4, 1)),  # 10
        line("A-01", D(2025, 3, 10), closed_on=D(2025, 4, 1), outcome="Xong."),  # 11: no state
        line("A-01", D(2025, 6, 1), content="Đã có sẵn."),  # 12: already recorded
        line("A-01", D(2025, 1, 10)),  # 13: line 2 again
        line("Z-99", D(2025, 3, 10)),  # 14: unknown group
        line("A-01", "hôm qua"),  # 15: not a day
        line("A-01", D(2025, 3, 10), outcome="Xong."),  # 16: an outcome, still received
    ]
    url, page = _preview(client, workbook(rows))
    assert files.error_rows(page) == [
        ("3", "Ngày tiếp nhận", "Ngày không được sau ngày hôm nay."),
        ("4", "Ngày tiếp nhận", "Tổ Bình Thạnh chưa thành lập vào ngày 10/06/2018."),
        ("5", "Ngày kết thúc", "Kiến nghị được tiếp nhận ngày 10/03/2025; không thể ghi "
         "thao tác trước ngày đó."),
        ("6", "Ngày kết thúc", "Ngày không được sau ngày hôm nay."),
        ("7", "Cấp giải quyết", 'Hãy ghi cấp giải quyết: "tổ", "ấp", "xã" hoặc "huyện".'),
        ("8", "Lĩnh vực", 'Hãy ghi lĩnh vực: "an ninh trật tự", "hạ tầng", "đất đai, môi '
         'trường", "an sinh xã hội", "sản xuất, sinh kế", "giáo dục, văn hóa" hoặc "khác".'),
        ("9", "Ngày kết thúc", "Hãy ghi ngày giải quyết xong hoặc ngày trả lời."),
        ("9", "Kết quả giải quyết, trả lời",
         "Hãy ghi kết quả giải quyết, hoặc nội dung đã trả lời."),
        ("10", "Ngày kết thúc", "Kiến nghị còn mở thì chưa có ngày kết thúc: hãy xóa ngày "
         'này, hoặc ghi tình trạng khi kết thúc ("đã giải quyết" hoặc "đã trả lời").'),
        ("11", "Tình trạng",
         'Hãy ghi tình trạng khi kết thúc: "đã giải quyết" hoặc "đã trả lời".'),
        ("12", "Nội dung kiến nghị", "Kiến nghị này của Tổ Bình Thạnh tiếp nhận ngày "
         "01/06/2025 đã được ghi; việc nhập không ghi trùng. Hãy bỏ dòng này."),
        ("13", "Nội dung kiến nghị", "Dòng 2 của trang “Năm 2025” đã có kiến nghị này của "
         "Tổ Bình Thạnh tiếp nhận ngày 10/01/2025."),
        ("14", "Mã tổ", "Không có tổ mã Z-99 trong địa bàn bạn phụ trách."),
        ("15", "Ngày tiếp nhận", "Hãy ghi ngày tiếp nhận kiến nghị (ví dụ 10/03/2024)."),
        ("16", "Kết quả giải quyết, trả lời", "Kiến nghị mới tiếp nhận thì chưa có kết quả: "
         "hãy xóa nội dung này, hoặc ghi tình trạng của kiến nghị."),
    ]  # fmt: skip
    assert "Xác nhận và nhập" not in page and not HeldFile.objects.exists()
    assert client.post(f"{url}xac-nhan/").status_code == 302
    assert Petition.objects.count() == 1 and PetitionEvent.objects.count() == 1


def test_an_official_cannot_import_into_another_communes_groups(client, groups, commune_a_official):
    client.force_login(commune_a_official)
    rows = [line("A-01", D(2025, 3, 10)), line("B-01", D(2025, 3, 10))]
    _url, page = _preview(client, workbook(rows))
    assert files.error_rows(page) == [
        ("3", "Mã tổ", "Không có tổ mã B-01 trong địa bàn bạn phụ trách."),
    ]
    assert not Petition.objects.exists()


def test_a_group_leader_imports_only_into_their_own_group(client, groups, group_a_leader):
    client.force_login(group_a_leader)
    _url, page = _preview(client, workbook([line("B-01", D(2025, 3, 10))]))
    assert files.error_rows(page) == [
        ("2", "Mã tổ", "Không có tổ mã B-01 trong địa bàn bạn phụ trách."),
    ]
    url, page = _preview(client, workbook([line("A-01", D(2025, 3, 10))]))
    client.post(f"{url}xac-nhan/")
    assert Petition.objects.get().group == groups.a.group


def test_the_preview_writes_nothing_until_confirmed_and_a_discard_writes_nothing(
    client, groups, commune_a_official
):
    client.force_login(commune_a_official)
    url, page = _preview(client, workbook(YEAR_2025))
    assert "Đề nghị lắp đèn đường." in page
    assert not Petition.objects.exists() and HeldFile.objects.count() == 1
    response = client.post(f"{url}xac-nhan/", {"cancel": "1"})
    assert response.status_code == 302 and response.url == UPLOAD
    assert not Petition.objects.exists() and not HeldFile.objects.exists()
    assert not PendingImport.objects.exists()
    assert client.post(f"{url}xac-nhan/").status_code == 404


def test_a_petition_entered_between_preview_and_confirm_stops_the_import(
    client, groups, commune_a_official
):
    client.force_login(commune_a_official)
    url, _page = _preview(client, workbook(YEAR_2025))
    raise_petition(
        groups.a.group, commune_a_official, raised_on=D(2025, 1, 10), content="Đề nghị sửa cầu."
    )
    assert client.post(f"{url}xac-nhan/").status_code == 302
    assert Petition.objects.count() == 1  # all or nothing
    assert "việc nhập không ghi trùng" in client.get(url).content.decode()


def test_readers_and_outsiders_cannot_import_or_see_a_preview(
    client, groups, commune_a_official, steering_user
):
    client.force_login(commune_a_official)
    url, _page = _preview(client, workbook([line("A-01", D(2025, 3, 10))]))
    other = make_user(Scope.Role.COMMUNE, groups.b.commune)
    files.check_readers_and_outsiders_refused(client, UPLOAD, url, steering_user, other)
    assert not Petition.objects.exists()


def test_a_file_without_the_header_is_refused(client, groups, commune_a_official):
    client.force_login(commune_a_official)
    response = files.upload(client, UPLOAD, files.workbook(["Tên", "Tuổi"], []))
    assert response.status_code == 200
    assert "Không trang tính nào có dòng tiêu đề của tệp kiến nghị" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_the_template_downloads_and_reads_back(client, groups, commune_a_official):
    client.force_login(commune_a_official)
    assert "/kien-nghi/nhap/" in client.get("/kien-nghi/").content.decode()
    book = files.filled_template(client, UPLOAD, HEADER)
    url, page = _preview(client, as_bytes(book))
    assert not files.error_rows(page)
    client.post(f"{url}xac-nhan/")
    petition = Petition.objects.get()
    assert (petition.raised_on, petition.level, petition.category, petition.state) == (
        D(2024, 3, 10),
        "hamlet",
        "infrastructure",
        "resolved",
    )
    assert (petition.closed_on, petition.citizen_name) == (D(2024, 3, 22), "Nguyễn Văn A")


def test_the_preview_page_takes_the_same_queries_for_many_lines(
    client, groups, commune_a_official, django_assert_max_num_queries
):
    client.force_login(commune_a_official)
    rows = [line("A-01", D(2025, 1 + n % 12, 10), content=f"Kiến nghị {n}") for n in range(60)]
    url, page = _preview(client, workbook(rows))
    assert page.count("nhập muộn</span>") == 50  # a page of the 60
    with django_assert_max_num_queries(8):
        client.get(url)
    with django_assert_max_num_queries(8):
        client.get(f"{url}?page=2")
    with django_assert_max_num_queries(8):
        client.get(UPLOAD)
