"""The demo district: `seed_demo --small` in detail, and one full build checked for its shape."""

import datetime
import io
from collections import Counter
from dataclasses import dataclass

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import RequestFactory
from django.utils import timezone

from apps.accounts.models import Scope, User
from apps.hierarchy.models import Commune, District, Group, Hamlet
from apps.people.models import GroupRole, Household, PartyOversight, Person

# Every test here needs the test database, the full build's module fixture included: without
# the mark, selecting only full-build tests would leave the development database connected.
pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem-7"

# The town and seventeen communes of Cao Lãnh district (Đồng Tháp) before the 2025 merger.
CAO_LANH_COMMUNES = {
    "Thị trấn Mỹ Thọ",
    "Xã An Bình",
    "Xã Ba Sao",
    "Xã Bình Hàng Tây",
    "Xã Bình Hàng Trung",
    "Xã Bình Thạnh",
    "Xã Gáo Giồng",
    "Xã Mỹ Hiệp",
    "Xã Mỹ Hội",
    "Xã Mỹ Long",
    "Xã Mỹ Thọ",
    "Xã Mỹ Xương",
    "Xã Nhị Mỹ",
    "Xã Phong Mỹ",
    "Xã Phương Thịnh",
    "Xã Phương Trà",
    "Xã Tân Hội Trung",
    "Xã Tân Nghĩa",
}


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def seed_small(seed_value: int = 7) -> str:
    return seed("--small", "--seed", str(seed_value), "--password", PASSWORD)


def login(username: str, password: str) -> User | None:
    # The lockout backend (django-axes) needs the request.
    return authenticate(RequestFactory().post("/dang-nhap/"), username=username, password=password)


def snapshot() -> dict[str, list[tuple]]:
    """Everything the builder writes, without database ids."""

    def rows(queryset, *fields) -> list[tuple]:
        return sorted(queryset.values_list(*fields), key=repr)

    return {
        "districts": rows(District.objects, "code", "name", "province"),
        "communes": rows(Commune.objects, "code", "name", "kind"),
        "hamlets": rows(Hamlet.objects, "commune__code", "code", "name", "kind"),
        "groups": rows(
            Group.objects,
            "hamlet__code",
            "code",
            "name",
            "status",
            "planned_on",
            "activated_on",
            "dissolved_on",
        ),
        "households": rows(Household.objects, "group__code", "code", "address", "joined_on"),
        "people": rows(
            Person.objects,
            "household__code",
            "full_name",
            "gender",
            "birth_year",
            "phone",
            "is_household_head",
            "is_party_member",
        ),
        "roles": rows(
            GroupRole.objects,
            "group__code",
            "person__household__code",
            "person__full_name",
            "role",
            "started_on",
            "ended_on",
        ),
        "oversights": rows(
            PartyOversight.objects,
            "group__code",
            "person__household__code",
            "person__full_name",
            "started_on",
            "ended_on",
        ),
        "users": rows(User.objects, "username", "first_name", "is_staff", "is_superuser"),
        "scopes": rows(
            Scope.objects,
            "user__username",
            "role",
            "district__code",
            "commune__code",
            "hamlet__code",
            "group__code",
        ),
    }


def delete_demo() -> None:
    """Empty the tables the builder fills, children first."""
    for model in (Scope, User, PartyOversight, GroupRole, Person, Household, Group, Hamlet):
        model.objects.all().delete()
    Commune.objects.all().delete()
    District.objects.all().delete()


# The small build


@pytest.fixture
def small(db):
    seed_small()


def test_small_demo_has_one_commune_of_cao_lanh_district(small):
    district = District.objects.get()
    commune = Commune.objects.get()

    assert (district.name, district.province) == ("Huyện Cao Lãnh", "Tỉnh Đồng Tháp")
    assert commune.district == district
    assert commune.name in CAO_LANH_COMMUNES


def test_small_demo_has_hamlets_each_with_groups_of_households(small):
    commune = Commune.objects.get()
    hamlets = list(commune.hamlets.annotate(groups_count=Count("groups")))

    assert len(hamlets) == Hamlet.objects.count() == 3
    assert all(4 <= h.groups_count <= 6 for h in hamlets)
    households = Counter(Household.objects.values_list("group_id", flat=True))
    assert set(households) == set(Group.objects.values_list("pk", flat=True))
    assert all(8 <= n <= 12 for n in households.values())


def test_small_demo_gives_every_household_people_and_exactly_one_head(small):
    households = Household.objects.annotate(
        members=Count("people"), heads=Count("people", filter=Q(people__is_household_head=True))
    )

    assert households.exists()
    assert not households.filter(members=0).exists()
    assert not households.exclude(heads=1).exists()


def test_small_demo_names_are_stored_in_nfc_and_folded(small):
    person = Person.objects.order_by("pk").first()

    assert person.name_folded
    assert person.name_folded.isascii()
    assert Person.objects.filter(name_folded=person.name_folded).exists()


def test_small_demo_role_holders_are_adults_living_in_their_group(small):
    today = timezone.localdate()
    roles = GroupRole.objects.all()

    assert roles.exists()
    assert not roles.exclude(person__household__group=F("group")).exists()
    assert not roles.filter(person__birth_year__gt=today.year - 18).exists()


def test_small_demo_creates_the_administrator_and_the_steering_committee(small):
    admin = User.objects.get(username="admin")
    huyen = User.objects.get(username="huyen")

    assert admin.is_superuser and admin.is_staff
    assert not admin.scopes.exists()
    assert list(huyen.scopes.values_list("role", "district")) == [
        (Scope.Role.STEERING, District.objects.get().pk)
    ]


def test_small_demo_creates_a_user_for_the_commune_and_each_hamlet(small):
    commune = Commune.objects.get()

    official = User.objects.get(username=f"xa-{commune.code}")

    assert list(official.scopes.values_list("role", "commune")) == [
        (Scope.Role.COMMUNE, commune.pk)
    ]
    for hamlet in Hamlet.objects.all():
        user = User.objects.get(username=f"ap-{hamlet.code}")
        assert list(user.scopes.values_list("role", "hamlet")) == [(Scope.Role.HAMLET, hamlet.pk)]


def test_small_demo_creates_a_group_leader_user_for_each_group_not_dissolved(small):
    for group in Group.objects.exclude(status=Group.Status.DISSOLVED):
        user = User.objects.get(username=f"to-{group.code}")
        assert list(user.scopes.values_list("role", "group")) == [
            (Scope.Role.GROUP_LEADER, group.pk)
        ]
    dissolved = Group.objects.filter(status=Group.Status.DISSOLVED)
    assert not User.objects.filter(username__in=[f"to-{g.code}" for g in dissolved]).exists()


def test_small_demo_creates_no_other_users(small):
    expected = 2 + 1 + Hamlet.objects.count()
    expected += Group.objects.exclude(status=Group.Status.DISSOLVED).count()

    assert User.objects.count() == expected
    assert Scope.objects.count() == expected - 1


def test_small_demo_users_log_in_with_the_given_password(small):
    commune = Commune.objects.get()
    group = Group.objects.exclude(status=Group.Status.DISSOLVED).first()

    for username in ("admin", "huyen", f"xa-{commune.code}", f"to-{group.code}"):
        assert login(username, PASSWORD) == User.objects.get(username=username)


def test_small_demo_users_refuse_another_password(small):
    assert login("huyen", "tocdp-demo-2026") is None
    assert login("huyen", PASSWORD.upper()) is None


def test_seed_demo_reports_what_it_built(db):
    output = seed_small()

    assert f"{Household.objects.count()} households, {Person.objects.count()} people" in output
    assert PASSWORD not in output


# Determinism


def test_the_same_seed_builds_the_same_district(db):
    seed_small(7)
    first = snapshot()
    delete_demo()
    assert not District.objects.exists()

    seed_small(7)

    assert snapshot() == first


def test_another_seed_builds_another_district(db):
    seed_small(7)
    first = snapshot()
    delete_demo()

    seed_small(8)
    second = snapshot()

    assert second["people"] != first["people"]
    assert second != first


# Refusing to build twice


def test_if_empty_on_a_built_database_does_nothing(small):
    before = snapshot()

    output = seed("--small", "--seed", "8", "--if-empty")

    assert "nothing to do" in output
    assert snapshot() == before


def test_seed_demo_on_a_built_database_is_an_error(small):
    before = snapshot()

    with pytest.raises(CommandError):
        seed("--small", "--seed", "8")

    assert snapshot() == before


def test_if_empty_on_an_empty_database_builds(db):
    seed("--small", "--seed", "7", "--if-empty")

    assert District.objects.count() == 1
    assert Household.objects.exists()


# The full build: one build, its facts gathered, then rolled back.


@dataclass(frozen=True, repr=False)
class Facts:
    today: datetime.date
    commune_names: list[str]
    hamlets: int
    groups: int
    planned: int
    active: int
    not_dissolved: int
    households: int
    households_without_people: int
    households_without_exactly_one_head: int
    current_leaders_per_group: Counter
    party_member_leaders: int
    deputies_per_group: Counter
    overseen_groups: int
    overseers_not_party_members: int
    roles_outside_their_group: int
    roles_of_minors: int
    current_roles_in_dissolved_groups: int
    roles_in_planned_groups: int
    groups_with_a_past_leader: int
    users: int
    usernames: set[str]


def gather_facts(today: datetime.date) -> Facts:
    active = Group.objects.active_on(today)
    leaders = GroupRole.objects.held_on(today).filter(group__in=active, role=GroupRole.Role.LEADER)
    deputies = GroupRole.objects.held_on(today).filter(group__in=active, role=GroupRole.Role.DEPUTY)
    households = Household.objects.annotate(
        members=Count("people"), heads=Count("people", filter=Q(people__is_household_head=True))
    )
    return Facts(
        today=today,
        commune_names=list(Commune.objects.values_list("name", flat=True)),
        hamlets=Hamlet.objects.count(),
        groups=Group.objects.count(),
        planned=Group.objects.filter(status=Group.Status.PLANNED).count(),
        active=active.count(),
        not_dissolved=Group.objects.exclude(status=Group.Status.DISSOLVED).count(),
        households=Household.objects.count(),
        households_without_people=households.filter(members=0).count(),
        households_without_exactly_one_head=households.exclude(heads=1).count(),
        current_leaders_per_group=Counter(leaders.values_list("group_id", flat=True)),
        party_member_leaders=leaders.filter(person__is_party_member=True)
        .values("group")
        .distinct()
        .count(),
        deputies_per_group=Counter(deputies.values_list("group_id", flat=True)),
        overseen_groups=PartyOversight.objects.held_on(today)
        .filter(group__in=active)
        .values("group")
        .distinct()
        .count(),
        overseers_not_party_members=PartyOversight.objects.filter(
            person__is_party_member=False
        ).count(),
        roles_outside_their_group=GroupRole.objects.exclude(
            person__household__group=F("group")
        ).count(),
        roles_of_minors=GroupRole.objects.filter(person__birth_year__gt=today.year - 18).count(),
        current_roles_in_dissolved_groups=GroupRole.objects.filter(
            group__status=Group.Status.DISSOLVED, ended_on__isnull=True
        ).count(),
        roles_in_planned_groups=GroupRole.objects.filter(
            group__status=Group.Status.PLANNED
        ).count(),
        groups_with_a_past_leader=GroupRole.objects.filter(
            role=GroupRole.Role.LEADER, ended_on__lt=today
        )
        .values("group")
        .distinct()
        .count(),
        users=User.objects.count(),
        usernames=set(User.objects.values_list("username", flat=True)),
    )


@pytest.fixture(scope="module")
def full(django_db_setup, django_db_blocker) -> Facts:
    """Build the full district once for this module and keep only the facts."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        facts = gather_facts(timezone.localdate())
        transaction.set_rollback(True)
    return facts


def test_full_demo_has_the_18_communes_of_cao_lanh_district(full):
    assert len(full.commune_names) == 18
    assert set(full.commune_names) == CAO_LANH_COMMUNES


def test_full_demo_has_85_to_100_hamlets(full):
    assert 85 <= full.hamlets <= 100


def test_full_demo_has_1750_to_1900_groups_a_few_of_them_planned(full):
    assert 1_750 <= full.groups <= 1_900
    assert full.planned >= 5
    assert full.planned <= 0.03 * full.groups


def test_full_demo_has_45000_to_50000_households(full):
    assert 45_000 <= full.households <= 50_000


def test_full_demo_gives_every_household_people_and_exactly_one_head(full):
    assert full.households_without_people == 0
    assert full.households_without_exactly_one_head == 0


def test_full_demo_has_a_current_leader_in_at_least_90_percent_of_active_groups(full):
    assert full.active > 0
    assert set(full.current_leaders_per_group.values()) == {1}
    assert len(full.current_leaders_per_group) >= 0.90 * full.active


def test_full_demo_has_1_to_2_deputies_per_active_group(full):
    assert 1.0 <= full.deputies_per_group.total() / full.active <= 2.0


def test_full_demo_gives_every_group_with_a_leader_1_or_2_deputies(full):
    deputies = {full.deputies_per_group[group] for group in full.current_leaders_per_group}

    assert deputies <= {1, 2}


def test_full_demo_has_party_member_leaders_in_20_to_30_percent_of_active_groups(full):
    assert 0.20 <= full.party_member_leaders / full.active <= 0.30


def test_full_demo_has_party_overseers_in_45_to_55_percent_of_active_groups(full):
    assert 0.45 <= full.overseen_groups / full.active <= 0.55


def test_full_demo_overseers_are_all_party_members(full):
    assert full.overseers_not_party_members == 0


def test_full_demo_role_holders_are_adults_living_in_their_group(full):
    assert full.roles_outside_their_group == 0
    assert full.roles_of_minors == 0


def test_full_demo_roles_follow_the_group_status(full):
    assert full.current_roles_in_dissolved_groups == 0
    assert full.roles_in_planned_groups == 0


def test_full_demo_keeps_some_leader_history(full):
    assert full.groups_with_a_past_leader > 0


def test_full_demo_has_one_user_per_unit(full):
    assert full.users == 1 + 1 + 18 + full.hamlets + full.not_dissolved
    assert {"admin", "huyen"} <= full.usernames
    assert sum(name.startswith("xa-") for name in full.usernames) == 18
    assert sum(name.startswith("ap-") for name in full.usernames) == full.hamlets
    assert sum(name.startswith("to-") for name in full.usernames) == full.not_dissolved
