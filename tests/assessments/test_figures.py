"""Assessment figures against a hand-made fixture with known answers."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.assessments.figures import (
    cultural_communes,
    group_ratings,
    hamlet_ratings,
    household_figures,
)
from apps.assessments.models import GroupYearTotals
from apps.assessments.totals import refresh_totals
from apps.core.shares import Share
from apps.hierarchy.models import Commune, Group, Hamlet
from tests import factories


def _households(group, year, results):
    """One household per result: (3 không, cultural family)."""
    for three_no, cultural in results:
        factories.HouseholdAssessmentFactory(
            household=factories.HouseholdFactory(group=group),
            year=year,
            no_drugs=three_no,
            cultural_family=cultural,
        )


@pytest.fixture
def fixture(world):
    """2026 in commune A: 8 households assessed, 6 "3 không", 5 cultural; 2025: 4 of 5
    "3 không". Commune B, 2026: 2 households, 1 "3 không", 0 cultural.
    Groups of commune A in 2026: group A (safe, cultural), one active from 01/07/2026
    (safe), one dissolved on 31/12/2025 (rated, but not active in 2026), one planned.
    Hamlets of commune A: its hamlet (cultural) and an empty one (unrated)."""
    a, b = world.a, world.b
    _households(a.group, 2026, [(True, True)] * 5 + [(True, False), (False, False), (False, False)])
    _households(a.group, 2025, [(True, True)] * 4 + [(False, False)])
    _households(b.group, 2026, [(True, False), (False, False)])
    factories.GroupAssessmentFactory(group=a.group, year=2026, safe=True, cultural=True)
    mid_year = factories.GroupFactory(hamlet=a.hamlet, activated_on=datetime.date(2026, 7, 1))
    factories.GroupAssessmentFactory(group=mid_year, year=2026, safe=True, cultural=False)
    dissolved = factories.GroupFactory(
        hamlet=a.hamlet, status=Group.Status.DISSOLVED, dissolved_on=datetime.date(2025, 12, 31)
    )
    factories.GroupAssessmentFactory(group=dissolved, year=2026, safe=True, cultural=True)
    factories.GroupFactory(hamlet=a.hamlet, status=Group.Status.PLANNED, activated_on=None)
    factories.HamletAssessmentFactory(hamlet=a.hamlet, year=2026, safe=False, cultural=True)
    factories.HamletFactory(commune=a.commune)
    factories.CommuneAssessmentFactory(commune=a.commune, year=2026, cultural_standard=True)
    factories.CommuneAssessmentFactory(commune=b.commune, year=2025, cultural_standard=True)
    return world


def test_households_per_commune_with_the_change_in_points(fixture):
    per = household_figures(Group.objects.all(), 2026, per="hamlet__commune")
    a = per[fixture.a.commune.pk]
    assert (a.assessed, a.three_no, a.cultural_families) == (8, 6, 5)
    assert a.three_no_share == Share(6, 8) and a.cultural_share == Share(5, 8)
    assert a.three_no_change == Decimal("-5.00")  # 75,00 % against 80,00 % in 2025
    b = per[fixture.b.commune.pk]
    assert (b.three_no_share.percent, b.three_no_change) == (Decimal("50.00"), None)  # no 2025


def test_households_of_the_whole_district(fixture):
    total = household_figures(Group.objects.all(), 2026)[None]
    assert (total.assessed, total.three_no, total.cultural_families) == (10, 7, 5)
    assert household_figures(Group.objects.all(), 2030) == {}


def test_groups_rated_out_of_the_groups_active_in_the_year(fixture):
    commune_a = group_ratings(Group.objects.filter(hamlet__commune=fixture.a.commune), 2026)[None]
    assert (commune_a.units, commune_a.safe, commune_a.cultural) == (2, 2, 1)
    per_commune = group_ratings(Group.objects.all(), 2026, per="hamlet__commune")
    # Commune B's one active group has no rating for 2026: no data yet, not 0 %.
    b = per_commune[fixture.b.commune.pk]
    assert b.safe_share == Share(0, 1, coverage=Share(0, 1))
    assert b.safe_share.percent is None
    assert commune_a.safe_share.percent == Decimal("100.00")
    assert commune_a.coverage == Share(2, 2)


def test_hamlets_and_communes(fixture):
    hamlets = hamlet_ratings(Hamlet.objects.filter(commune=fixture.a.commune), 2026)[None]
    assert (hamlets.units, hamlets.safe, hamlets.cultural) == (2, 0, 1)  # the empty one counts
    assert hamlets.cultural_share.percent == Decimal("50.00")
    assert [c.name for c in cultural_communes(Commune.objects.all(), 2026)] == ["Xã Bình Thạnh"]
    assert [c.name for c in cultural_communes(Commune.objects.all(), 2025)] == ["Xã Mỹ Hội"]


def test_one_query_per_figure_whatever_the_units(fixture):
    with CaptureQueriesContext(connection) as queries:
        household_figures(Group.objects.all(), 2026, per="pk")
        group_ratings(Group.objects.all(), 2026, per="pk")
        hamlet_ratings(Hamlet.objects.all(), 2026, per="pk")
    assert len(queries) == 3


def test_the_totals_follow_every_write(world):
    def totals():
        return set(GroupYearTotals.objects.values_list("group", "year", "assessed", "three_no"))

    household = factories.HouseholdFactory(group=world.a.group)
    assessment = factories.HouseholdAssessmentFactory(household=household, year=2026)
    assert totals() == {(world.a.group.pk, 2026, 1, 1)}
    assessment.no_drugs = False
    assessment.save()
    assert totals() == {(world.a.group.pk, 2026, 1, 0)}
    household.group = world.b.group  # the household moves to another group
    household.save()
    assert totals() == {(world.b.group.pk, 2026, 1, 0)}
    assessment.delete()
    assert totals() == set()


def test_the_totals_of_a_whole_district_are_recounted_at_once(world):
    """A district's groups at once: more pairs than SQLite takes conditions in one query."""
    factories.HouseholdAssessmentFactory(
        household=factories.HouseholdFactory(group=world.a.group), year=2026, no_drugs=False
    )
    GroupYearTotals.objects.all().delete()
    others = range(world.b.group.pk + 1, world.b.group.pk + 1801)  # groups with no households
    refresh_totals([(world.a.group.pk, 2026), *((g, 2026) for g in others)])
    assert set(GroupYearTotals.objects.values_list("group", "year", "assessed", "three_no")) == {
        (world.a.group.pk, 2026, 1, 0)
    }
