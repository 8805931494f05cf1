"""The small demo (`seed_demo --small`) in detail: its units, people, users, meetings,
petitions, assessments and organisation."""

from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from apps.accounts.models import Scope, User
from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from apps.demo.petitions import WAITING
from apps.hierarchy.models import (
    Commune,
    District,
    Group,
    Hamlet,
)
from apps.meetings.models import Meeting, MonthlyProgramme, OutreachSession
from apps.organisation.models.boards import BoardMember, MobilisationBoard
from apps.organisation.models.commendations import Commendation
from apps.organisation.models.committees import (
    CommitteeAssignment,
    CommitteeMember,
    SteeringCommittee,
)
from apps.organisation.models.documents import Document
from apps.organisation.models.visits import FollowUp, SupervisionVisit
from apps.people.models import GroupRole, Household, Person
from apps.petitions.models import Petition, PetitionEvent
from tests.demo.support import (
    CAO_LANH_COMMUNES,
    ORGANISATION_MODELS,
    PASSWORD,
    assert_every_unit_assessed_once_a_year,
    assert_petitions_keep_the_rules,
    gather_assessment_facts,
    gather_petition_facts,
    login,
    seed_small,
)

# Every test here needs the test database: without the mark, selecting only some tests
# would leave the development database connected. They share one build of the small demo,
# so they run in one test process (make test's loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("small_demo")]


@pytest.fixture(scope="module")
def small(django_db_setup, django_db_blocker) -> str:
    """The small demo, built once for this module's tests (each runs in a transaction of its
    own inside it, rolled back after it) and rolled back after them; what seed_demo said."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_small()
        transaction.set_rollback(True)


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


def test_seed_demo_reports_what_it_built(small):
    output = small

    assert f"{Household.objects.count()} households, {Person.objects.count()} people" in output
    assert (
        f"{Meeting.objects.count()} monthly meetings, "
        f"{MonthlyProgramme.objects.count()} monthly programmes, "
        f"{OutreachSession.objects.count()} outreach sessions"
    ) in output
    assert (
        f"{Petition.objects.count()} petitions, {PetitionEvent.objects.count()} petition events"
    ) in output
    assert (
        f"{HouseholdAssessment.objects.count()} household, "
        f"{GroupAssessment.objects.count()} group, {HamletAssessment.objects.count()} hamlet "
        f"and {CommuneAssessment.objects.count()} commune assessments"
    ) in output


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


# The small build's petitions and assessments


def test_small_demo_has_petitions_with_stories_that_keep_the_rules(small):
    facts = gather_petition_facts(timezone.localdate())

    # About 0.055 petitions a month for each of a dozen or so groups.
    assert all(3 <= n <= 25 for n in facts.per_year), facts.per_year
    assert facts.raised_at_meetings > 0
    assert facts.closed > facts.open
    assert facts.events >= facts.petitions
    assert_petitions_keep_the_rules(facts)


def test_small_demo_signs_every_petition_event_with_a_demo_account(small):
    facts = gather_petition_facts(timezone.localdate())

    # The small build's groups have their leaders' accounts: every event has its author.
    assert facts.events_signed == facts.events > 0
    assert facts.events_not_by_the_account_handling_their_level == 0


def test_small_demo_gives_each_commune_and_hamlet_official_petitions_to_handle(small, client):
    officials = Scope.objects.filter(role__in=[Scope.Role.COMMUNE, Scope.Role.HAMLET])
    for scope in officials.select_related("user"):
        client.force_login(scope.user)

        queue = list(client.get("/kien-nghi/").context["page"])

        level = "commune" if scope.role == Scope.Role.COMMUNE else "hamlet"
        assert len(queue) >= WAITING[level], scope.user.username
        assert {(p.level, p.is_closed) for p in queue} == {(level, False)}
        taken = PetitionEvent.objects.filter(petition__in=queue, action="taken")
        assert set(taken.values_list("by", flat=True)) <= {scope.user.pk}
    commune_official = officials.get(role=Scope.Role.COMMUNE).user
    taken = PetitionEvent.objects.filter(by=commune_official, action="taken").first()
    client.force_login(commune_official)
    page = client.get(f"/kien-nghi/{taken.petition_id}/").content.decode()
    assert f"{commune_official.first_name}</li>" not in page  # the name, then the state
    assert commune_official.first_name in page


def test_small_demo_assesses_every_unit_for_the_last_three_years(small):
    today = timezone.localdate()
    facts = gather_assessment_facts()

    assert facts.years == [today.year - 3, today.year - 2, today.year - 1]
    assert_every_unit_assessed_once_a_year(facts)
    assert facts.cultural_families_not_3_khong == 0
    assert facts.assessed_by_someone == 0
    for year in facts.years:
        assert 0.70 <= facts.per_year[year].share("three_no", "households") <= 1
        assert 0.60 <= facts.per_year[year].share("cultural_families", "households") <= 1
    assert [len(facts.per_year[year].cultural_communes) for year in facts.years] == [0, 0, 1]


def test_small_demo_has_committees_boards_visits_commendations_and_documents(small):
    today = timezone.localdate()
    committee = SteeringCommittee.objects.get(commune__isnull=True)
    members = CommitteeMember.objects.filter(committee=committee, ended_on__isnull=True)
    assert set(members.values_list("organisation", flat=True)) >= {
        "front",
        "police",
        "study",
        "farmers",
    }
    assert CommitteeAssignment.objects.filter(member__committee=committee).count() == 1
    assert MobilisationBoard.objects.count() >= 1
    assert BoardMember.objects.count() >= 3 * MobilisationBoard.objects.count()
    assert SupervisionVisit.objects.exists() and Commendation.objects.exists()
    assert Document.objects.filter(commune__isnull=True, file="").count() >= 3
    assert not Document.objects.exclude(file="").exists()
    assert not FollowUp.objects.filter(done_on__gt=today).exists()
    assert not SupervisionVisit.objects.filter(visited_on__gt=today).exists()
    assert not Commendation.objects.filter(decision_date__gt=today).exists()
    for model in ORGANISATION_MODELS:
        for record in model.objects.all():
            record.full_clean()  # dates in order, one body per unit at a time, units that fit


def test_small_demo_visits_are_made_by_members_of_a_committee_above_the_unit(small):
    for visit in SupervisionVisit.objects.prefetch_related("members__committee"):
        assert visit.commune_id is not None
        visitors = list(visit.members.all())
        assert visitors, visit
        for member in visitors:
            assert member.held_on(visit.visited_on)
            if member.committee.commune_id is None:
                assert visit.hamlet_id is None  # the district's committee visits communes
            else:
                assert member.committee.commune_id == visit.commune_id
                assert visit.hamlet_id is not None
