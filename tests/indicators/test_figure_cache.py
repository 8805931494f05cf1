"""The figures of final periods (past years every commune approved) are kept in Redis and
read from it, and any committed write that could change them is seen before they are read
again (apps.indicators.figure_cache). Committed for real: transactional_db."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Scope
from apps.approvals import services
from apps.approvals.models import MonthApproval
from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.hierarchy.placements import move
from apps.indicators import figure_cache
from apps.indicators.area import Period, compute_over
from apps.indicators.report import report_lines
from tests.conftest import TODAY, make_user
from tests.core.test_redis import redis_settings  # noqa: F401 (the fixture)
from tests.factories import (
    GroupFactory,
    HouseholdFactory,
    MeetingFactory,
    MonthApprovalFactory,
    YearApprovalFactory,
)

pytestmark = pytest.mark.usefixtures("today")
PAST = "?nam=2025"
RUNNING = "?nam=2026"


@pytest.fixture
def kept(transactional_db, redis_settings, settings):  # noqa: F811 (the fixture above)
    """The figure cache on, with Redis errors raised rather than ignored and a patient
    socket: on a busy machine a slow answer must fail the test loudly, not pass as a
    figure counted again."""
    settings.FIGURE_CACHE = True
    default = settings.CACHES["default"]
    options = {**default["OPTIONS"], "IGNORE_EXCEPTIONS": False, "SOCKET_TIMEOUT": 5}
    settings.CACHES = {"default": {**default, "OPTIONS": options}}
    return redis_settings


@pytest.fixture
def approved(world):
    """Every month and both years 2024 and 2025 approved by both communes."""
    for area in (world.a, world.b):
        for year in (2024, 2025):
            for month in range(1, 13):
                MonthApprovalFactory(commune=area.commune, month=datetime.date(year, month, 1))
            YearApprovalFactory(commune=area.commune, year=year)
    return world


@pytest.fixture
def steering_reads(client, kept, approved, steering_user):
    """The steering committee logged in to read the district, its past years approved and
    their figures kept."""
    client.force_login(steering_user)


def _dashboard(client, world, query: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/chi-tieu/huyen/{world.district.pk}/{query}")
    assert response.status_code == 200
    return response.context, len(queries)


def _counted_now(world, context) -> list:
    """The district's figures counted from the database, bypassing the cache."""
    period = context["period"]
    return compute_over(world.district, [period, period.previous()], by="commune")


def _rows_as_counted_now(world, context) -> bool:
    """Whether the commune rows shown are what counting the database gives now."""
    now, _ = _counted_now(world, context)
    rows = context["rows"]
    return bool(rows) and [r.figures for r in rows] == [now[r.unit.pk] for r in rows]


def test_a_final_year_is_counted_once_and_then_read_from_the_cache(client, world, steering_reads):
    HouseholdFactory.create_batch(3, group=world.a.group)
    first, counted = _dashboard(client, world, PAST)
    again, read = _dashboard(client, world, PAST)
    assert read <= counted - 10  # the figures' queries are gone: only the page's own remain
    assert again["cards"] == first["cards"]
    assert again["rows"] == first["rows"]


def test_a_write_that_changes_a_final_year_is_seen_at_the_next_visit(client, world, steering_reads):
    before, _ = _dashboard(client, world, PAST)
    HouseholdFactory.create_batch(4, group=world.b.group)  # households have no dates here
    after, counted = _dashboard(client, world, PAST)
    assert after["cards"] != before["cards"]
    assert _rows_as_counted_now(world, after)
    # A bulk write (no signal, no save()) is seen too.
    Group.objects.filter(pk=world.a.group.pk).update(name="Tổ Bình Thạnh 1")
    _again, counted_again = _dashboard(client, world, PAST)
    assert counted_again >= counted - 2  # counted again, not read


def test_the_months_work_does_not_clear_the_final_years(client, world, steering_reads):
    _dashboard(client, world, PAST)
    _, read = _dashboard(client, world, PAST)
    kept_generation = figure_cache.generation()
    MeetingFactory(group=world.a.group, month=datetime.date(2026, 10, 1))
    assert figure_cache.generation() == kept_generation
    _, still_read = _dashboard(client, world, PAST)
    assert still_read == read


def test_an_unlocked_month_makes_the_year_counted_again_until_it_is_approved_again(
    client, world, steering_reads
):
    _dashboard(client, world, PAST)
    _, read = _dashboard(client, world, PAST)
    official = make_user("commune", world.a.commune)
    march = MonthApproval.objects.get(commune=world.a.commune, month=datetime.date(2025, 3, 1))
    services.approval_unlock(approval=march, reason="Sửa biên bản", user=official)
    MeetingFactory(group=world.a.group, month=datetime.date(2025, 3, 1))  # written meanwhile
    _, while_open = _dashboard(client, world, PAST)
    assert while_open > read
    services.month_approve(unit=world.a.commune, month=Month(2025, 3), reason="", user=official)
    approved_again, counted_again = _dashboard(client, world, PAST)
    assert counted_again > read
    assert _rows_as_counted_now(world, approved_again)
    _, read_again = _dashboard(client, world, PAST)
    assert read_again == read


def test_the_running_year_is_read_from_the_cache_until_a_record_is_written(
    client, world, steering_reads
):
    _, counted = _dashboard(client, world, RUNNING)
    _, read = _dashboard(client, world, RUNNING)
    assert read <= counted - 10
    MeetingFactory(group=world.a.group, month=datetime.date(2026, 10, 1))  # this month's work
    after, counted_again = _dashboard(client, world, RUNNING)
    assert counted_again > read  # the meeting figures at least (see the test below)
    assert _rows_as_counted_now(world, after)


def test_a_year_not_approved_by_every_commune_is_counted_again_after_a_record(
    client, kept, world, steering_user
):
    for month in range(1, 13):
        MonthApprovalFactory(commune=world.a.commune, month=datetime.date(2025, month, 1))
    YearApprovalFactory(commune=world.a.commune, year=2025)
    client.force_login(steering_user)
    _, counted = _dashboard(client, world, PAST)
    _, read = _dashboard(client, world, PAST)
    assert read < counted
    MeetingFactory(group=world.b.group, month=datetime.date(2025, 6, 1))  # b has not approved
    after, counted_again = _dashboard(client, world, PAST)
    assert counted_again > read
    assert _rows_as_counted_now(world, after)


def test_a_rolled_back_write_leaves_the_generation_and_a_committed_one_moves_it(kept, world):
    kept_generation = figure_cache.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        HouseholdFactory(group=world.a.group)
        raise RuntimeError
    assert figure_cache.generation() == kept_generation
    with transaction.atomic():
        HouseholdFactory(group=world.a.group)
        HouseholdFactory(group=world.a.group)
        assert figure_cache.generation() == kept_generation  # not before the commit
    assert figure_cache.generation() == kept_generation + 1  # once per transaction


def test_a_lost_generation_starts_a_new_one_above_every_earlier(kept):
    first = figure_cache.generation()
    cache.delete(figure_cache.SHAPING)  # this test's own key: other test processes share Redis
    assert figure_cache.generation() > first


def test_every_app_is_either_counted_from_or_not():
    """A new app must be placed: are figures counted from its tables, and are they locked?"""
    from django.apps import apps

    not_figures = {"core", "accounts", "imports", "notices", "jobs", "demo", "backups"}
    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("apps.")}
    counted = set(figure_cache.SHAPING_APPS) | set(figure_cache.RECORD_APPS)
    assert ours == counted | not_figures | {"indicators"}


def test_without_redis_the_cache_of_figures_is_off():
    from tests.settings_process import settings_in_a_process

    found = settings_in_a_process({"on": "s.FIGURE_CACHE"}, drop=("REDIS_URL", "FIGURE_CACHE"))
    assert found["on"] is False
    found = settings_in_a_process(
        {"on": "s.FIGURE_CACHE"}, drop=("FIGURE_CACHE",), REDIS_URL="redis://r:6379/0"
    )
    assert found["on"] is True


def test_the_period_keys_name_the_unit_the_periods_the_reading_and_the_part(kept, world):
    period = Period(2025, Month(2025, 12), TODAY)
    keys, seconds = figure_cache.cache_keys(
        world.district, [period, period.previous()], "commune", True
    )
    assert seconds == figure_cache.RUNNING_SECONDS  # not approved: kept briefly
    assert set(keys) == {None, "meetings", "petitions", "assessments"}
    area = f":district:{world.district.pk}:2025@2025-12,2024@2025-11:commune:1:"
    assert all(area in key for key in keys.values())
    assert len(set(keys.values())) == 4


def test_each_figure_is_kept_under_the_records_it_is_counted_from():
    """A figure counted from records of an app not listed would not be counted again when
    they are written."""
    from apps.indicators.area import COUNTED_FROM, Figures

    assert set(COUNTED_FROM) == set(Figures.__dataclass_fields__)
    assert set(COUNTED_FROM.values()) == {None, *figure_cache.RECORD_APPS}


def test_the_answer_deadlines_move_the_shaping_generation_and_petitions_their_own(kept):
    """Deadlines change past years' on-time shares without being locked by an approval."""
    from apps.petitions.models import AnswerDeadline, Petition

    moves = figure_cache._moves
    assert moves[AnswerDeadline._meta.db_table.lower()] is figure_cache.shaping_changed
    names = (figure_cache.SHAPING, *figure_cache.RECORDS.values())
    before = figure_cache._generations(*names)
    moves[Petition._meta.db_table.lower()]()
    after = figure_cache._generations(*names)
    moved = [name for name, b, a in zip(names, before, after, strict=True) if a != b]
    assert moved == [figure_cache.RECORDS["petitions"]]


def test_a_meeting_of_the_running_month_makes_only_the_meeting_figures_counted_again(
    client, kept, world, steering_user
):
    client.force_login(steering_user)
    _, counted = _dashboard(client, world, RUNNING)
    before, read = _dashboard(client, world, RUNNING)
    MeetingFactory(group=world.a.group, month=datetime.date(2026, 10, 1))  # the month shown
    after, partly = _dashboard(client, world, RUNNING)
    # Meetings and outreach: two queries, and the reading's own; not the whole count.
    assert read < partly <= read + 4 < counted
    assert after["cards"] != before["cards"]
    assert _rows_as_counted_now(world, after)
    now, _ = _counted_now(world, after)
    assert [line for line, _ in after["cards"]] == report_lines(now[None], "district")


def test_a_reader_of_a_units_past_only_is_not_given_the_figures_kept_for_its_commune_now(
    client, kept, approved
):
    """Hamlet A moved to commune B on 01/07/2025 and had a new group in September: B's
    official reads its whole final year 2025 (kept in the cache), A's official only up to
    30/06/2025, and is counted apart, not given what was kept for B."""
    world = approved
    move(world.a.hamlet, world.b.commune, datetime.date(2025, 7, 1))
    GroupFactory(
        hamlet=world.a.hamlet,
        planned_on=datetime.date(2025, 9, 1),
        activated_on=datetime.date(2025, 9, 1),
    )
    url = f"/chi-tieu/ap/{world.a.hamlet.pk}/?nam=2025&thang=2025-06"

    def formed(user) -> int:
        client.force_login(user)
        cards = client.get(url).context["cards"]
        return next(line for line, _ in cards if line.key == "formed").denominator

    assert formed(make_user(Scope.Role.COMMUNE, world.b.commune)) == 2
    assert formed(make_user(Scope.Role.COMMUNE, world.a.commune)) == 1
