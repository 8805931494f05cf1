"""The petition queue, a petition's page with its actions, raising one directly, the export."""

import datetime
import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.hierarchy.placements import move
from apps.petitions.models import Petition
from tests.factories import GroupFactory, HamletFactory
from tests.petitions.conftest import petition_data, raise_petition

pytestmark = pytest.mark.usefixtures("today")


def _contents(page: str) -> list[str]:
    return re.findall(r'<a href="/kien-nghi/\d+/"><strong>([^<]+)</strong>', page)


@pytest.fixture
def petitions(world, people):
    """Commune-level petitions of commune A: one overdue (due 01/11), one due later,
    one closed; a hamlet-level one; and commune B's."""
    leader = people["leader_a"]
    later = raise_petition(world.a.group, leader, level="commune", content="due later")
    overdue = raise_petition(
        world.a.group,
        leader,
        level="commune",
        content="overdue",
        raised_on=datetime.date(2026, 9, 20),
        category=Petition.Category.SECURITY,
    )
    closed = raise_petition(world.a.group, leader, level="commune", content="closed")
    Petition.objects.filter(pk=closed.pk).update(
        state="resolved", closed_on=datetime.date(2026, 11, 5)
    )
    raise_petition(world.a.group, leader, level="hamlet", content="hamlet level")
    raise_petition(world.b.group, people["leader_b"], level="commune", content="commune B")
    return {"later": later, "overdue": overdue, "closed": closed}


def test_commune_official_sees_open_petitions_of_their_level_overdue_first(
    client, people, petitions
):
    client.force_login(people["commune_a"])
    page = client.get("/kien-nghi/").content.decode()
    assert _contents(page) == ["overdue", "due later"]
    assert "quá hạn từ 20/10/2026" in page  # 30 days after 20/09


def test_queue_filters(client, world, people, petitions):
    client.force_login(people["commune_a"])
    get = lambda query: _contents(client.get(f"/kien-nghi/?{query}").content.decode())  # noqa: E731
    assert get("trang_thai=all") == ["overdue", "due later", "closed"]
    assert get("trang_thai=closed") == ["closed"]
    assert get("linh_vuc=security") == ["overdue"]
    assert get("cap=all") == ["overdue", "hamlet level", "due later"]
    assert get("tu=2026-10-01") == ["due later"]
    assert get("den=2026-10-01") == ["overdue"]
    other = HamletFactory(commune=world.a.commune)
    raise_petition(
        GroupFactory(hamlet=other), people["leader_a"], level="commune", content="other hamlet"
    )
    assert get(f"ap={other.pk}") == ["other hamlet"]
    assert get(f"ap={world.b.hamlet.pk}") == ["overdue", "due later", "other hamlet"]  # ignored
    assert get("tu=31/02/2026&trang_thai=nonsense") == ["overdue", "due later", "other hamlet"]


def test_queue_places_a_petition_where_it_was_raised(client, world, people):
    """A group moved to another hamlet: its earlier petition is still the first hamlet's, in
    the list, its filter and the export; a hamlet that ended is offered with its last day."""
    raise_petition(world.a.group, people["leader_a"], level="commune", content="before the move")
    other = HamletFactory(commune=world.a.commune, name="Ấp Mới")
    move(world.a.group, other, datetime.date(2026, 11, 20))
    ended = HamletFactory(
        commune=world.a.commune, name="Ấp Cũ", ended_on=datetime.date(2026, 6, 30)
    )
    client.force_login(people["commune_a"])
    get = lambda query: client.get(f"/kien-nghi/?trang_thai=all&{query}").content.decode()  # noqa: E731
    assert _contents(get(f"ap={world.a.hamlet.pk}")) == ["before the move"]
    assert _contents(get(f"ap={other.pk}")) == []
    page = get("")
    assert f"{world.a.group.name}, {world.a.hamlet.name}, {world.a.commune.name} ·" in page
    assert f'<option value="{ended.pk}">Ấp Cũ (đến 30/06/2026)</option>' in page
    export = client.get(f"/kien-nghi/xuat-excel/?trang_thai=all&ap={world.a.hamlet.pk}")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    [row] = list(sheet.iter_rows(min_row=2, values_only=True))
    assert row[2:4] == (world.a.hamlet.name, world.a.commune.name)


def test_group_leader_sees_the_groups_petitions_and_answers(client, world, people, petitions):
    Petition.objects.filter(pk=petitions["later"].pk).update(
        state="answered",
        closed_on=datetime.date(2026, 11, 10),
        answer="Xã sẽ bố trí kinh phí năm 2027.",
    )
    client.force_login(people["leader_a"])
    page = client.get("/kien-nghi/").content.decode()
    assert sorted(_contents(page)) == ["closed", "due later", "hamlet level", "overdue"]
    assert "Xã sẽ bố trí kinh phí năm 2027." in page
    assert "commune B" not in page


def test_answering_through_the_page(client, people, petitions):
    url = f"/kien-nghi/{petitions['later'].pk}/"
    client.force_login(people["commune_a"])
    page = client.get(url).content.decode()
    assert "Gửi trả lời" in page and "Chuyển lên cấp trên" in page
    response = client.post(url, {"action": "answered", "note": ""})
    assert "Hãy ghi nội dung: việc đã làm hoặc câu trả lời." in response.content.decode()
    assert Petition.objects.get(pk=petitions["later"].pk).state == "received"
    response = client.post(url, {"action": "answered", "note": "Đã trả lời trực tiếp cho dân."})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "đã trả lời" in page and "Đã trả lời trực tiếp cho dân." in page
    assert "Gửi trả lời" not in page  # closed: no more actions


def test_a_stale_action_is_a_message_not_an_error(client, people, petitions):
    url = f"/kien-nghi/{petitions['later'].pk}/"
    client.force_login(people["commune_a"])
    client.post(url, {"action": "resolved", "note": "Đã xử lý."})
    response = client.post(url, {"action": "taken", "note": "Tiếp nhận."})
    assert response.status_code == 403  # closed: the user has no action left on it


def test_readers_and_outsiders(client, people, petitions):
    url = f"/kien-nghi/{petitions['later'].pk}/"
    client.force_login(people["steering"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "resolved", "note": "x"}).status_code == 403
    client.force_login(people["commune_b"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "resolved", "note": "x"}).status_code == 404
    client.force_login(people["leader_a"])  # reads it, but it is the commune's to handle
    assert client.post(url, {"action": "resolved", "note": "x"}).status_code == 403
    assert Petition.objects.get(pk=petitions["later"].pk).state == "received"


def test_history_keeps_the_events_of_a_deleted_account(client, world, people):
    leader = people["leader_a"]
    petition = raise_petition(world.a.group, leader, level="hamlet")
    hamlet_official = people["hamlet_a"]
    hamlet_official.first_name, hamlet_official.last_name = "Lê Thị", "Hoa"
    hamlet_official.save(update_fields=["first_name", "last_name"])
    client.force_login(hamlet_official)
    url = f"/kien-nghi/{petition.pk}/"
    client.post(url, {"action": "taken", "note": "Ấp đã tiếp nhận."})
    leader.delete()

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("tài khoản đã bị xóa") == 1  # the raising, whose account is gone
    assert "Lê Thị Hoa" in page  # the taking in hand keeps its name


def test_raising_a_petition_directly(client, world, people):
    client.force_login(people["hamlet_a"])
    page = client.get("/kien-nghi/moi/").content.decode()
    assert world.a.group.name in page and world.b.group.name not in page
    response = client.post("/kien-nghi/moi/", petition_data(world.a.group))
    petition = Petition.objects.get()
    assert response.url == f"/kien-nghi/{petition.pk}/"
    assert (petition.meeting, petition.due_on, petition.created_by) == (
        None,
        datetime.date(2026, 12, 16),
        people["hamlet_a"],
    )
    response = client.post(
        "/kien-nghi/moi/",
        {
            "group": world.b.group.pk,
            "raised_on": "2026-11-16",
            "content": "x",
            "category": "other",
            "level": "group",
        },
    )
    assert response.status_code == 200 and Petition.objects.count() == 1
    client.force_login(people["steering"])
    assert client.get("/kien-nghi/moi/").status_code == 403


def test_queue_query_count_does_not_grow(client, world, people):
    client.force_login(people["commune_a"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/kien-nghi/?trang_thai=all&cap=all").status_code == 200
        return len(captured)

    raise_petition(world.a.group, people["leader_a"], level="commune")
    raise_petition(world.a.group, people["leader_a"], level="commune")
    few = queries()
    for n in range(38):
        group = (
            GroupFactory(hamlet=HamletFactory(commune=world.a.commune))
            if n % 5 == 0
            else world.a.group
        )
        raise_petition(group, people["leader_a"], level="commune")
    assert queries() == few


def test_export_is_a_real_workbook_with_formulae_escaped(client, world, people):
    raise_petition(
        world.a.group,
        people["leader_a"],
        level="commune",
        content='=HYPERLINK("http://evil.example","bấm vào")',
        citizen_name="@SUM(1+1)",
    )
    raise_petition(world.a.group, people["leader_a"], level="commune", content="-2+3")
    raise_petition(world.b.group, people["leader_b"], level="commune", content="commune B")
    client.force_login(people["commune_a"])
    response = client.get("/kien-nghi/xuat-excel/?trang_thai=all")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == 2  # commune B's is not exported
    cells = {cell.value: cell for row in rows for cell in row}
    # Text cells with the text unchanged, marked as text should someone edit them: never a
    # formula, whatever they start with.
    for text in ('=HYPERLINK("http://evil.example","bấm vào")', "@SUM(1+1)", "-2+3"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    raised_on = rows[0][0]
    assert (
        raised_on.value.date() == datetime.date(2026, 11, 2)
        and raised_on.number_format == "DD/MM/YYYY"
    )
    assert [c.value for c in sheet[1]][:2] == ["Ngày nêu", "Tổ"]
