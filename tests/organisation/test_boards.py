"""Mobilisation board pages: set up by the commune for its hamlets, read by the hamlet."""

import pytest

from apps.organisation.models import BoardMember, MobilisationBoard
from tests.factories import BoardMemberFactory, HamletFactory, MobilisationBoardFactory
from tests.organisation import posts

pytestmark = pytest.mark.usefixtures("today")

DECISION = posts.decision("12/QĐ-UBND", "2026-03-02")
MEMBER = posts.member("Huỳnh Văn Sáu", "Trưởng ban", "2026-03-02")


def test_commune_official_sets_up_a_hamlet_board_with_members(client, world, commune_a_official):
    client.force_login(commune_a_official)
    page = client.get("/to-chuc/ban-van-dong/").content.decode()
    assert 'id="without-board"' in page and f"?ap={world.a.hamlet.pk}" in page
    page = client.get(f"/to-chuc/ban-van-dong/moi/?ap={world.a.hamlet.pk}").content.decode()
    assert f'<option value="{world.b.hamlet.pk}"' not in page

    response = client.post("/to-chuc/ban-van-dong/moi/", {**DECISION, "hamlet": world.a.hamlet.pk})

    board = MobilisationBoard.objects.get()
    assert response.status_code == 302 and board.hamlet == world.a.hamlet
    response = client.post(f"/to-chuc/ban-van-dong/{board.pk}/thanh-vien/moi/", MEMBER)
    assert response.status_code == 302
    assert BoardMember.objects.get().board == board
    assert "Huỳnh Văn Sáu" in client.get(f"/to-chuc/ban-van-dong/{board.pk}/").content.decode()
    assert 'id="without-board"' not in client.get("/to-chuc/ban-van-dong/").content.decode()


def test_a_board_for_another_communes_hamlet_is_refused(client, world, commune_a_official):
    client.force_login(commune_a_official)
    response = client.post("/to-chuc/ban-van-dong/moi/", {**DECISION, "hamlet": world.b.hamlet.pk})
    assert response.status_code == 200
    assert "hamlet" in response.context["form"].errors
    assert not MobilisationBoard.objects.exists()


def test_a_hamlet_has_one_board_at_a_time(client, world, commune_a_official):
    MobilisationBoardFactory(hamlet=world.a.hamlet)
    client.force_login(commune_a_official)
    response = client.post("/to-chuc/ban-van-dong/moi/", {**DECISION, "hamlet": world.a.hamlet.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert MobilisationBoard.objects.count() == 1


def test_the_hamlet_official_reads_their_board_and_cannot_change_it(
    client, world, hamlet_a_official
):
    board = MobilisationBoardFactory(hamlet=world.a.hamlet)
    member = BoardMemberFactory(board=board)
    other = MobilisationBoardFactory(hamlet=world.b.hamlet)
    client.force_login(hamlet_a_official)
    assert client.get(f"/to-chuc/ban-van-dong/{board.pk}/").status_code == 200
    assert client.get(f"/to-chuc/ban-van-dong/{other.pk}/").status_code == 404
    assert client.get("/to-chuc/ban-van-dong/moi/").status_code == 403
    assert client.post(f"/to-chuc/ban-van-dong/{board.pk}/sua/", DECISION).status_code == 403
    url = f"/to-chuc/ban-van-dong/{board.pk}/thanh-vien/moi/"
    assert client.post(url, MEMBER).status_code == 403
    assert client.post(f"/to-chuc/thanh-vien-ban-van-dong/{member.pk}/xoa/").status_code == 403
    assert BoardMember.objects.count() == 1


def test_deleting_a_board_asks_first_and_takes_its_members(client, world, commune_a_official):
    board = MobilisationBoardFactory(hamlet=world.a.hamlet)
    BoardMemberFactory.create_batch(3, board=board)
    client.force_login(commune_a_official)
    url = f"/to-chuc/ban-van-dong/{board.pk}/xoa/"
    assert 'id="confirm-delete"' in client.get(url).content.decode()
    assert MobilisationBoard.objects.exists()
    assert client.post(url).status_code == 302
    assert not MobilisationBoard.objects.exists() and not BoardMember.objects.exists()


@pytest.mark.parametrize("count", [2, 30])
def test_the_board_list_does_not_query_per_row(
    client, world, admin_user, django_assert_max_num_queries, count
):
    for _ in range(count):
        board = MobilisationBoardFactory(hamlet=HamletFactory(commune=world.a.commune))
        BoardMemberFactory(board=board)
    client.force_login(admin_user)
    # Two of them read the hamlets with a board and their namesakes (told apart).
    with django_assert_max_num_queries(11):
        response = client.get("/to-chuc/ban-van-dong/")
    assert response.status_code == 200
    assert len(response.context["page"]) == count
