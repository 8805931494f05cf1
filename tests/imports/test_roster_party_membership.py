"""The roster's "Đảng viên" column says who is a party member on the import day: a
membership begins that day, or the current one ends the day before; the export says who
is one today (issue 18, item 4)."""

import datetime
import io

import openpyxl

from apps.core.xlsx import as_bytes
from apps.imports.roster_export import roster_workbook
from apps.imports.roster_format import read_roster
from apps.imports.roster_import import apply_roster, plan_roster
from apps.people.memberships import HouseholdMembership, PartyMembership
from apps.people.models import Person
from tests.imports.roster_files import person, workbook_bytes

FIRST, SECOND = datetime.date(2026, 10, 1), datetime.date(2026, 11, 18)


def _import(rows, user, today):
    plan = plan_roster(read_roster(workbook_bytes({"S": rows}), "roster.xlsx"), user, today)
    assert plan.errors == []
    apply_roster(plan, user)
    return plan


def _lines(party: str) -> list[list]:
    where = ("Xã Bình Thạnh", "Ấp Bình Thạnh", "T01")
    return [
        person(*where, "Nguyễn Văn An", "Nguyễn Văn An", role="tổ trưởng", party=party),
        person(*where, "Nguyễn Văn An", "Trần Thị Bình", gender="Nữ", year=1978),
    ]


def _exported_party_column() -> dict[str, str]:
    exported = as_bytes(roster_workbook(Person.objects.all()))
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    return {row[6]: row[11] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_the_party_column_begins_and_ends_a_dated_membership(units, admin_user, monkeypatch):
    _import(_lines("có"), admin_user, FIRST)
    an = Person.objects.get(full_name="Nguyễn Văn An")
    assert list(an.party_memberships.values_list("joined_on", "left_on")) == [(FIRST, None)]
    assert not PartyMembership.objects.filter(person__full_name="Trần Thị Bình").exists()
    # Each new household begins its membership of its group.
    assert HouseholdMembership.objects.current().filter(group__code="T01").count() == 1

    plan = _import(_lines("không"), admin_user, SECOND)
    assert (plan.count("update"), plan.count("skip")) == (1, 1)
    last_day = SECOND - datetime.timedelta(days=1)
    assert list(an.party_memberships.values_list("joined_on", "left_on")) == [(FIRST, last_day)]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: SECOND)
    assert _exported_party_column() == {"Nguyễn Văn An": "không", "Trần Thị Bình": "không"}

    _import(_lines("có"), admin_user, SECOND + datetime.timedelta(days=30))
    assert an.party_memberships.count() == 2
    assert _exported_party_column()["Nguyễn Văn An"] == "không"  # not yet, on SECOND
