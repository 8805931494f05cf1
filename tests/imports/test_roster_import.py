"""Importing rosters: matching, all-or-nothing, idempotence, real-world cells, scope."""

import datetime
import unicodedata

import pytest

from apps.accounts.models import Scope
from apps.hierarchy.models import Group
from apps.imports import roster_import
from apps.imports.reading import UnreadableFile
from apps.imports.roster_format import read_roster
from apps.imports.roster_import import apply_roster, plan_roster
from apps.people.models import GroupRole, Household, PartyOversight, Person
from tests.conftest import make_user
from tests.imports.roster_files import person, workbook_bytes

TODAY = datetime.date(2026, 11, 18)


def _import(data: bytes, user, name="roster.xlsx", today=TODAY, as_of=None, end_missing=False):
    plan = plan_roster(read_roster(data, name), user, today, as_of=as_of)
    if not plan.errors:
        apply_roster(plan, user, end_missing=end_missing)
    return plan


def _family(commune="Xã Bình Thạnh", hamlet="Ấp Bình Thạnh", group="T01"):
    return [
        person(
            commune,
            hamlet,
            group,
            "Nguyễn Văn An",
            "Nguyễn Văn An",
            role="tổ trưởng",
            party="có",
            group_name="Tổ 1",
        ),
        person(commune, hamlet, group, "Nguyễn Văn An", "Trần Thị Bình", gender="Nữ", year=1978),
        person(
            commune,
            hamlet,
            group,
            "Lê Văn Cường",
            "Lê Văn Cường",
            role="tổ phó",
            year=1960,
            address="Số 5, Đường Lê Lợi",
        ),
        person(
            commune,
            hamlet,
            group,
            "Lê Văn Cường",
            "Lê Thị Dung",
            gender="Nữ",
            year=1990,
            party="có",
            overseer="có",
            address="Số 5, Đường Lê Lợi",
        ),
    ]


def test_a_first_import_creates_everything_and_a_second_changes_nothing(units, admin_user):
    data = workbook_bytes({"Ấp Bình Thạnh": _family()})
    plan = _import(data, admin_user)
    assert plan.errors == []
    assert (plan.count("new"), plan.count("update"), plan.count("skip")) == (4, 0, 0)
    group = Group.objects.get(code="T01")
    assert (group.hamlet, group.name, group.status) == (units.a.hamlet, "Tổ 1", "active")
    assert Household.objects.filter(group=group).count() == 2
    heads = Person.objects.filter(household__group=group, is_household_head=True)
    assert sorted(heads.values_list("full_name", flat=True)) == ["Lê Văn Cường", "Nguyễn Văn An"]
    assert (
        GroupRole.objects.current().get(group=group, role="leader").person.full_name
        == "Nguyễn Văn An"
    )
    assert (
        GroupRole.objects.current().get(group=group, role="deputy").person.full_name
        == "Lê Văn Cường"
    )
    assert PartyOversight.objects.current().get(group=group).person.full_name == "Lê Thị Dung"
    counts = [m.objects.count() for m in (Group, Household, Person, GroupRole, PartyOversight)]
    history = Person.history.count()
    again = _import(data, admin_user)
    assert (again.count("new"), again.count("update"), again.count("skip")) == (0, 0, 4)
    assert [
        m.objects.count() for m in (Group, Household, Person, GroupRole, PartyOversight)
    ] == counts
    assert Person.history.count() == history  # nothing rewritten


def test_a_changed_file_updates_in_place(units, admin_user):
    _import(workbook_bytes({"S": _family()}), admin_user, today=datetime.date(2026, 10, 1))
    rows = _family()
    rows[1][9] = "0987654321"  # Bình's phone
    rows[0][10], rows[2][10] = "thành viên", "tổ trưởng"  # Cường takes over as leader
    plan = _import(workbook_bytes({"S": rows}), admin_user)
    assert (plan.count("new"), plan.count("update"), plan.count("skip")) == (0, 3, 1)
    assert Person.objects.get(full_name="Trần Thị Bình").phone == "0987654321"
    group = Group.objects.get(code="T01")
    leader = GroupRole.objects.current().get(group=group, role="leader")
    assert leader.person.full_name == "Lê Văn Cường" and leader.started_on == TODAY
    ended = GroupRole.objects.get(group=group, person__full_name="Nguyễn Văn An")
    assert ended.ended_on == TODAY - datetime.timedelta(days=1)
    assert Person.objects.count() == 4


@pytest.mark.parametrize(
    ("commune", "hamlet"),
    [
        ("C-A", "H-A1"),
        ("xa binh thanh", "ap binh thanh"),
        ("BÌNH THẠNH", "Bình Thạnh"),
        (
            unicodedata.normalize("NFD", "Xã  Bình Thạnh "),
            unicodedata.normalize("NFD", "Ấp Bình Thạnh"),
        ),
    ],
)
def test_communes_and_hamlets_by_code_or_name(units, admin_user, commune, hamlet):
    plan = _import(workbook_bytes({"S": _family(commune, hamlet)}), admin_user)
    assert plan.errors == []
    assert Group.objects.get(code="T01").hamlet == units.a.hamlet


def test_old_and_new_tone_placement_are_the_same_name(units, admin_user):
    plan = _import(workbook_bytes({"S": _family("Bình Thạnh", "Tân Hoà")}), admin_user)
    assert plan.errors == []
    assert Group.objects.get(code="T01").hamlet.name == "Ấp Tân Hòa"


def test_an_unknown_name_is_an_error_with_suggestions_and_nothing_is_created(
    units, admin_user, near_namesake
):
    rows = _family()
    rows[3][0] = "Xã Bình Thạch"  # a typo
    plan = _import(workbook_bytes({"Ấp 1": rows}), admin_user)
    assert [(e.sheet, e.line, e.column) for e in plan.errors] == [("Ấp 1", 5, "Xã")]
    assert plan.errors[0].message == (
        "Không có đơn vị “Xã Bình Thạch”. Có phải: Xã Bình Thạnh, Xã Bình Thành?"
    )
    assert not Group.objects.filter(code="T01").exists()
    assert not Person.objects.exists()


def test_names_differing_only_by_a_tone_mark(units, admin_user, near_namesake):
    assert _import(workbook_bytes({"S": _family()}), admin_user).errors == []
    assert Group.objects.get(code="T01").hamlet.commune == units.a.commune
    plan = _import(workbook_bytes({"S": _family("binh thanh", "H-A1", "T09")}), admin_user)
    assert plan.errors[0].message.startswith("Có nhiều đơn vị khớp với “binh thanh”")


def test_any_error_means_nothing_is_written(units, admin_user):
    rows = _family()
    rows[1][7] = "Không rõ"  # gender
    rows[2][8] = "năm 60"  # birth year
    rows[3][12] = "có"  # overseer…
    rows[3][11] = "không"  # …but not a party member
    plan = _import(workbook_bytes({"S": rows}), admin_user)
    assert [(e.line, e.column) for e in plan.errors] == [
        (3, "Giới tính"),
        (4, "Năm sinh"),
        (5, "Đảng viên phụ trách tổ"),
    ]
    assert not Person.objects.exists() and not Group.objects.filter(code="T01").exists()
    with pytest.raises(ValueError):
        apply_roster(plan, admin_user)


def test_a_crash_half_way_leaves_the_database_as_before(units, admin_user, monkeypatch):
    plan = plan_roster(read_roster(workbook_bytes({"S": _family()}), "r.xlsx"), admin_user, TODAY)
    real = roster_import.create_with_history
    calls = []

    def failing(objs, model, **kwargs):
        calls.append(model)
        if model is Person:
            raise ConnectionError("the database went away")
        return real(objs, model, **kwargs)

    monkeypatch.setattr(roster_import, "create_with_history", failing)
    before = [m.objects.count() for m in (Group, Household, Person)]
    with pytest.raises(ConnectionError):
        apply_roster(plan, admin_user)
    assert Household in calls  # groups and households had been written…
    assert [m.objects.count() for m in (Group, Household, Person)] == before  # …and rolled back


def test_real_world_cells(units, admin_user):
    """Number phones without their 0, years as text and dates, merged or blank commune
    cells, empty lines, a title above the header, and one sheet per hamlet."""
    first = _family()
    first[1][9] = 912345678  # a number cell: the leading zero is lost
    first[2][8] = "1960"
    first[3][8] = datetime.datetime(1990, 5, 17)  # noqa: DTZ001 - a spreadsheet date
    first[1][0] = first[2][0] = first[3][0] = None  # merged: only the first line has it
    first.insert(2, [None] * 13)
    second = [person("C-A", "H-A2", "T02", "Phạm Thị Em", "Phạm Thị Em", gender="nữ", year=1.985e3)]
    data = workbook_bytes({"Ấp 1": first, "Ấp 2": second}, header_at=3, title="DANH SÁCH TỔ")
    plan = _import(data, admin_user)
    assert plan.errors == []
    assert Person.objects.get(full_name="Trần Thị Bình").phone == "0912345678"
    assert Person.objects.get(full_name="Lê Văn Cường").birth_year == 1960
    assert Person.objects.get(full_name="Lê Thị Dung").birth_year == 1990
    assert Person.objects.get(full_name="Phạm Thị Em").household.group.hamlet.code == "H-A2"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("NguyÔn V¨n An", "TCVN3"), ("Nguyeãn Vaên An", "VNI")],
)
def test_legacy_font_encodings_are_refused(units, admin_user, text, encoding):
    rows = _family()
    rows[1][6] = text
    with pytest.raises(UnreadableFile, match=f"bảng mã {encoding}"):
        read_roster(workbook_bytes({"S": rows}), "r.xlsx")


def test_a_commune_official_imports_only_into_their_commune(units):
    official = make_user(Scope.Role.COMMUNE, units.a.commune)
    plan = _import(workbook_bytes({"S": _family("C-B", "Ấp Mỹ Hội")}), official)
    assert {e.message for e in plan.errors} == {"Ấp này nằm ngoài địa bàn bạn phụ trách."}
    assert not Person.objects.exists()
    assert _import(workbook_bytes({"S": _family()}), official).errors == []


def test_a_namesake_of_the_head_is_not_a_second_head(units, admin_user):
    rows = _family()
    rows.insert(1, person("C-A", "H-A1", "T01", "Nguyễn Văn An", "Nguyễn Văn An", year=1999))
    plan = _import(workbook_bytes({"S": rows}), admin_user)
    assert plan.errors == []
    namesakes = Person.objects.filter(full_name="Nguyễn Văn An").order_by("birth_year")
    assert [(p.birth_year, p.is_household_head) for p in namesakes] == [(1975, True), (1999, False)]
    assert namesakes[0].household == namesakes[1].household


def test_a_town_and_a_commune_of_the_same_name(units, admin_user):
    town = units.b.commune
    town.name = "Thị trấn Bình Thạnh"
    town.save()
    plan = _import(workbook_bytes({"S": _family("Thị trấn Bình Thạnh", "Ấp Mỹ Hội")}), admin_user)
    assert plan.errors == []
    assert Group.objects.get(code="T01").hamlet == units.b.hamlet
