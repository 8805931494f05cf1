"""Two administrators confirming different roster files at the same instant: both land."""

import datetime

import pytest
from django.db import transaction

from apps.hierarchy.models import Group
from apps.imports.roster_format import read_roster
from apps.imports.roster_import import apply_roster, plan_roster
from apps.people.models import Household, Person
from tests.concurrency import at_once, database_file
from tests.imports.roster_files import person, workbook_bytes

TODAY = datetime.date(2026, 11, 18)


@pytest.fixture
def shared_database(transactional_db, tmp_path, units, admin_user):
    with database_file(tmp_path) as settings_dict:
        yield settings_dict


def _roster(commune: str, hamlet: str, group: str, family: str) -> bytes:
    rows = [
        person(commune, hamlet, group, f"{family} Văn An", f"{family} Văn An", role="tổ trưởng"),
        person(commune, hamlet, group, f"{family} Văn An", f"{family} Thị Bình", gender="Nữ"),
        person(commune, hamlet, group, f"{family} Văn Cường", f"{family} Văn Cường"),
    ]
    return workbook_bytes({hamlet: rows})


def _confirm(data: bytes, user):
    """What confirming an upload does: one request's transaction reads, checks, then writes."""

    def job():
        with transaction.atomic():
            plan = plan_roster(read_roster(data, "roster.xlsx"), user, TODAY)
            apply_roster(plan, user)
        return plan

    return job


def test_two_rosters_confirmed_at_the_same_instant_are_both_written(shared_database, admin_user):
    files = [
        _roster("C-A", "H-A1", "T01", "Nguyễn"),
        _roster("C-B", "Ấp Mỹ Hội", "T02", "Trần"),
    ]

    results = at_once(shared_database, [_confirm(data, admin_user) for data in files])

    assert [r for r in results if isinstance(r, Exception)] == []
    assert [r.errors for r in results] == [[], []]
    assert sorted(Group.objects.filter(code__in=["T01", "T02"]).values_list("code", flat=True)) == [
        "T01",
        "T02",
    ]
    assert Household.objects.filter(group__code="T01").count() == 2
    assert Household.objects.filter(group__code="T02").count() == 2
    assert Person.objects.filter(household__group__code__in=["T01", "T02"]).count() == 6
