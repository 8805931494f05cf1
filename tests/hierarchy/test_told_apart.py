"""Hamlets of merged communes keep their names: a commune may then hold two "Ấp 1". Its pages
tell them apart by the commune each came from (apps.hierarchy.names.told_apart)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Scope
from apps.hierarchy.models import Commune
from apps.hierarchy.names import told_apart, told_apart_beside, told_apart_from_namesakes
from apps.hierarchy.placements import move
from tests.conftest import make_user
from tests.factories import (
    CommuneFactory,
    GroupFactory,
    HamletFactory,
    MobilisationBoardFactory,
    PetitionFactory,
)

pytestmark = pytest.mark.usefixtures("today")
MERGED_ON = datetime.date(2025, 7, 1)


@pytest.fixture
def merged(db, world):
    """Commune A holds "Ấp 1" and "Ấp 2"; Xã Tân Hòa's own "Ấp 1" joined it on 01/07/2025."""
    first = HamletFactory(commune=world.a.commune, name="Ấp 1")
    second = HamletFactory(commune=world.a.commune, name="Ấp 2")
    other = CommuneFactory(district=world.district, name="Xã Tân Hòa")
    came = HamletFactory(commune=other, name="Ấp 1")
    for hamlet in (first, second, came):
        GroupFactory(hamlet=hamlet)
    move(came, world.a.commune, MERGED_ON)
    came.refresh_from_db()
    return first, second, came


def test_units_of_one_name_are_told_apart_by_where_they_came_from(
    merged, django_assert_num_queries
):
    first, second, came = merged
    with django_assert_num_queries(1):
        asides = told_apart([first, second, came])
    assert asides == {("hamlet", came.pk): "Xã Tân Hòa", ("hamlet", first.pk): first.code}
    with django_assert_num_queries(0):
        assert told_apart([first, second]) == {}
        assert told_apart([]) == {}


def test_the_communes_pages_tell_its_two_hamlets_apart(merged, world, client):
    first, _second, came = merged
    client.force_login(make_user(Scope.Role.COMMUNE, world.a.commune))
    aside = '<small class="muted">(Xã Tân Hòa)</small>'
    dashboard = client.get(f"/chi-tieu/xa/{world.a.commune.pk}/").content.decode()
    assert re.search(rf">Ấp 1 {re.escape(aside)}</a>", dashboard)
    assert f'>Ấp 1 <small class="muted">({first.code})</small></a>' in dashboard
    assert f"Ấp 1 {aside}, {world.a.commune.name}</small>" in dashboard  # a group without leader
    years = client.get(f"/chi-tieu/xa/{world.a.commune.pk}/?tu=2025&den=2026").content.decode()
    assert re.search(rf">Ấp 1 {re.escape(aside)}</a>", years)
    month = client.get("/sinh-hoat/").content.decode()
    assert f"<h2>Ấp 1 {aside}</h2>" in month
    queue = client.get("/kien-nghi/").content.decode()
    assert f'<option value="{came.pk}">Ấp 1 (Xã Tân Hòa)</option>' in queue
    assessments = client.get("/binh-xet/").content.decode()
    assert f"<strong>Ấp 1 {aside}</strong>" in assessments  # its sheet
    commune = world.a.commune.pk
    approval = client.get(f"/duyet/xa/{commune}/2026/10/").content.decode()
    assert f'<div class="row-text">Ấp 1 {aside}</div>' in approval


def test_the_district_rates_the_communes_two_hamlets_told_apart(merged, world, client):
    client.force_login(make_user(Scope.Role.ADMIN, world.district))
    page = client.get(f"/binh-xet/xa/{world.a.commune.pk}/2026/").content.decode()
    assert '<summary><h2>Ấp 1 <small class="muted">(Xã Tân Hòa)</small></h2></summary>' in page


def test_the_forms_choices_tell_the_two_hamlets_apart(merged, world, client):
    """Where an official picks a group or a hamlet, the two "Ấp 1" read apart."""
    _first, _second, came = merged
    client.force_login(make_user(Scope.Role.COMMUNE, world.a.commune))
    group = came.groups.get()
    petition = client.get("/kien-nghi/moi/").content.decode()
    assert f'<option value="{group.pk}">{group.name} — Ấp 1 (Xã Tân Hòa)</option>' in petition
    client.force_login(make_user(Scope.Role.ADMIN, world.district))
    commune = world.a.commune.name
    board = client.get("/to-chuc/ban-van-dong/moi/").content.decode()
    assert f'<option value="{came.pk}">Ấp 1 (Xã Tân Hòa) — {commune}</option>' in board
    account = client.get("/nguoi-dung/tao-moi/").content.decode()  # an official's unit
    assert f'<option value="{came.pk}">Ấp 1 (Xã Tân Hòa) — {commune}</option>' in account
    assert f'<option value="{group.pk}">{group.name} — Ấp 1 (Xã Tân Hòa), {commune}' in account
    boards = client.get("/to-chuc/ban-van-dong/").content.decode()
    assert '<div class="row-text">Ấp 1 <small class="muted">(Xã Tân Hòa)</small> ' in boards


def test_a_hamlet_shown_alone_is_told_apart_from_its_namesakes(merged, django_assert_num_queries):
    first, second, came = merged
    with django_assert_num_queries(2):
        asides = told_apart_from_namesakes([came])
    assert asides[("hamlet", came.pk)] == "Xã Tân Hòa"
    with django_assert_num_queries(1):
        assert told_apart_from_namesakes([second, second]) == {}
    left = Commune.objects.get(name="Xã Tân Hòa")
    with django_assert_num_queries(0):
        assert told_apart_from_namesakes([]) == {}
        # Beside the commune it left, that commune's name tells already.
        assert told_apart_beside([(came, left.pk)]) == {}
    assert told_apart_beside([(first, first.commune_id)])[("hamlet", first.pk)] == first.code


def test_pages_naming_one_hamlet_beside_its_commune_tell_it_apart(merged, world, client):
    """A group's meeting and households, a petition and the petition queue, the board list:
    each names one hamlet beside its commune, and the other "Ấp 1" is not on the page."""
    _first, _second, came = merged
    group = came.groups.get()
    commune = world.a.commune.name
    told = f'Ấp 1 <small class="muted">(Xã Tân Hòa)</small>, {commune}'
    raised = PetitionFactory(
        group=group, raised_on=datetime.date(2026, 10, 5), due_on=datetime.date(2026, 10, 20)
    )
    before = PetitionFactory(  # raised in Xã Tân Hòa: named there, nothing to tell apart
        group=group, raised_on=datetime.date(2025, 5, 5), due_on=datetime.date(2025, 5, 20)
    )
    MobilisationBoardFactory(hamlet=came)
    client.force_login(make_user(Scope.Role.COMMUNE, world.a.commune))
    assert told in client.get(f"/sinh-hoat/to/{group.pk}/2026/10/").content.decode()
    assert told in client.get(f"/binh-xet/to/{group.pk}/2026/").content.decode()
    assert told in client.get(f"/kien-nghi/{raised.pk}/").content.decode()
    assert "Ấp 1, Xã Tân Hòa" in client.get(f"/kien-nghi/{before.pk}/").content.decode()
    assert told in client.get("/kien-nghi/?trang_thai=all&cap=all").content.decode()
    boards = client.get("/to-chuc/ban-van-dong/").content.decode()
    assert '<strong>Ấp 1 <small class="muted">(Xã Tân Hòa)</small></strong>' in boards
    # The district's dashboard lists the communes, and the groups without a leader by hamlet.
    client.force_login(make_user(Scope.Role.STEERING, world.district))
    district = client.get(f"/chi-tieu/huyen/{world.district.pk}/").content.decode()
    assert f"{told}</small>" in district


def test_the_forms_read_their_hamlets_once(merged, world, client):
    """Told apart, then listed: one reading of the hamlets, not one for each."""
    client.force_login(make_user(Scope.Role.ADMIN, world.district))
    for url in ("/nguoi-dung/tao-moi/", "/to-chuc/ban-van-dong/moi/"):
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        assert "Ấp 1 (Xã Tân Hòa)" in page
        hamlets = [q for q in captured.captured_queries if 'FROM "hierarchy_hamlet"' in q["sql"]]
        assert len(hamlets) == 1, url
