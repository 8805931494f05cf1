"""The figures of an area counted in one pass: by child unit, for two periods at once.

The dashboard reads its totals, its child table and the period before from one
call of `compute_over`. On a demo commune (every kind of record, several years),
each total must equal the area counted on its own, and each child's row must
equal that child's own figures.
"""

import dataclasses
import datetime
import io

import pytest
from django.core.management import call_command

from apps.assessments.figures import household_counts, households_present, with_coverage
from apps.core.periods import Month
from apps.hierarchy.models import Commune
from apps.indicators.area import (
    CHILD_LEVEL,
    Figures,
    Period,
    children_of,
    compute,
    compute_over,
    groups_of,
)
from apps.people.figures import group_figures_over
from apps.petitions.figures import Window, petition_figures_over
from apps.petitions.models import Petition

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def demo(db, today):
    call_command("seed_demo", "--small", "--seed", "11", stdout=io.StringIO())
    return Commune.objects.get()


def _periods(today: datetime.date) -> list[Period]:
    period = Period(today.year, Month(today.year, 10), today)
    return [period, period.previous()]


@pytest.mark.parametrize("level", ["district", "commune", "hamlet"])
def test_totals_and_child_rows_match_each_unit_counted_on_its_own(demo, today, level):
    unit = {
        "district": demo.district,
        "commune": demo,
        "hamlet": demo.hamlets.order_by("code").first(),
    }[level]
    periods = _periods(today)
    found = compute_over(unit, periods, by=CHILD_LEVEL[level])
    children = list(children_of(unit, periods[0]))
    assert children
    for figures, period in zip(found, periods, strict=True):
        alone = compute(unit, period)[None]
        assert figures[None] == alone
        assert figures[None].groups.active > 0  # the demo has something to count
        for child in children:
            if groups_of(child).exists():
                _assert_same(figures.get(child.pk, Figures()), compute(child, period)[None])
        assert set(figures) - {None} <= {child.pk for child in children}


def _assert_same(row: Figures, alone: Figures) -> None:
    """A child's row leaves out what it has nothing of (no petition raised, no active
    group in the month), where the child counted on its own has zeros."""
    for field in dataclasses.fields(Figures):
        mine, own = getattr(row, field.name), getattr(alone, field.name)
        if mine is None and dataclasses.is_dataclass(own):
            assert not any(dataclasses.astuple(own)), field.name
        else:
            assert mine == own, field.name


def test_the_period_before_is_counted_as_on_its_own(demo, today):
    now, before = compute_over(demo, _periods(today))
    assert now[None] == compute(demo, _periods(today)[0])[None]
    assert before[None] == compute(demo, _periods(today)[1])[None]
    assert now[None] != before[None]
    assert before[None] != Figures()


def test_joining_up_to_the_unit_counts_as_the_subquery_of_its_groups(demo, today):
    """The dashboard finds an area's roles, households and petitions by joining up to the
    unit; the indicator functions' default is "among these groups". Same answers."""
    period = _periods(today)[1]  # last year: its households are assessed
    figures = compute(demo, period)[None]
    groups = groups_of(demo)
    assert figures.groups == group_figures_over(groups, [(period.start, period.as_of)])[0][None]
    assessed = household_counts(groups, [period.year])[period.year]
    present = households_present(groups, [period.year])[0]
    assert figures.households == with_coverage(assessed, present)[None]
    assert figures.households.households >= figures.households.assessed > 0
    petitions = Petition.objects.filter(group__in=groups)
    window = Window(period.start, period.end, period.as_of)
    alone = petition_figures_over(petitions, [window])[0][None]
    assert figures.petitions == alone
    assert figures.groups.leaders and figures.petitions.raised and figures.households.assessed
