"""Petition figures against a hand-made fixture, as of a given day."""

import datetime
import random
import statistics
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.shares import Share
from apps.petitions.figures import Window, median_of, petition_figures_over
from apps.petitions.models import Petition
from tests.factories import PetitionFactory

D = datetime.date
YEAR = (D(2026, 1, 1), D(2026, 12, 31))


@pytest.fixture
def fixture(world):
    """Commune A, raised in 2026 (raised → due → closed):
      a: 01/03 → 16/03, resolved 10/03 (9 days, on time)
      b: 01/04 → 16/04, answered 20/04 (19 days, late)
      c: 01/05 → 16/05, resolved 16/05 (15 days, on time: the due day counts)
      d: 01/06 → 16/06, open: overdue from 17/06
      e: 01/11 → 30/11, open, not yet due on 18/11
      f: raised 20/12/2025: another year, not counted
    Commune B: g: 01/02 → 16/02, answered 01/03 (28 days, late)."""
    group_a, group_b = world.a.group, world.b.group
    made = [
        (group_a, D(2026, 3, 1), D(2026, 3, 16), "resolved", D(2026, 3, 10)),
        (group_a, D(2026, 4, 1), D(2026, 4, 16), "answered", D(2026, 4, 20)),
        (group_a, D(2026, 5, 1), D(2026, 5, 16), "resolved", D(2026, 5, 16)),
        (group_a, D(2026, 6, 1), D(2026, 6, 16), "in_progress", None),
        (group_a, D(2026, 11, 1), D(2026, 11, 30), "received", None),
        (group_a, D(2025, 12, 20), D(2026, 1, 4), "received", None),
        (group_b, D(2026, 2, 1), D(2026, 2, 16), "answered", D(2026, 3, 1)),
    ]
    for group, raised_on, due_on, state, closed_on in made:
        PetitionFactory(
            group=group,
            raised_on=raised_on,
            due_on=due_on,
            state=state,
            closed_on=closed_on,
            answer="Đã trả lời." if state == "answered" else "",
        )
    return world


def test_figures_for_the_district_as_of_a_day(fixture):
    by_unit = petition_figures_over(Petition.objects.all(), [Window(*YEAR, D(2026, 11, 18))])[0]
    figures = by_unit[None]
    assert (figures.raised, figures.closed, figures.open, figures.overdue) == (6, 4, 2, 1)
    assert figures.closed_share == Share(4, 6)
    assert figures.on_time == Share(2, 5)  # a, c on time / (4 closed + d overdue)
    assert str(figures.on_time.percent) == "40.00"
    assert figures.median_days_to_close == 17  # 9, 15, 19, 28


def test_per_commune(fixture):
    per = petition_figures_over(
        Petition.objects.all(), [Window(*YEAR, D(2026, 11, 18))], per="group__hamlet__commune"
    )[0]
    a, b = per[fixture.a.commune.pk], per[fixture.b.commune.pk]
    assert (a.raised, a.closed, a.overdue, a.closed_on_time, a.median_days_to_close) == (
        5,
        3,
        1,
        2,
        15,
    )
    assert (b.raised, b.closed, b.overdue, b.on_time) == (1, 1, 0, Share(0, 1))


def test_overdue_depends_on_the_day(fixture):
    def overdue(day):
        return petition_figures_over(Petition.objects.all(), [Window(*YEAR, day)])[0][None].overdue

    assert overdue(D(2026, 6, 16)) == 0  # due today: not yet overdue
    assert overdue(D(2026, 6, 17)) == 1
    assert overdue(D(2026, 12, 1)) == 2  # e too
    # On 18/04 only g, a and b had been raised: a and g closed, b open past its due date.
    early = petition_figures_over(Petition.objects.all(), [Window(*YEAR, D(2026, 4, 18))])[0][None]
    assert (early.raised, early.closed, early.overdue) == (3, 2, 1)


def test_two_queries_whatever_the_number_of_units(fixture):
    with CaptureQueriesContext(connection) as queries:
        petition_figures_over(Petition.objects.all(), [Window(*YEAR, D(2026, 11, 18))], per="group")
    assert len(queries) == 2


def test_the_median_from_counted_days_is_the_median_of_the_days():
    """The database counts closed petitions by days taken; the median is read from those
    counts, and must be what statistics.median gives on the list itself."""
    rng = random.Random(8)  # noqa: S311 - test data
    for _ in range(2000):
        days = [rng.randrange(0, 60) for _ in range(rng.randrange(1, 40))]
        found = median_of(Counter(days))
        assert found == statistics.median(days) and type(found) is type(statistics.median(days))
    assert median_of(Counter()) is None
