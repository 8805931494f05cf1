"""The reference data in fixtures/: Đồng Tháp before and after 1 July 2025, and the
roster example, loaded as a deployment loads them."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from apps.accounts.models import Scope
from apps.hierarchy.models import Commune, District, Hamlet, Placement, Succession
from apps.hierarchy.placements import OWN_ROWS
from apps.imports.roster_format import read_roster
from apps.imports.roster_import import apply_roster, plan_roster
from apps.people.models import GroupRole, Household, Person
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.date(2025, 6, 30)
REFORM = datetime.date(2025, 7, 1)


@pytest.fixture
def dong_thap():
    call_command("loaddata", "dong_thap_2025", verbosity=0)
    return District.objects.get(code="873"), District.objects.get(code="82")


def test_cao_lanh_district_until_30_june_2025(dong_thap):
    cao_lanh, _ = dong_thap
    assert (cao_lanh.kind, cao_lanh.ended_on) == (District.Kind.DISTRICT, LAST_DAY)
    communes = Commune.objects.filter(district=cao_lanh)
    assert communes.alive_between(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)).count()
    assert communes.count() == 18
    assert list(communes.filter(kind="town").values_list("code", "name")) == [
        ("30076", "Thị trấn Mỹ Thọ")
    ]
    assert not communes.alive_between(REFORM, datetime.date(2026, 12, 31)).exists()


def test_the_province_from_1_july_2025_has_102_communes_and_wards(dong_thap):
    _, province = dong_thap
    assert (province.kind, province.started_on, province.ended_on) == (
        District.Kind.PROVINCE,
        REFORM,
        None,
    )
    alive = Commune.objects.filter(district=province).alive_between(REFORM, REFORM)
    assert alive.count() == 102
    assert alive.filter(kind="ward").count() == 20
    assert not Commune.objects.filter(district=province).alive_between(
        datetime.date(2025, 1, 1), LAST_DAY
    )


def successors(code: str) -> list[tuple[str, str]]:
    old = Commune.objects.get(district__code="873", code=code)
    links = Succession.objects.filter(level="commune", predecessor_id=old.pk)
    return sorted((Commune.objects.get(pk=link.successor_id).name, link.share) for link in links)


def test_the_merger_of_cao_lanh_communes_follows_resolution_1663(dong_thap):
    assert successors("30076") == [("Xã Mỹ Thọ", "whole")]  # the town, into the new commune
    assert successors("30100") == [("Xã Mỹ Thọ", "whole")]
    assert successors("30079") == [("Xã Phong Mỹ", "part"), ("Xã Phú Cường", "part")]
    assert successors("30106") == [("Phường Mỹ Trà", "whole")]
    # Every one of the 18 former communes has a successor; the new Mỹ Thọ has four parts.
    old_ids = Commune.objects.filter(district__code="873").values_list("pk", flat=True)
    predecessors = set(Succession.objects.filter(level="commune").values_list("predecessor_id"))
    assert {(pk,) for pk in old_ids} <= predecessors
    new_my_tho = Commune.objects.get(district__code="82", code="30076")
    assert Succession.objects.filter(level="commune", successor_id=new_my_tho.pk).count() == 4
    assert Succession.objects.get(level="district").successor_id == dong_thap[1].pk


def test_every_commune_is_placed_where_its_parent_says_and_a_second_load_changes_nothing(
    dong_thap,
):
    call_command("loaddata", "dong_thap_2025", verbosity=0)
    assert Commune.objects.count() == Placement.objects.filter(OWN_ROWS["commune"]).count() == 120
    for commune in Commune.objects.all():
        assert commune.placements.get(hamlet=None).district_id == commune.district_id


@pytest.mark.parametrize("superuser", [False, True])
def test_the_roster_example_imports_into_a_hamlet_of_the_new_commune(dong_thap, superuser):
    """ "Xã Mỹ Thọ" names the new commune and the old one: lines go to the one alive."""
    _, province = dong_thap
    new_my_tho = Commune.objects.get(district=province, code="30076")
    Hamlet.objects.create(commune=new_my_tho, code="30076-01", name="Ấp 1", started_on=REFORM)
    admin = make_user(Scope.Role.ADMIN, province, username="tinh", is_superuser=superuser)
    data = (Path(settings.BASE_DIR) / "fixtures" / "roster_example.xlsx").read_bytes()
    plan = plan_roster(read_roster(data, "roster_example.xlsx"), admin, datetime.date(2026, 12, 1))
    assert plan.errors == []
    apply_roster(plan, admin)
    assert Household.objects.filter(group__hamlet__commune=new_my_tho).count() == 3
    assert Person.objects.count() == 5
    leader = GroupRole.objects.filter(role="leader").get()
    assert (leader.person.full_name, leader.started_on) == ("Nguyễn Văn An", REFORM)
    assert leader.group.activated_on == REFORM  # the example's "since" columns
