"""Every reorganisation, done through its service as an administrator does it, leaves every
earlier period's figures of every unit exactly as they were (DOMAIN.md: nothing done
today changes a past period's figures)."""

import datetime

import pytest

from apps.hierarchy import reorganise
from apps.hierarchy.models import Commune, District, Group
from apps.indicators.area import compute
from apps.people.models import Household
from tests.indicators.test_as_it_was import everything, filled, moving, period  # noqa: F401

D = datetime.date
ON = D(2026, 6, 1)


@pytest.fixture
def past(moving, today):  # noqa: F811 (the fixture imported above)
    """The world's figures of 2024 and 2025, by every level, before any reorganisation."""
    periods = [period(2024, today), period(2025, today)]
    return moving, periods, [everything(moving, p) for p in periods]


def assert_past_unchanged(past, *, groups_made: bool = False) -> None:
    """Every figure of every unit of the past periods is what it was, the households
    present in each group included (their memberships are dated)."""
    world, periods, before = past
    for unit in [world.district, world.a.commune, world.b.commune, *world.hamlets, *world.groups]:
        unit.refresh_from_db()
    after = [everything(world, p) for p in periods]
    if groups_made:
        # The groups a split makes are listed, empty, beside the past's: the units that
        # were there are compared.
        after = [
            {key: {unit: f for unit, f in figures.items() if unit in old[key]}
             for key, figures in found.items()}
            for found, old in zip(after, before, strict=True)
        ]  # fmt: skip
    assert after == before


def test_a_rename(past, superuser):
    world = past[0]
    reorganise.rename(world.a.commune, name="Xã Bình Thạnh Mới", on=ON, by=superuser)
    assert Commune.objects.get(pk=world.a.commune.pk).name == "Xã Bình Thạnh Mới"
    assert_past_unchanged(past)


def test_moves_of_a_hamlet_and_a_group(past, superuser, today):
    world = past[0]
    reorganise.move(world.a.hamlet, to=world.b.commune, on=ON, by=superuser)
    reorganise.move(world.b.group, to=world.third, on=ON, by=superuser)
    assert_past_unchanged(past)
    now = compute(world.b.commune, period(2026, today), by="hamlet")
    assert world.a.hamlet.pk in now


def test_a_merger_of_two_communes_into_a_new_one(past, superuser, today):
    world = past[0]
    reorganise.merge(
        [world.a.commune, world.b.commune],
        new={"code": "M1", "name": "Xã Hợp Nhất", "kind": "commune", "parent": world.district},
        on=ON,
        by=superuser,
    )
    assert_past_unchanged(past)
    merged = Commune.objects.get(code="M1")
    this_year = compute(world.district, period(2026, today), by="commune")
    assert set(this_year) - {None} >= {merged.pk}
    assert compute(merged, period(2026, today))[None].groups.active == 3


def test_a_split_of_a_commune(past, superuser):
    world = past[0]
    reorganise.split(
        world.a.commune,
        parts=[
            {"into": world.b.commune, "children": [world.a.hamlet]},
            {
                "new": {
                    "code": "S1",
                    "name": "Xã Tách",
                    "kind": "commune",
                    "parent": world.district,
                },
                "children": [world.third],
            },
        ],
        on=ON,
        by=superuser,
    )
    assert_past_unchanged(past)


def test_a_split_of_a_group(past, superuser):
    world = past[0]
    households = list(Household.objects.filter(group=world.b.group).order_by("pk"))
    half = len(households) // 2
    reorganise.split(
        world.b.group,
        parts=[
            {"new": {"code": "G1", "name": "Tổ 1A", "parent": world.b.hamlet},
             "households": households[:half]},
            {"new": {"code": "G2", "name": "Tổ 1B", "parent": world.b.hamlet},
             "households": households[half:]},
        ],
        on=ON,
        by=superuser,
    )  # fmt: skip
    assert Group.objects.get(pk=world.b.group.pk).dissolved_on == ON - datetime.timedelta(days=1)
    assert_past_unchanged(past, groups_made=True)


def test_the_end_of_a_district_whose_communes_go_to_a_province(past, superuser, today):
    world = past[0]
    province = District.objects.create(
        code="82", name="Tỉnh Đồng Tháp", province="Tỉnh Đồng Tháp", kind="province", started_on=ON
    )
    reorganise.regroup(world.district, province=province, on=ON, by=superuser)
    assert_past_unchanged(past)
    assert compute(province, period(2026, today))[None].groups.active == 3
