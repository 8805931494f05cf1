import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from apps.hierarchy.models import Commune, District, Group, Hamlet
from tests.factories import CommuneFactory, DistrictFactory, GroupFactory, HamletFactory

BEGAN = datetime.date(2000, 1, 1)

pytestmark = pytest.mark.django_db


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


# Codes


def test_district_code_is_unique():
    DistrictFactory(code="873")

    with pytest.raises(IntegrityError), transaction.atomic():
        DistrictFactory(code="873")


CODES_WITHIN_PARENT = [
    pytest.param(CommuneFactory, "district", "30010", id="commune"),
    pytest.param(HamletFactory, "commune", "01", id="hamlet"),
    pytest.param(GroupFactory, "hamlet", "01", id="group"),
]


@pytest.mark.parametrize(("factory", "parent", "code"), CODES_WITHIN_PARENT)
def test_a_units_code_is_unique_within_its_parent(factory, parent, code):
    first = factory(code=code)

    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**{parent: getattr(first, parent)}, code=code)


@pytest.mark.parametrize(("factory", "parent", "code"), CODES_WITHIN_PARENT)
def test_a_units_code_may_repeat_under_another_parent(factory, parent, code):
    first = factory(code=code)

    other = factory(code=code)

    assert getattr(other, parent) != getattr(first, parent)
    assert factory._meta.model.objects.filter(code=code).count() == 2


def test_renamed_group_keeps_its_code():
    group = GroupFactory(code="07", name="Tổ 7")

    group.name = "Tổ Bảy"
    group.save()

    group.refresh_from_db()
    assert (group.code, group.name) == ("07", "Tổ Bảy")


# Status and dates, enforced by the database

PLANNED = datetime.date(2019, 1, 1)
ACTIVATED = datetime.date(2019, 3, 1)
DISSOLVED = datetime.date(2023, 6, 30)


def new_group(hamlet=None, **fields) -> Group:
    """An unsaved group "Tổ 1" (code 01) planned on PLANNED, in `hamlet` or in a new one."""
    hamlet = hamlet or HamletFactory()
    return Group(hamlet=hamlet, code="01", name="Tổ 1", planned_on=PLANNED, **fields)


@pytest.mark.parametrize(
    ("status", "activated_on", "dissolved_on"),
    [
        pytest.param(Group.Status.PLANNED, ACTIVATED, None, id="planned-with-activation"),
        pytest.param(Group.Status.PLANNED, None, DISSOLVED, id="planned-with-dissolution"),
        pytest.param(Group.Status.ACTIVE, None, None, id="active-without-activation"),
        pytest.param(Group.Status.ACTIVE, ACTIVATED, DISSOLVED, id="active-with-dissolution"),
        pytest.param(Group.Status.DISSOLVED, ACTIVATED, None, id="dissolved-without-date"),
        pytest.param(Group.Status.ACTIVE, datetime.date(2018, 12, 31), None, id="active-early"),
        pytest.param(
            Group.Status.DISSOLVED, ACTIVATED, datetime.date(2019, 2, 28), id="dissolved-early"
        ),
    ],
)
def test_database_refuses_a_group_whose_status_contradicts_its_dates(
    status, activated_on, dissolved_on
):
    hamlet = HamletFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        new_group(
            hamlet, status=status, activated_on=activated_on, dissolved_on=dissolved_on
        ).save()


@pytest.mark.parametrize(
    ("status", "activated_on", "dissolved_on"),
    [
        pytest.param(Group.Status.PLANNED, None, None, id="planned"),
        pytest.param(Group.Status.ACTIVE, ACTIVATED, None, id="active"),
        pytest.param(Group.Status.ACTIVE, PLANNED, None, id="active-the-day-it-was-planned"),
        pytest.param(Group.Status.DISSOLVED, ACTIVATED, DISSOLVED, id="dissolved"),
        pytest.param(Group.Status.DISSOLVED, None, DISSOLVED, id="dissolved-before-activation"),
    ],
)
def test_database_accepts_a_group_whose_status_matches_its_dates(
    status, activated_on, dissolved_on
):
    group = new_group(status=status, activated_on=activated_on, dissolved_on=dissolved_on)
    group.save()

    group.full_clean()
    assert Group.objects.filter(pk=group.pk, status=status).exists()


def test_database_refuses_an_update_that_makes_status_contradict_dates():
    group = GroupFactory(status=Group.Status.ACTIVE, activated_on=ACTIVATED)

    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.filter(pk=group.pk).update(status=Group.Status.DISSOLVED)


# Group.clean()


def clean_errors(**fields) -> dict[str, list[str]]:
    group = new_group(**fields)
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            group.clean()
        # Read inside the override: the messages are lazy and the site speaks Vietnamese.
        return caught.value.message_dict


def test_clean_requires_an_activation_date_for_an_active_group():
    errors = clean_errors(status=Group.Status.ACTIVE)

    assert errors == {"activated_on": ["An active group needs the date it became active."]}


def test_clean_refuses_dates_on_a_planned_group():
    errors = clean_errors(status=Group.Status.PLANNED, activated_on=ACTIVATED)

    assert errors == {"status": ["A planned group has no activation or dissolution date."]}


def test_clean_refuses_a_dissolution_date_on_an_active_group():
    errors = clean_errors(
        status=Group.Status.ACTIVE, activated_on=ACTIVATED, dissolved_on=DISSOLVED
    )

    assert errors == {"dissolved_on": ["An active group has no dissolution date."]}


def test_clean_requires_a_dissolution_date_for_a_dissolved_group():
    errors = clean_errors(status=Group.Status.DISSOLVED, activated_on=ACTIVATED)

    assert errors == {"dissolved_on": ["A dissolved group needs the date it was dissolved."]}


def test_clean_refuses_activation_before_planning():
    errors = clean_errors(status=Group.Status.ACTIVE, activated_on=datetime.date(2018, 12, 31))

    assert errors == {"activated_on": ["A group cannot become active before it was planned."]}


def test_clean_refuses_dissolution_before_activation():
    errors = clean_errors(
        status=Group.Status.DISSOLVED,
        activated_on=ACTIVATED,
        dissolved_on=datetime.date(2019, 2, 1),
    )

    assert errors == {"dissolved_on": ["A group cannot be dissolved before it became active."]}


def test_clean_accepts_a_consistent_group():
    group = new_group(status=Group.Status.DISSOLVED, activated_on=ACTIVATED, dissolved_on=DISSOLVED)

    group.clean()


# Groups active in a period

MARCH_START = datetime.date(2024, 3, 1)
MARCH_END = datetime.date(2024, 3, 31)


@pytest.fixture
def groups_around_march_2024():
    hamlet = HamletFactory()

    def make(code, status, planned_on=PLANNED, activated_on=None, dissolved_on=None):
        return GroupFactory(
            hamlet=hamlet,
            code=code,
            status=status,
            planned_on=planned_on,
            activated_on=activated_on,
            dissolved_on=dissolved_on,
        )

    return {
        "active_for_years": make("long", Group.Status.ACTIVE, activated_on=ACTIVATED),
        "activated_mid_march": make(
            "mid", Group.Status.ACTIVE, activated_on=datetime.date(2024, 3, 15)
        ),
        "activated_in_april": make(
            "april", Group.Status.ACTIVE, activated_on=datetime.date(2024, 4, 1)
        ),
        "dissolved_in_february": make(
            "feb",
            Group.Status.DISSOLVED,
            activated_on=ACTIVATED,
            dissolved_on=datetime.date(2024, 2, 20),
        ),
        "dissolved_mid_march": make(
            "gone",
            Group.Status.DISSOLVED,
            activated_on=ACTIVATED,
            dissolved_on=datetime.date(2024, 3, 10),
        ),
        "planned": make("plan", Group.Status.PLANNED, planned_on=datetime.date(2024, 2, 1)),
        "dissolved_while_planned": make(
            "never", Group.Status.DISSOLVED, dissolved_on=datetime.date(2024, 3, 5)
        ),
    }


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_active_between_counts_groups_active_on_at_least_one_day_of_the_period(
    groups_around_march_2024,
):
    active = Group.objects.active_between(MARCH_START, MARCH_END)

    assert codes(active) == {"long", "mid", "gone"}


def test_active_on_a_day_before_a_mid_period_activation_leaves_the_group_out(
    groups_around_march_2024,
):
    assert codes(
        Group.objects.active_between(datetime.date(2024, 3, 14), datetime.date(2024, 3, 14))
    ) == {"long"}


def test_active_on_the_activation_day_counts_the_group(groups_around_march_2024):
    assert codes(
        Group.objects.active_between(datetime.date(2024, 3, 15), datetime.date(2024, 3, 15))
    ) == {"long", "mid"}


def test_active_on_a_day_before_dissolution_counts_the_group(groups_around_march_2024):
    assert codes(
        Group.objects.active_between(datetime.date(2024, 3, 9), datetime.date(2024, 3, 9))
    ) == {"long", "gone"}


def test_active_on_a_day_after_dissolution_leaves_the_group_out(groups_around_march_2024):
    assert codes(
        Group.objects.active_between(datetime.date(2024, 3, 11), datetime.date(2024, 3, 11))
    ) == {"long"}


def test_planned_groups_are_never_active(groups_around_march_2024):
    far_future = datetime.date(2100, 1, 1)

    assert "plan" not in codes(Group.objects.active_between(PLANNED, far_future))
    assert "never" not in codes(Group.objects.active_between(PLANNED, far_future))


def test_active_between_is_chainable_with_other_filters(groups_around_march_2024):
    hamlet = groups_around_march_2024["active_for_years"].hamlet
    other_hamlet_group = GroupFactory(status=Group.Status.ACTIVE, activated_on=ACTIVATED)

    active_here = Group.objects.filter(hamlet=hamlet).active_between(MARCH_START, MARCH_END)

    assert other_hamlet_group not in active_here
    assert codes(active_here) == {"long", "mid", "gone"}


# Names: NFC and folded copies


def test_name_given_in_nfd_is_stored_in_nfc():
    CommuneFactory(code="30025", name=nfd("Xã Bình Thạnh"))

    stored = Commune.objects.filter(code="30025").values_list("name", flat=True).get()

    assert stored == "Xã Bình Thạnh"
    assert unicodedata.is_normalized("NFC", stored)


def test_name_given_in_nfd_is_stored_in_nfc_by_bulk_create():
    commune = CommuneFactory()
    Hamlet.objects.bulk_create(
        [
            Hamlet(commune=commune, code="01", name=nfd("Ấp Mỹ Hội"), started_on=BEGAN),
            Hamlet(commune=commune, code="02", name=nfd("Khóm Thuỷ Tiên"), started_on=BEGAN),
        ]
    )

    stored = list(commune.hamlets.order_by("code").values_list("name", flat=True))

    assert stored == ["Ấp Mỹ Hội", "Khóm Thuỷ Tiên"]


def test_name_given_in_nfd_is_stored_in_nfc_by_queryset_update():
    commune = CommuneFactory()

    Commune.objects.filter(pk=commune.pk).update(name=nfd("Xã Tân Hội Trung"))

    assert Commune.objects.values_list("name", flat=True).get(pk=commune.pk) == ("Xã Tân Hội Trung")


def test_name_spaces_are_tidied_on_save():
    district = DistrictFactory(name="  Huyện\u00a0 Cao   Lãnh ", province=" Tỉnh  Đồng Tháp")

    district.refresh_from_db()

    assert (district.name, district.province) == ("Huyện Cao Lãnh", "Tỉnh Đồng Tháp")


def test_lookup_by_a_name_given_in_nfd_finds_the_stored_nfc_name():
    commune = CommuneFactory(name="Xã Bình Thạnh")

    assert Commune.objects.get(name=nfd("Xã Bình Thạnh")) == commune


def test_folded_name_is_filled_on_save():
    commune = CommuneFactory(name="Xã Bình Thạnh")

    assert Commune.objects.values_list("name_folded", flat=True).get(pk=commune.pk) == (
        "xa binh thanh"
    )


def test_folded_name_follows_a_rename():
    group = GroupFactory(name="Tổ 1")

    group.name = "Tổ Đoàn Kết"
    group.save()

    assert Group.objects.values_list("name_folded", flat=True).get(pk=group.pk) == ("to doan ket")


def test_folded_name_is_filled_by_bulk_create():
    district = DistrictFactory()
    Commune.objects.bulk_create(
        [
            Commune(district=district, code="1", name="Xã Tân Hoà", started_on=BEGAN),
            Commune(district=district, code="2", name=nfd("Xã Tân Hòa"), started_on=BEGAN),
            Commune(district=district, code="3", name="ĐỒNG THÁP", started_on=BEGAN),
        ]
    )

    folded = list(district.communes.order_by("code").values_list("name_folded", flat=True))

    assert folded == ["xa tan hoa", "xa tan hoa", "dong thap"]


def test_folded_name_is_filled_on_every_level():
    group = GroupFactory(
        name="Tổ Ấp Mỹ",
        hamlet__name="Ấp Phú Điền",
        hamlet__commune__name="Thị trấn Mỹ Thọ",
        hamlet__commune__district__name="Huyện Cao Lãnh",
    )

    assert District.objects.get(pk=group.hamlet.commune.district_id).name_folded == (
        "huyen cao lanh"
    )
    assert Commune.objects.get(pk=group.hamlet.commune_id).name_folded == "thi tran my tho"
    assert Hamlet.objects.get(pk=group.hamlet_id).name_folded == "ap phu dien"
    assert Group.objects.get(pk=group.pk).name_folded == "to ap my"
