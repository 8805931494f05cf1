"""Rosters out: the people of a unit in the import format, so export → edit → import
round-trips. Text is written as text cells, whatever it starts with ("==1+1" included),
so nothing in it can run as a formula; phones stay text, years are numbers, days are
date cells. Each line carries its household's and person's code, so a corrected name,
address or year of birth comes back as a correction of the same people. People and
households that have left the roster are not listed."""

import datetime
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from apps.accounts import access
from apps.core.xlsx import safe_cell
from apps.imports.roster_format import COLUMNS
from apps.people.memberships import party_member_on
from apps.people.models import GroupRole, PartyOversight, Person

ROLE_NAMES = {GroupRole.Role.LEADER: "tổ trưởng", GroupRole.Role.DEPUTY: "tổ phó"}
GENDER_NAMES = {Person.Gender.MALE: "Nam", Person.Gender.FEMALE: "Nữ"}
EXAMPLE = [
    "Xã Bình Thạnh", "Ấp 1", "30010-01-01", "Tổ 1", "Nguyễn Văn An", "Số 12, Đường Lê Lợi",
    "Nguyễn Văn An", "Nam", 1968, "0912345678", "tổ trưởng", "có", "không",
    "15/03/2015", "01/01/2020", "", "", "",
]  # fmt: skip


def _cell(sheet, value):
    if isinstance(value, datetime.date):
        return safe_cell(sheet, value, number_format="DD/MM/YYYY")
    return safe_cell(sheet, value)  # text, even "=…": never a formula


def _row(sheet, values: Iterable) -> list:
    return [_cell(sheet, value) for value in values]


def _workbook(rows: Iterator[list]) -> Workbook:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    header = _row(sheet, COLUMNS.values())
    for cell in header:
        cell.font = Font(bold=True)
    sheet.append(header)
    for values in rows:
        sheet.append(_row(sheet, values))
    return workbook


def roster_template() -> Workbook:
    """The empty roster with one example line."""
    return _workbook(iter([EXAMPLE]))


# From a person to their unit at each level.
PERSON_TO = {
    "district": "household__group__hamlet__commune__district",
    "commune": "household__group__hamlet__commune",
    "hamlet": "household__group__hamlet",
    "group": "household__group",
}


def roster_people(user, unit) -> QuerySet[Person]:
    """The people of a unit's roster that the user may read."""
    return access.readable(user, Person).filter(**{PERSON_TO[unit.level]: unit})


def roster_workbook(people: QuerySet[Person]) -> Workbook:
    """The people as roster lines: four queries whatever their number."""
    people = (
        people.filter(left_on__isnull=True, household__left_on__isnull=True)
        .select_related("household__group__hamlet__commune")
        .annotate(party_member=party_member_on(timezone.localdate(), "pk"))
        .order_by(
            "household__group__hamlet__code", "household__group__code", "household__code", "id"
        )
    )
    heads = dict(
        Person.objects.filter(
            household__in=people.values("household"), is_household_head=True
        ).values_list("household_id", "full_name")
    )
    groups = people.values("household__group")
    roles = {
        (r.group_id, r.person_id): r for r in GroupRole.objects.current().filter(group__in=groups)
    }
    overseers = dict(
        ((group_id, person_id), since)
        for group_id, person_id, since in PartyOversight.objects.current()
        .filter(group__in=groups)
        .values_list("group_id", "person_id", "started_on")
    )

    def rows() -> Iterator[list]:
        for person in people.iterator(chunk_size=2000):
            group = person.household.group
            key = (group.pk, person.pk)
            role = roles.get(key)
            yield [
                group.hamlet.commune.name,
                group.hamlet.name,
                group.code,
                group.name,
                heads.get(person.household_id, ""),
                person.household.address,
                person.full_name,
                GENDER_NAMES[person.gender],
                person.birth_year,
                person.phone,
                ROLE_NAMES.get(role.role if role else None, "thành viên"),
                "có" if person.party_member else "không",
                "có" if key in overseers else "không",
                group.activated_on,
                role.started_on if role else None,
                overseers.get(key),
                person.household.code,
                person.code,
            ]

    return _workbook(rows())
