"""Every period's figures as the area was in it: units alive in the period, placed where
they stood on its last day, records by the place of their own day; and, for a unit formed
by a merger, the same periods on today's map."""

import datetime
import io
import re

import openpyxl
import pytest

from apps.approvals.selectors import month_review
from apps.assessments.models import CommuneAssessment
from apps.core.periods import Month
from apps.core.shares import Share
from apps.hierarchy.models import Reorganisation, Succession
from apps.hierarchy.placements import move
from apps.indicators.area import Figures, Period, children_of, compute, compute_over
from apps.indicators.trends import NO_HAMLETS, completeness_series, last_months, yearly_trends
from apps.meetings.figures import MeetingCompleteness
from apps.organisation.models import SteeringCommittee
from apps.people.models import GroupRole
from tests.factories import (
    CommuneAssessmentFactory,
    CommuneFactory,
    GroupAssessmentFactory,
    GroupFactory,
    GroupRoleFactory,
    HamletAssessmentFactory,
    HamletFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    MobilisationBoardFactory,
    OutreachSessionFactory,
    PartyOversightFactory,
    PetitionFactory,
    SteeringCommitteeFactory,
)
from tests.pages import card, page_text, table_rows
from tests.tasks import download

D = datetime.date


def period(year: int, today: datetime.date) -> Period:
    return Period(year, Month(year, 10), today)


def fill(group, year: int, *, board: bool = True, committee: bool = True) -> None:
    """A year of records of every kind for the group, its hamlet and its commune."""
    hamlet, commune = group.hamlet, group.hamlet.commune
    for n in range(3):
        HouseholdAssessmentFactory(
            household=HouseholdFactory(group=group),
            year=year,
            no_drugs=n < 2,
            cultural_family=n < 1,
        )
    if not GroupRole.objects.filter(group=group).exists():
        GroupRoleFactory(group=group)
    PartyOversightFactory(group=group)
    MeetingFactory(group=group, month=D(year, 10, 1))
    PetitionFactory(group=group, raised_on=D(year, 5, 10), due_on=D(year, 5, 25))
    OutreachSessionFactory(unit=group, held_on=D(year, 4, 2), attendees=30)
    GroupAssessmentFactory(group=group, year=year)
    HamletAssessmentFactory(hamlet=hamlet, year=year, cultural=True)
    if not CommuneAssessment.objects.filter(commune=commune, year=year).exists():
        CommuneAssessmentFactory(commune=commune, year=year)
    if board:
        MobilisationBoardFactory(hamlet=hamlet)
    if committee and not SteeringCommittee.objects.filter(commune=commune).exists():
        SteeringCommitteeFactory(commune=commune)


@pytest.fixture
def filled(world):
    fill(world.a.group, 2025)
    fill(world.b.group, 2025, board=False)
    return world


def test_units_created_later_are_outside_earlier_periods(filled, today):
    world, before = filled, period(2025, today)
    district = compute(world.district, before, by="commune")
    assert district[None].boards == Share(1, 2)
    assert district[None].committees == Share(2, 2)
    assert (district[None].hamlet_ratings.units, district[None].hamlet_ratings.cultural) == (2, 2)
    assert (district[None].groups.planned_or_active, district[None].group_ratings.units) == (2, 2)
    new_commune = CommuneFactory(district=world.district, started_on=D(2026, 3, 1))
    new_hamlet = HamletFactory(commune=world.a.commune, started_on=D(2026, 3, 1))
    GroupFactory(hamlet=new_hamlet, planned_on=D(2026, 3, 1), activated_on=D(2026, 4, 1))
    HamletFactory(commune=new_commune, started_on=D(2026, 3, 1))
    SteeringCommitteeFactory(commune=new_commune, established_on=D(2019, 1, 1))
    MobilisationBoardFactory(hamlet=new_hamlet)

    assert compute(world.district, before, by="commune") == district
    assert compute(world.a.commune, before, by="hamlet")[None] == district[world.a.commune.pk]
    assert new_commune not in children_of(world.district, before)
    assert new_hamlet not in children_of(world.a.commune, before)
    # This year counts them.
    now = compute(world.district, period(2026, today))[None]
    assert now.committees.denominator == 3
    assert now.boards.denominator == 4


def everything(world, p: Period) -> dict:
    """Every figure of every unit of the world, by every level below it."""
    units = [world.district, world.a.commune, world.b.commune]
    units += [h for h in world.hamlets] + [g for g in world.groups]
    found = {}
    for unit in units:
        for by in [None, *{"district": ["commune", "hamlet", "group"]}.get(unit.level, [])]:
            found[(unit.level, unit.pk, by)] = compute(unit, p, by=by)
        if unit.level == "commune":
            found[(unit.level, unit.pk, "hamlet")] = compute(unit, p, by="hamlet")
        if unit.level == "hamlet":
            found[(unit.level, unit.pk, "group")] = compute(unit, p, by="group")
    return found


@pytest.fixture
def moving(filled):
    """A third hamlet in commune A, with a group; two years of records."""
    world = filled
    third = HamletFactory(commune=world.a.commune)
    third_group = GroupFactory(hamlet=third)
    fill(third_group, 2025)
    for group in (world.a.group, world.b.group, third_group):
        fill(group, 2024, board=False)
    world.hamlets = [world.a.hamlet, world.b.hamlet, third]
    world.groups = [world.a.group, world.b.group, third_group]
    world.third = third
    return world


def test_moves_leave_every_earlier_period_as_it_was(moving, today):
    world = moving
    periods = [period(2024, today), period(2025, today)]
    before = [everything(world, p) for p in periods]
    move(world.a.hamlet, world.b.commune, D(2026, 6, 1))
    move(world.b.group, world.third, D(2026, 6, 1))
    assert [everything(world, p) for p in periods] == before
    # This year the hamlet counts in commune B.
    now = compute(world.b.commune, period(2026, today), by="hamlet")
    assert world.a.hamlet.pk in now
    assert world.b.hamlet.pk in now


def test_a_move_leaves_the_months_before_it_as_they_were(moving, today, client, superuser):
    """A month of the running year is a past period too: a group moved in June leaves
    March's meetings where they were, read as the month's approval reads them."""
    world = moving
    MeetingFactory(group=world.b.group, month=D(2026, 3, 1), held_on=D(2026, 3, 10))
    client.force_login(superuser)
    march_page = f"/chi-tieu/xa/{world.b.commune.pk}/?nam=2026&thang=2026-03"
    march, july = (Period(2026, Month(2026, n), today) for n in (3, 7))
    units = [world.district, world.a.commune, world.b.commune, world.third]

    def meetings(p: Period) -> dict:
        found = {(u.level, u.pk): compute(u, p)[None].meetings for u in units}
        by_hamlet = compute(world.district, p, by="hamlet")
        return found | {("by hamlet", pk): f.meetings for pk, f in by_hamlet.items()}

    before = meetings(march)
    assert before[("commune", world.b.commune.pk)] == MeetingCompleteness(1, 1, 1)
    assert before[("commune", world.a.commune.pk)] == MeetingCompleteness(2, 0, 0)
    shown = card(client.get(march_page).content.decode(), "meetings")
    assert "100,00 % 1/1" in shown
    move(world.b.group, world.third, D(2026, 6, 1))

    assert meetings(march) == before
    assert card(client.get(march_page).content.decode(), "meetings") == shown
    for commune in (world.a.commune, world.b.commune):
        review = month_review(commune, Month(2026, 3))
        assert compute(commune, march)[None].meetings == review.status.completeness
    # From June the group counts in its new hamlet and commune.
    after = compute(world.a.commune, july, by="hamlet")
    assert after[world.third.pk].meetings.active_groups == 2
    assert compute(world.b.commune, july)[None].meetings == MeetingCompleteness(0, 0, 0)


def test_the_table_of_a_month_lists_the_units_of_its_end_beside_those_of_the_year(
    moving, today, client, superuser
):
    """The table reads a month's meetings at the month's end and the rest at the year's: a
    hamlet moved in June is a row of its old commune in March (its meetings there, and the
    petitions it raised there, nothing else of the year) and a row of its new one (the
    year, no March), each saying when it stood there; the old commune's rows add up to its
    cards again."""
    world = moving
    MeetingFactory(group=world.a.group, month=D(2026, 3, 1), held_on=D(2026, 3, 10))
    PetitionFactory(group=world.a.group, raised_on=D(2026, 4, 2), due_on=D(2026, 4, 17))
    client.force_login(superuser)

    def table(commune) -> dict:
        url = f"/chi-tieu/xa/{commune.pk}/?nam=2026&thang=2026-03"
        page = client.get(url).content.decode()
        return card(page, "meetings"), table_rows(page)

    before = table(world.a.commune)
    move(world.a.hamlet, world.b.commune, D(2026, 6, 1))
    total, rows = table(world.a.commune)
    assert total == before[0] and "50,00 % 1/2" in total
    name = world.a.hamlet.name
    assert rows[f"{name} (trong địa bàn đến 31/05/2026)"] == [
        "—", "100,00 % 1/1", "100,00 % 1/1", "—", "—", "—", "1", "0,00 % 0/1",
    ]  # fmt: skip
    assert rows[world.third.name][1] == "0,00 % 0/1"
    assert rows[world.third.name][6] == "0"
    assert len(rows) == 2
    _total, rows = table(world.b.commune)
    moved_in = rows[f"{name} (trong địa bàn từ 01/06/2026)"]
    assert moved_in[:3] == ["1", "—", "—"]
    assert moved_in[6] == "0"  # its petition of April stays with commune A
    assert rows[world.b.hamlet.name][:2] == ["1", "0,00 % 0/1"]


def test_a_unit_begun_after_the_month_is_listed_from_its_first_day(
    moving, today, client, superuser
):
    """A hamlet begun in June, placed "from its beginning" (its place has no first day),
    did not stand within its commune at March's end: March's table lists it as one that came
    after the month, from its own first day, with a dash for the month's meetings."""
    world = moving
    begun = HamletFactory(commune=world.a.commune, started_on=D(2026, 6, 1))
    GroupFactory(hamlet=begun, planned_on=D(2026, 6, 1), activated_on=D(2026, 6, 15))
    client.force_login(superuser)
    page = client.get(f"/chi-tieu/xa/{world.a.commune.pk}/?nam=2026&thang=2026-03")
    rows = table_rows(page.content.decode())
    assert rows[f"{begun.name} (trong địa bàn từ 01/06/2026)"][:3] == ["1", "—", "—"]
    assert rows[world.a.hamlet.name][1] == "0,00 % 0/1"


def range_sheets(content: bytes) -> dict[str, dict[str, dict]]:
    """A range's workbook: each sheet by its title without the range, each row by its unit's
    name, as {header: value}."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheets = {}
    for sheet in workbook.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        title = re.sub(r" \d{4}.*$", "", sheet.title)
        sheets[title] = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    return sheets


def test_a_range_lists_a_unit_that_came_and_left_within_one_of_its_years(
    moving, today, client, superuser
):
    """A hamlet in commune B from March to August of one year is at no year's end there, yet
    B's range counts its months there: the range's table lists it too, with those months."""
    world = moving
    move(world.third, world.b.commune, D(2026, 3, 1))
    third_group = world.groups[2]
    MeetingFactory(group=third_group, month=D(2026, 4, 1), held_on=D(2026, 4, 10))
    move(world.third, world.a.commune, D(2026, 9, 1))
    client.force_login(superuser)
    page = client.get(f"/chi-tieu/xa/{world.b.commune.pk}/?tu=2024&den=2026")
    rows = table_rows(page.content.decode())
    assert set(rows) == {world.b.hamlet.name, world.third.name}
    # Its six months in B (March to August), one of them with a meeting; none of the rest.
    assert rows[world.third.name][1:3] == ["16,67 % 1/6", "100,00 % 1/1"]
    # The range's workbook lists it too, under the commune it stands in now.
    url = f"/chi-tieu/xa/{world.b.commune.pk}/excel/?tu=2024&den=2026"
    sheets = range_sheets(download(client, url).content)
    assert sheets["Ấp, khóm"][world.third.name]["Tổ đã sinh hoạt trong tháng"] == 1
    assert set(sheets["Ấp, khóm"]) == set(rows)


def test_the_workbook_of_a_month_lists_the_units_of_its_end_as_the_table_does(
    moving, today, client, superuser
):
    """The commune's workbook of March, after a hamlet left in June: its hamlet and group
    sheets keep the hamlet and its group, saying until when, with March's meetings and its
    own petitions there, and nothing counted at the year's end."""
    world = moving
    MeetingFactory(group=world.a.group, month=D(2026, 3, 1), held_on=D(2026, 3, 10))
    PetitionFactory(group=world.a.group, raised_on=D(2026, 4, 2), due_on=D(2026, 4, 17))
    move(world.a.hamlet, world.b.commune, D(2026, 6, 1))
    client.force_login(superuser)
    url = f"/chi-tieu/xa/{world.a.commune.pk}/excel/?nam=2026&thang=2026-03"
    workbook = openpyxl.load_workbook(io.BytesIO(download(client, url).content))

    def rows(title: str) -> dict[str, dict]:
        sheet = [list(row) for row in workbook[title].iter_rows(values_only=True)]
        return {row[1]: dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]}

    until = "(trong địa bàn đến 31/05/2026)"
    hamlet = rows("Ấp, khóm")[f"{world.a.hamlet.name} {until}"]
    group = rows("Tổ")[f"{world.a.group.name} {until}"]
    for row in (hamlet, group):
        assert row["Tổ đã sinh hoạt trong tháng"] == 1
        assert row["Kiến nghị quá hạn"] == 1
        assert row["Tổ trưởng"] is None and row["Hộ đạt “3 không”"] is None
    assert len(rows("Ấp, khóm")) == len(rows("Tổ")) == 2
    totals = rows("Xã")[world.a.commune.name]
    assert totals["Tổ đã sinh hoạt trong tháng"] == 1
    assert totals["Kiến nghị quá hạn"] == 1


def test_a_range_workbook_lists_the_units_its_page_lists(moving, today, client, superuser):
    """Commune A's workbook of 2024 to 2026, after one of its hamlets left for B in June 2026:
    its hamlet sheet lists the hamlets the range's page lists, the one that left included,
    each with its total over the range, so that the sheet adds up to the commune's."""
    world = moving
    move(world.a.hamlet, world.b.commune, D(2026, 6, 1))
    client.force_login(superuser)
    base = f"/chi-tieu/xa/{world.a.commune.pk}"
    listed = table_rows(client.get(f"{base}/?tu=2024&den=2026").content.decode())
    rows = range_sheets(download(client, f"{base}/excel/?tu=2024&den=2026").content)["Ấp, khóm"]
    assert set(rows) == set(listed) == {world.a.hamlet.name, world.third.name}
    # The hamlet's petitions of 2024 and 2025, raised in commune A.
    assert rows[world.a.hamlet.name]["Kiến nghị, đề xuất"] == 2


def test_the_meetings_chart_shows_each_month_as_the_dashboard_does(
    moving, today, client, superuser, django_assert_num_queries
):
    world = moving
    MeetingFactory(group=world.b.group, month=D(2026, 3, 1), held_on=D(2026, 3, 10))
    move(world.b.group, world.third, D(2026, 6, 1))
    months = last_months(Month(2026, 10))
    # The months before the move and those after it: two queries each, and one to find it.
    with django_assert_num_queries(1 + 2 * 2):
        completeness_series(world.b.commune, months, today)
    for unit in (world.district, world.a.commune, world.b.commune, world.third):
        series = completeness_series(unit, months, today)
        dashboard = [compute(unit, Period(m.year, m, today))[None].meetings for m in months]
        assert [completeness for _month, completeness in series] == dashboard
    client.force_login(superuser)
    table = client.get(
        f"/chi-tieu/xa/{world.b.commune.pk}/bieu-do/meetings/so-lieu/?nam=2026&thang=2026-10"
    ).content.decode()
    march = re.search(r'<th scope="row">03/26</th>(.*?)</tr>', table, re.S).group(1)
    assert page_text(march).startswith("100,00 %")


def test_the_yearly_chart_shows_each_year_as_the_dashboard_does(moving, today, client, superuser):
    """A hamlet moved in 2025 counts in its old commune's 2024 on the chart too."""
    world = moving
    for _ in range(3):  # the moving hamlet's 2024 brings commune A's share down
        HouseholdAssessmentFactory(
            household=HouseholdFactory(group=world.a.group), year=2024, cultural_family=False
        )
    move(world.a.hamlet, world.b.commune, D(2025, 6, 1))
    years = [2023, 2024, 2025, 2026]
    for unit in (world.district, world.a.commune, world.b.commune, world.a.hamlet, world.a.group):
        shown = [(t.households, t.hamlets) for t in yearly_trends(unit, years, today)]
        dashboard = [compute(unit, period(year, today))[None] for year in years]
        assert shown == [(f.households, f.hamlet_ratings or NO_HAMLETS) for f in dashboard]
    client.force_login(superuser)
    table = client.get(
        f"/chi-tieu/xa/{world.b.commune.pk}/bieu-do/yearly/so-lieu/?nam=2026"
    ).content.decode()
    row = re.search(r'<th scope="row">2024</th>(.*?)</tr>', table, re.S).group(1)
    cultural_families = page_text(re.findall(r"<td>(.*?)</td>", row)[1])
    assert cultural_families == "33,33 %"  # commune B's own group then: 1 of 3


def test_a_record_entered_late_counts_where_its_unit_was_on_its_day(moving, today):
    world, p = moving, period(2025, today)
    move(world.b.group, world.third, D(2026, 6, 1))
    b, a = compute(world.b.commune, p)[None], compute(world.a.commune, p)[None]
    PetitionFactory(group=world.b.group, raised_on=D(2025, 11, 5), due_on=D(2025, 11, 20))
    OutreachSessionFactory(unit=world.b.group, held_on=D(2025, 11, 6), attendees=25)
    late = compute(world.b.commune, p)[None]
    assert late.petitions.raised == b.petitions.raised + 1
    assert late.outreach.sessions == b.outreach.sessions + 1
    assert late.outreach.attendees == b.outreach.attendees + 25
    assert compute(world.a.commune, p)[None] == a
    by_hamlet = compute(world.a.commune, period(2026, today), by="hamlet")
    assert world.third.pk in by_hamlet


def test_an_ended_commune_reads_up_to_its_end(filled, today):
    world = filled
    a = world.a.commune
    PetitionFactory(group=world.a.group, raised_on=D(2026, 8, 1), due_on=D(2026, 8, 20))
    move(world.a.hamlet, world.b.commune, D(2026, 7, 1))
    a.ended_on = D(2026, 6, 30)
    a.save()
    assert a not in children_of(world.district, period(2027, D(2027, 3, 1)))
    next_year = compute(world.district, period(2027, D(2027, 3, 1)), by="commune")
    assert next_year[None].committees.denominator == 1
    assert a.pk not in next_year
    own = compute(a, period(2026, today))[None]
    # Raised in May, before the end; the August one belongs to commune B.
    assert own.petitions is None or own.petitions.raised == 0
    assert own.groups.active == 1  # its group, up to the end
    assert compute(world.b.commune, period(2026, today))[None].petitions.raised == 1


ADDITIVE = {
    "groups": ["planned_or_active", "active", "leaders", "deputies", "party_led", "overseen"],
    "meetings": ["active_groups", "with_meeting", "on_time"],
    "outreach": ["sessions", "attendees"],
    "petitions": ["raised", "closed", "overdue", "closed_on_time"],
    "households": ["assessed", "three_no", "cultural_families", "households"],
    "group_ratings": ["units", "safe", "cultural", "rated"],
    "hamlet_ratings": ["units", "safe", "cultural", "rated"],
}
SHARES = ["committees", "boards"]


def additive(figures: Figures) -> dict:
    found = {}
    for name, fields in ADDITIVE.items():
        value = getattr(figures, name)
        for f in fields:
            found[f"{name}.{f}"] = getattr(value, f) if value is not None else 0
    for name in SHARES:
        share = getattr(figures, name)
        found[f"{name}.count"], found[f"{name}.of"] = share.count, share.denominator
    found["cultural_communes"] = figures.cultural_communes.count or 0
    return found


def merge(world):
    """Communes A and B (2024) merge into a new commune on 01/01/2025."""
    for area in (world.a, world.b):
        fill(area.group, 2024)
    merged = CommuneFactory(district=world.district, started_on=D(2025, 1, 1), name="Xã Mới")
    for area in (world.a, world.b):
        move(area.hamlet, merged, D(2025, 1, 1))
        area.commune.ended_on = D(2024, 12, 31)
        area.commune.save()
    merger = Reorganisation.objects.create(
        kind=Reorganisation.Kind.MERGE,
        level="commune",
        took_effect_on=D(2025, 1, 1),
        district=world.district,
    )
    for area in (world.a, world.b):
        Succession.objects.create(
            reorganisation=merger,
            level="commune",
            predecessor_id=area.commune.pk,
            successor_id=merged.pk,
        )
    return merged


def test_a_merged_commune_reads_earlier_years_on_todays_map(world, today):
    merged = merge(world)
    p = period(2024, today)
    a, b = (additive(compute(area.commune, p)[None]) for area in (world.a, world.b))
    on_todays_map = compute(merged, p, by="hamlet", todays_map=True)
    assert additive(on_todays_map[None]) == {key: a[key] + b[key] for key in a}
    assert a["groups.active"] == 1 and a["petitions.raised"] == 1 and a["committees.of"] == 1
    assert {world.a.hamlet.pk, world.b.hamlet.pk} <= set(on_todays_map)
    assert set(children_of(merged, p, todays_map=True)) == {world.a.hamlet, world.b.hamlet}
    # As it was, the new commune did not exist in 2024.
    as_it_was = compute(merged, p)[None]
    assert not any(additive(as_it_was).values())
    assert list(children_of(merged, p)) == []


def test_a_year_after_the_merger_reads_the_same_both_ways(world, today):
    merged = merge(world)
    fill(world.a.group, 2025)
    p = period(2025, today)
    assert compute(merged, p, by="hamlet", todays_map=True) == compute(merged, p, by="hamlet")


def test_two_periods_placed_differently_are_each_read_on_their_own_day(
    moving, today, django_assert_max_num_queries
):
    world = moving
    move(world.a.hamlet, world.b.commune, D(2025, 6, 1))
    periods = [period(2025, today), period(2024, today)]
    for unit, by in [(world.b.commune, "hamlet"), (world.district, "commune")]:
        alone = [compute(unit, p, by=by) for p in periods]
        assert compute_over(unit, periods, by=by) == alone
    now, before = (compute(world.b.commune, p, by="hamlet") for p in periods)
    assert world.a.hamlet.pk in now and world.a.hamlet.pk not in before
    # Unmoved, one set of queries serves both years.
    with django_assert_max_num_queries(16) as unmoved:
        compute_over(world.a.commune, [period(2024, today), period(2023, today)], by="hamlet")
    with django_assert_max_num_queries(31) as moved:
        compute_over(world.b.commune, periods, by="hamlet")
    assert len(moved) == 2 * len(unmoved) - 1


def test_todays_map_takes_in_what_came_from_other_units(world, today):
    """A hamlet moved into the merged commune from a commune that goes on counts on
    today's map with its records, whatever keys they carry."""
    other = CommuneFactory(district=world.district)
    hamlet = HamletFactory(commune=other)
    fill(GroupFactory(hamlet=hamlet), 2024)
    merged = merge(world)
    p = period(2024, today)
    hamlet_2024 = compute(hamlet, p)[None]
    move(hamlet, merged, D(2025, 1, 1))
    a, b = (additive(compute(area.commune, p)[None]) for area in (world.a, world.b))
    found = additive(compute(merged, p, todays_map=True)[None])
    for name in ("groups", "outreach", "petitions", "households"):
        for f in ADDITIVE[name]:
            key, value = f"{name}.{f}", getattr(getattr(hamlet_2024, name), f)
            assert found[key] == a[key] + b[key] + value, key
    assert found["outreach.sessions"] == 3
    assert compute(other, p)[None].petitions.raised == 1  # as it was, still the other's


@pytest.mark.parametrize("by", [None, "commune"])
def test_records_hanging_from_the_groups_are_read_beside_their_places_not_through_the_groups(
    filled, today, by, django_assert_max_num_queries
):
    """A district among many counts its roles, oversights and household counts by joining
    them to the places of their groups: the groups table between them would be read once
    for each of the district's groups (apps.hierarchy.models.GroupPlacements)."""
    hanging = ["people_grouprole", "people_partyoversight"]
    hanging += ["assessments_groupyeartotals", "people_grouphouseholdschange"]

    with django_assert_max_num_queries(30) as captured:
        figures = compute(filled.district, period(2025, today), by=by)

    counts = {table: [] for table in hanging}
    for query in captured.captured_queries:
        for table in hanging:
            if f'FROM "{table}"' in query["sql"]:
                counts[table].append(query["sql"])
    assert all(len(found) == 1 for found in counts.values()), counts
    for (sql,) in counts.values():
        assert '"hierarchy_placement"' in sql and '"hierarchy_group"' not in sql, sql
    assert (figures[None].groups.leaders, figures[None].groups.overseen) == (2, 2)
    assert figures[None].households.assessed == 6
