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
from django.db.models import Count, F, Max, Min, Q
from django.test import RequestFactory
from django.utils import timezone

from apps.accounts.models import Scope, User
from apps.core.periods import Month
from apps.demo.meetings import ActivityBuilder, ActivityCounts
from apps.hierarchy.models import Commune, District, Group, Hamlet
from apps.meetings.models import THEME_FIELDS, Meeting, MonthlyProgramme, OutreachSession, any_theme
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
        "meetings": rows(
            Meeting.objects,
            "group__code",
            "month",
            "held_on",
            "attendees",
            "households_represented",
            "households_total",
            "overseer_attended",
            "minutes",
            "decisions",
            "recorded_on",
            *THEME_FIELDS,
        ),
        "programmes": rows(
            MonthlyProgramme.objects, "commune__code", "month", "talking_points", *THEME_FIELDS
        ),
        "outreach": rows(
            OutreachSession.objects,
            "held_on",
            "district__code",
            "commune__code",
            "hamlet__code",
            "group__code",
            "theme",
            "attendees",
            "notes",
        ),
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
    for model in (Meeting, MonthlyProgramme, OutreachSession):
        model.objects.all().delete()
        model.history.all().delete()
    for model in (Scope, User, PartyOversight, GroupRole, Person, Household, Group, Hamlet):
        model.objects.all().delete()
    Commune.objects.all().delete()
    District.objects.all().delete()


# Meetings, programmes and outreach sessions: their facts, gathered the same way for both builds.


def last_36_months(today: datetime.date) -> list[Month]:
    months = [Month.of(today)]
    while len(months) < 36:
        months.append(months[-1].previous())
    return months[::-1]


@dataclass(frozen=True, repr=False)
class ActivityFacts:
    today: datetime.date
    months: list[Month]
    # Per month: (groups active in it, of them with a meeting).
    month_counts: dict[Month, tuple[int, int]]
    meetings: int
    meetings_outside_the_36_months: int
    meetings_of_groups_not_active_in_their_month: int
    meetings_held_outside_the_group_active_days: int
    meetings_held_outside_their_month: int
    meetings_held_or_recorded_after_today: int
    meetings_recorded_before_held: int
    meetings_with_wrong_households_total: int
    meetings_with_households_out_of_range: int
    meetings_below_60_percent_of_households: int
    meetings_with_fewer_attendees_than_households: int
    meetings_without_a_theme: int
    meetings_without_minutes: int
    meetings_not_fresh: int
    meetings_recorded_late: int
    theme_shares: dict[str, float]
    defence_share_per_year: list[float]
    overseen_meetings: int
    overseen_meetings_attended: int
    overseer_attended_without_oversight: int
    programmes: int
    programmes_without_a_theme: int
    programmes_without_talking_points: int
    programmes_outside_the_36_months: int
    programme_theme_counts: Counter
    sessions_per_level: Counter
    sessions_attendees: dict[str, tuple[int, int]]
    sessions_with_inconsistent_units: int
    sessions_outside_the_36_months: int
    sessions_without_a_theme: int

    def share(self, month: Month) -> float:
        active, met = self.month_counts[month]
        return met / active


def gather_activity_facts(today: datetime.date) -> ActivityFacts:
    months = last_36_months(today)
    month_days = {m.first_day: m for m in months}
    first = months[0].first_day

    month_counts = {}
    not_active = 0
    for month in months:
        active = Group.objects.active_between(month.first_day, month.last_day)
        met = Meeting.objects.filter(month=month.first_day)
        month_counts[month] = (active.count(), met.count())
        not_active += met.exclude(group__in=active).count()

    groups = {
        pk: (activated, dissolved)
        for pk, activated, dissolved in Group.objects.values_list(
            "pk", "activated_on", "dissolved_on"
        )
    }
    households = Counter(Household.objects.values_list("group_id", flat=True))
    oversights: dict[int, list[tuple]] = {}
    for group_id, started, ended in PartyOversight.objects.values_list(
        "group_id", "started_on", "ended_on"
    ):
        oversights.setdefault(group_id, []).append((started, ended))

    rows = list(
        Meeting.objects.values_list(
            "group_id",
            "month",
            "held_on",
            "recorded_on",
            "households_represented",
            "households_total",
            "attendees",
            "overseer_attended",
            "version",
            "updated_at",
            *THEME_FIELDS,
        )
    )
    facts = Counter()
    theme_counts = Counter()
    defence_per_year = [[0, 0], [0, 0], [0, 0]]
    for row in rows:
        group_id, month_day, held, recorded, represented, total, attendees, attended = row[:8]
        version, updated_at, themes = row[8], row[9], row[10:]
        activated, dissolved = groups[group_id]
        month = month_days.get(month_day)
        facts["outside"] += month is None
        facts["outside_month"] += month is None or not (month_day <= held <= month.last_day)
        facts["outside_active"] += held < activated or (dissolved is not None and held > dissolved)
        facts["after_today"] += held > today or recorded > today
        facts["recorded_before_held"] += recorded < held
        facts["late"] += month is not None and recorded > month.due_on
        facts["wrong_total"] += total != households[group_id]
        facts["out_of_range"] += not 1 <= represented <= total
        facts["below_60"] += represented * 5 < total * 3
        facts["few_attendees"] += attendees < represented
        facts["not_fresh"] += version != 1 or updated_at is None
        overseen = any(
            s <= held and (e is None or held <= e) for s, e in oversights.get(group_id, ())
        )
        facts["overseen"] += overseen
        facts["overseen_attended"] += overseen and attended
        facts["attended_without_oversight"] += attended and not overseen
        for name, covered in zip(THEME_FIELDS, themes, strict=True):
            theme_counts[name] += covered
        if month is not None:
            year = months.index(month) // 12
            defence_per_year[year][0] += themes[-1]
            defence_per_year[year][1] += 1

    programmes = MonthlyProgramme.objects.all()
    sessions = OutreachSession.objects.all()
    levels = {
        "district": sessions.filter(commune__isnull=True, hamlet__isnull=True, group__isnull=True),
        "commune": sessions.filter(commune__isnull=False, hamlet__isnull=True, group__isnull=True),
        "hamlet": sessions.filter(hamlet__isnull=False, group__isnull=True),
        "group": sessions.filter(group__isnull=False),
    }
    attendees = {
        level: tuple(qs.aggregate(low=Min("attendees"), high=Max("attendees")).values())
        for level, qs in levels.items()
    }
    # The unit's ancestors, as the hierarchy has them: None above the unit's level.
    parent = {
        "commune": dict(Commune.objects.values_list("pk", "district_id")),
        "hamlet": dict(Hamlet.objects.values_list("pk", "commune_id")),
        "group": dict(Group.objects.values_list("pk", "hamlet_id")),
    }
    inconsistent = 0
    for district_id, commune_id, hamlet_id, group_id in sessions.values_list(
        "district_id", "commune_id", "hamlet_id", "group_id"
    ):
        inconsistent += (
            (group_id is not None and parent["group"][group_id] != hamlet_id)
            or (hamlet_id is not None and parent["hamlet"][hamlet_id] != commune_id)
            or (commune_id is not None and parent["commune"][commune_id] != district_id)
        )
    return ActivityFacts(
        today=today,
        months=months,
        month_counts=month_counts,
        meetings=len(rows),
        meetings_outside_the_36_months=facts["outside"],
        meetings_of_groups_not_active_in_their_month=not_active,
        meetings_held_outside_the_group_active_days=facts["outside_active"],
        meetings_held_outside_their_month=facts["outside_month"],
        meetings_held_or_recorded_after_today=facts["after_today"],
        meetings_recorded_before_held=facts["recorded_before_held"],
        meetings_with_wrong_households_total=facts["wrong_total"],
        meetings_with_households_out_of_range=facts["out_of_range"],
        meetings_below_60_percent_of_households=facts["below_60"],
        meetings_with_fewer_attendees_than_households=facts["few_attendees"],
        meetings_without_a_theme=Meeting.objects.exclude(any_theme()).count(),
        meetings_without_minutes=Meeting.objects.filter(minutes="").count(),
        meetings_not_fresh=facts["not_fresh"],
        meetings_recorded_late=facts["late"],
        theme_shares={name: theme_counts[name] / max(len(rows), 1) for name in THEME_FIELDS},
        defence_share_per_year=[covered / max(n, 1) for covered, n in defence_per_year],
        overseen_meetings=facts["overseen"],
        overseen_meetings_attended=facts["overseen_attended"],
        overseer_attended_without_oversight=facts["attended_without_oversight"],
        programmes=programmes.count(),
        programmes_without_a_theme=programmes.exclude(any_theme()).count(),
        programmes_without_talking_points=programmes.filter(talking_points="").count(),
        programmes_outside_the_36_months=programmes.exclude(month__in=list(month_days)).count(),
        programme_theme_counts=Counter(sum(row) for row in programmes.values_list(*THEME_FIELDS)),
        sessions_per_level=Counter({level: qs.count() for level, qs in levels.items()}),
        sessions_attendees=attendees,
        sessions_with_inconsistent_units=inconsistent,
        sessions_outside_the_36_months=sessions.exclude(held_on__range=(first, today)).count(),
        sessions_without_a_theme=sessions.filter(theme="").count(),
    )


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
    assert (
        f"{Meeting.objects.count()} monthly meetings, "
        f"{MonthlyProgramme.objects.count()} monthly programmes, "
        f"{OutreachSession.objects.count()} outreach sessions"
    ) in output
    assert PASSWORD not in output


# The small build's meetings, programmes and outreach sessions


@pytest.fixture
def small_activity(small) -> ActivityFacts:
    return gather_activity_facts(timezone.localdate())


def test_small_demo_has_meetings_for_86_to_94_percent_of_active_groups_each_past_month(
    small_activity,
):
    for month in small_activity.months[:-1]:
        active, met = small_activity.month_counts[month]
        # A share of a dozen groups is a whole number of them: allow one group either way.
        assert active > 0
        assert 0.86 - 1 / active <= met / active <= 0.94 + 1 / active, month


def test_small_demo_meetings_keep_to_their_group_month_and_households(small_activity):
    facts = small_activity

    assert facts.meetings > 0
    assert facts.meetings_outside_the_36_months == 0
    assert facts.meetings_of_groups_not_active_in_their_month == 0
    assert facts.meetings_held_outside_the_group_active_days == 0
    assert facts.meetings_held_outside_their_month == 0
    assert facts.meetings_held_or_recorded_after_today == 0
    assert facts.meetings_with_wrong_households_total == 0
    assert facts.meetings_with_households_out_of_range == 0
    assert facts.meetings_without_a_theme == 0
    assert facts.overseer_attended_without_oversight == 0


def test_small_demo_has_programmes_and_outreach_sessions_at_every_level(small_activity):
    facts = small_activity

    assert 0.65 * 36 <= facts.programmes <= 36
    assert facts.programmes_without_a_theme == 0
    assert facts.sessions_per_level["district"] > 0
    assert facts.sessions_per_level["commune"] > 0
    assert facts.sessions_per_level["hamlet"] > 0
    assert facts.sessions_with_inconsistent_units == 0
    assert facts.sessions_outside_the_36_months == 0


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
    assert second["meetings"] != first["meetings"]
    assert second != first


def test_meetings_programmes_and_outreach_are_drawn_after_everything_else(db, monkeypatch):
    """Adding them changed nothing the same seed built before."""
    seed_small(7)
    with_activity = snapshot()
    delete_demo()
    monkeypatch.setattr(ActivityBuilder, "build", lambda self, **units: ActivityCounts(0, 0, 0))

    seed_small(7)
    without_activity = snapshot()

    activity = ("meetings", "programmes", "outreach")
    assert all(with_activity[key] for key in activity)
    assert not any(without_activity[key] for key in activity)
    assert {k: v for k, v in without_activity.items() if k not in activity} == {
        k: v for k, v in with_activity.items() if k not in activity
    }


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
    activity: ActivityFacts


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
        activity=gather_activity_facts(today),
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


# The full build's meetings, programmes and outreach sessions


def test_full_demo_has_meetings_for_85_to_95_percent_of_active_groups_each_past_month(full):
    months = full.activity.months

    assert len(months) == 36
    assert months[-1] == Month.of(full.today)
    for month in months[:-1]:
        assert 0.85 <= full.activity.share(month) <= 0.95, month


def test_full_demo_this_month_has_fewer_meetings_so_far_and_none_after_today(full):
    month = full.activity.months[-1]
    active, met = full.activity.month_counts[month]
    elapsed = full.today.day / month.last_day.day

    # Some groups have not recorded yet: the status page shows them.
    assert met < active
    assert met / active <= 0.94 * elapsed + 0.01
    assert full.activity.meetings_held_or_recorded_after_today == 0


def test_full_demo_has_no_meeting_outside_its_group_active_period(full):
    assert full.activity.meetings_outside_the_36_months == 0
    assert full.activity.meetings_of_groups_not_active_in_their_month == 0
    assert full.activity.meetings_held_outside_the_group_active_days == 0


def test_full_demo_meetings_are_held_in_their_month_and_recorded_after(full):
    assert full.activity.meetings_held_outside_their_month == 0
    assert full.activity.meetings_recorded_before_held == 0
    assert full.activity.meetings_not_fresh == 0


def test_full_demo_meetings_count_the_group_households(full):
    facts = full.activity

    assert facts.meetings_with_wrong_households_total == 0
    assert facts.meetings_with_households_out_of_range == 0
    assert facts.meetings_below_60_percent_of_households == 0
    assert facts.meetings_with_fewer_attendees_than_households == 0


def test_full_demo_meetings_all_have_a_theme_and_minutes(full):
    shares = full.activity.theme_shares

    assert full.activity.meetings_without_a_theme == 0
    assert full.activity.meetings_without_minutes == 0
    assert 0.92 <= shares["theme_safety"] <= 0.98
    assert 0.75 <= shares["theme_culture"] <= 0.85
    assert 0.65 <= shares["theme_study"] <= 0.75
    assert 0.55 <= shares["theme_farmers"] <= 0.65


def test_full_demo_covers_national_defence_more_every_year(full):
    first, second, third = full.activity.defence_share_per_year

    assert 0.15 <= first <= 0.25
    assert first < second < third
    assert 0.55 <= third <= 0.65


def test_full_demo_records_3_to_12_percent_of_meetings_late(full):
    assert 0.03 <= full.activity.meetings_recorded_late / full.activity.meetings <= 0.12


def test_full_demo_overseers_attend_about_80_percent_of_the_meetings_they_oversee(full):
    facts = full.activity

    assert facts.overseer_attended_without_oversight == 0
    assert 0.75 <= facts.overseen_meetings_attended / facts.overseen_meetings <= 0.85


def test_full_demo_has_a_programme_for_most_commune_months(full):
    facts = full.activity

    assert 0.85 <= facts.programmes / (18 * 36) <= 0.95
    assert facts.programmes_without_a_theme == 0
    assert facts.programmes_without_talking_points == 0
    assert facts.programmes_outside_the_36_months == 0
    assert set(facts.programme_theme_counts) <= {2, 3, 4}


def test_full_demo_has_outreach_sessions_at_district_commune_and_hamlet_levels(full):
    sessions = full.activity.sessions_per_level

    assert 20 <= sessions["district"] <= 55
    assert 1.7 <= sessions["commune"] / (18 * 36) <= 2.3
    assert 0.25 <= sessions["hamlet"] / (full.hamlets * 36) <= 0.42
    assert sessions["group"] == 0


def test_full_demo_outreach_sessions_fill_their_ancestors_and_stay_in_range(full):
    facts = full.activity
    low, high = facts.sessions_attendees["hamlet"]

    assert facts.sessions_with_inconsistent_units == 0
    assert facts.sessions_outside_the_36_months == 0
    assert facts.sessions_without_a_theme == 0
    assert 30 <= low <= high <= 250
    for level in ("district", "commune"):
        level_low, level_high = facts.sessions_attendees[level]
        assert low < level_low <= level_high <= 250
