"""Issue 18's acceptance scenario: a district rebuilt through the product for three past
years — the roster as of 01/01/2023, 2023's meetings imported and 2024's typed in late,
two years of household assessments and ratings, outreach sessions and petitions with
their real past days — shows each year's figures as entered. Only the empty structure
is written directly; every step is an HTTP request by the role who does it (see
rebuild_steps), and no one edits anything in the admin."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.utils import timezone

from apps.meetings.models import Meeting, OutreachSession
from apps.petitions.models import Petition
from tests.conftest import TODAY
from tests.pages import summed
from tests.scenarios.pages import dashboard_cards, span_columns
from tests.scenarios.rebuild_plan import YEARS, Shape, district_cultural_communes, expected
from tests.scenarios.rebuild_steps import Rebuild, build_structure

# The tests share one rebuild, so they run in one test process (make test's loadgroup).
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("today"),
    pytest.mark.xdist_group("rebuild_three_years"),
]
SHAPE = Shape(communes=2, hamlets=1, groups=2, households=3, people=2)
# Counted over the whole year (its twelve months), so read on the range page.
YEARLY = ("meetings", "meetings_on_time")
# What stands at a period's end; a range shows it at the range's end, not summed.
STANDING = ("leaders", "deputies")


@pytest.fixture(scope="module")
def rebuilt(django_db_setup, django_db_blocker) -> Rebuild:
    """The three years, rebuilt once on the fixed today for this module's tests (which only
    read them, each in a transaction of its own) and rolled back after them."""
    with (
        pytest.MonkeyPatch.context() as patch,
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        patch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
        rebuild = Rebuild(SHAPE, build_structure(SHAPE))
        for _, step in rebuild.steps():
            step()
        yield rebuild
        transaction.set_rollback(True)


def test_each_year_shows_the_figures_entered_through_the_pages(rebuilt):
    district, commune = rebuilt.structure.district, rebuilt.structure.communes[0]
    for url, scope in (
        (f"/chi-tieu/huyen/{district.pk}/", None),
        (f"/chi-tieu/xa/{commune.pk}/", 0),
    ):
        for year in YEARS:
            cards = dashboard_cards(rebuilt.admin, f"{url}?nam={year}")
            wanted = expected(SHAPE, year, commune_index=scope)
            shown = {key: cards[key] for key in wanted if key not in YEARLY}
            assert shown == {k: v for k, v in wanted.items() if k not in YEARLY}, (url, year)
            if scope is None:
                assert cards["cultural_communes"] == district_cultural_communes(year)
        # Before the roster's "as of" year there was nothing.
        before = dashboard_cards(rebuilt.admin, f"{url}?nam=2022")
        assert (before["leaders"], before["outreach"], before["petitions"]) == (0, 0, 0)
        # The year's meetings: all held, none on time, 2025 none at all.
        columns = span_columns(rebuilt.admin, f"{url}?tu=2023&den=2025")
        assert columns["meetings"][:3] == [
            expected(SHAPE, year, commune_index=scope)["meetings"] for year in YEARS
        ]
        assert columns["meetings_on_time"][:2] == [
            expected(SHAPE, year, commune_index=scope)["meetings_on_time"] for year in (2023, 2024)
        ]


def test_the_range_dashboard_sums_the_two_years(rebuilt):
    for url, scope in (
        (f"/chi-tieu/huyen/{rebuilt.structure.district.pk}/", None),
        (f"/chi-tieu/xa/{rebuilt.structure.communes[0].pk}/", 0),
    ):
        columns = span_columns(rebuilt.admin, f"{url}?tu=2023&den=2024")
        years = [expected(SHAPE, year, commune_index=scope) for year in (2023, 2024)]
        for key in years[0]:
            values = [figures[key] for figures in years]
            total = values[-1] if key in STANDING else summed(values)
            assert columns[key] == [*values, total], (url, key)


def test_every_record_was_entered_late_by_its_official_and_no_one_used_the_admin(rebuilt):
    assert not LogEntry.objects.exists()
    meetings = list(Meeting.objects.select_related("recorded_by"))
    assert len(meetings) == 2 * (23 + 6)  # per commune: 23 imported, 6 typed in
    assert all(m.entered_late and m.recorded_on == TODAY for m in meetings)
    assert {m.recorded_by.username for m in meetings} == {"can-bo-x01", "can-bo-x02"}
    assert all(s.entered_late for s in OutreachSession.objects.all())
    petitions = list(Petition.objects.select_related("created_by"))
    assert len(petitions) == 11 and all(p.entered_late for p in petitions)
    assert [p.created_by.username for p in petitions].count("to-truong-1") == 1
