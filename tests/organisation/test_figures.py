"""The organisation figures against a hand-made fixture.

Commune A has hamlets A (the world's), A2 and A3; commune B has hamlet B.
"""

import datetime

import pytest

from apps.hierarchy.models import Commune, Hamlet
from apps.organisation.figures import (
    CommendationCount,
    commendations_per_year,
    members_per_organisation,
    overdue_follow_ups,
    units_never_visited,
)
from apps.organisation.models import Commendation, CommitteeMember, FollowUp
from tests.factories import (
    CommendationFactory,
    CommitteeMemberFactory,
    CommuneFactory,
    FollowUpFactory,
    HamletFactory,
    SteeringCommitteeFactory,
    SupervisionVisitFactory,
)

D = datetime.date
Org = CommitteeMember.Organisation


@pytest.fixture
def members(world):
    """District committee: 2 current police, 1 front who left in 2025, 1 party from 2027.
    Commune A committee: 1 farmers, 1 police. Commune B's committee ended in 2025 with its
    study-promotion member still on the books."""
    district = SteeringCommitteeFactory(commune=None, district=world.district)
    a = SteeringCommitteeFactory(commune=world.a.commune)
    b = SteeringCommitteeFactory(commune=world.b.commune, ended_on=D(2025, 12, 31))
    for organisation, committee, started, ended in [
        (Org.POLICE, district, D(2019, 1, 1), None),
        (Org.POLICE, district, D(2026, 11, 18), None),
        (Org.FATHERLAND_FRONT, district, D(2019, 1, 1), D(2025, 6, 30)),
        (Org.PARTY_COMMITTEE, district, D(2027, 1, 1), None),
        (Org.FARMERS, a, D(2020, 1, 1), None),
        (Org.POLICE, a, D(2020, 1, 1), D(2026, 11, 18)),
        (Org.STUDY_PROMOTION, b, D(2020, 1, 1), None),
    ]:
        CommitteeMemberFactory(
            committee=committee, organisation=organisation, started_on=started, ended_on=ended
        )


def test_members_per_organisation_counts_current_members_of_current_committees(
    world, members, django_assert_num_queries
):
    with django_assert_num_queries(1):
        counts = members_per_organisation(CommitteeMember.objects.all(), D(2026, 11, 18))
    assert counts == {
        None: {
            "front": 0,
            "police": 3,  # two of the district's (one joining that day), one of A's (last day)
            "study": 0,  # commune B's committee has ended
            "farmers": 1,
            "party": 0,  # not yet
            "people": 0,
        }
    }
    counts = members_per_organisation(CommitteeMember.objects.all(), D(2025, 3, 1))[None]
    assert (counts["front"], counts["police"], counts["study"]) == (1, 2, 1)


def test_members_per_organisation_per_commune(world, members):
    counts = members_per_organisation(
        CommitteeMember.objects.all(), D(2026, 11, 19), per="committee__commune"
    )
    assert set(counts) == {None, world.a.commune.pk}
    assert counts[None]["police"] == 2
    assert counts[world.a.commune.pk] == {
        "front": 0,
        "police": 0,
        "study": 0,
        "farmers": 1,
        "party": 0,
        "people": 0,
    }


def test_units_never_visited_in_the_year(world, django_assert_num_queries):
    a2 = HamletFactory(commune=world.a.commune, code="H9A2", name="Ấp A2")
    a3 = HamletFactory(commune=world.a.commune, code="H9A3", name="Ấp A3")
    commune_c = CommuneFactory(district=world.district, code="C9C", name="Xã C")
    district = CommitteeMemberFactory(committee__commune=None, committee__district=world.district)
    commune_a = CommitteeMemberFactory(committee__commune=world.a.commune)
    commune_b = CommitteeMemberFactory(committee__commune=world.b.commune)
    visit = SupervisionVisitFactory
    visit(unit=world.a.group, members=[commune_a], visited_on=D(2026, 3, 1))  # hamlet A
    visit(unit=a2, members=[district], visited_on=D(2025, 12, 31))  # the year before
    visit(unit=world.b.hamlet, members=[commune_b], visited_on=D(2026, 5, 1))
    visit(unit=commune_c, members=[district], visited_on=D(2026, 1, 1))
    hamlets_of_a = Hamlet.objects.filter(commune=world.a.commune)

    with django_assert_num_queries(1):
        result = units_never_visited(hamlets_of_a, 2026)

    assert result.units == [a2, a3]
    assert result.total == 3
    assert (result.share.count, result.share.denominator) == (2, 3)
    assert units_never_visited(hamlets_of_a, 2025).units == [world.a.hamlet, a3]
    # Communes count the district committee's visits only, to them or inside them.
    communes = Commune.objects.filter(district=world.district)
    assert units_never_visited(communes, 2026).units == [world.a.commune, world.b.commune]
    assert units_never_visited(communes, 2025).units == [world.b.commune, commune_c]
    visit(unit=world.b.group, members=[commune_b, district], visited_on=D(2026, 6, 1))
    with django_assert_num_queries(1):
        result = units_never_visited(communes, 2026)
    assert (result.units, result.total) == ([world.a.commune], 3)


def test_follow_ups_overdue_at_a_day(world, django_assert_num_queries):
    visit_a = SupervisionVisitFactory(unit=world.a.hamlet)
    visit_b = SupervisionVisitFactory(unit=world.b.group)
    FollowUpFactory(visit=visit_a, due_on=D(2026, 11, 1))  # overdue
    FollowUpFactory(visit=visit_a, due_on=D(2026, 11, 18))  # due today: not yet overdue
    FollowUpFactory(visit=visit_a, due_on=D(2026, 10, 1), done=True, done_on=D(2026, 9, 30))
    late = FollowUpFactory(visit=visit_b, due_on=D(2026, 10, 1), done=True, done_on=D(2026, 11, 5))
    FollowUpFactory(visit=visit_b, due_on=D(2026, 12, 1))  # not due yet

    with django_assert_num_queries(1):
        assert overdue_follow_ups(FollowUp.objects.all(), D(2026, 11, 18)) == {None: 1}
    # On 20/10 the late one was not done yet, and was already overdue.
    assert overdue_follow_ups(FollowUp.objects.all(), D(2026, 10, 20)) == {None: 1}
    assert overdue_follow_ups(FollowUp.objects.all(), D(2026, 11, 2)) == {None: 2}
    per = overdue_follow_ups(FollowUp.objects.all(), D(2026, 11, 2), per="visit__commune")
    assert per == {world.a.commune.pk: 1, world.b.commune.pk: 1}
    assert late.is_overdue_on(D(2026, 11, 2)) and not late.is_overdue_on(D(2026, 11, 5))


def test_commendations_per_year(world, django_assert_num_queries):
    CommendationFactory(unit=world.a.hamlet, year=2024)
    CommendationFactory(unit=world.a.group, year=2024, person_name="Nguyễn Văn Tư")
    CommendationFactory(unit=world.b.commune, year=2024, person_name="Lê Thị Năm")
    CommendationFactory(unit=world.district, year=2026)
    CommendationFactory(unit=world.b.hamlet, year=2022)  # before the years asked

    with django_assert_num_queries(1):
        counts = commendations_per_year(Commendation.objects.all(), 2023, 2026)

    assert counts == {
        2023: CommendationCount(0, 0),
        2024: CommendationCount(people=2, units=1),
        2025: CommendationCount(0, 0),
        2026: CommendationCount(people=0, units=1),
    }
    assert counts[2024].total == 3
    in_a = Commendation.objects.filter(commune=world.a.commune)
    assert commendations_per_year(in_a, 2024, 2024) == {2024: CommendationCount(1, 1)}
