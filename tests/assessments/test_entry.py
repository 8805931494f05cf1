"""Entering a year's assessments: the uniqueness, the whole-group page (all rows or none),
the prefill, the commune's and district's rating pages, and who sees household rows."""

import datetime
import re

import pytest
from django.db import IntegrityError, transaction

from apps.accounts import access
from apps.accounts.models import Scope
from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from tests.conftest import make_user
from tests.factories import (
    CommuneAssessmentFactory,
    GroupAssessmentFactory,
    HamletAssessmentFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    PersonFactory,
)

pytestmark = pytest.mark.usefixtures("today")
FLAGS = ["no_crime", "no_social_evils", "no_drugs", "cultural_family"]


@pytest.mark.parametrize(
    ("factory", "unit"),
    [
        (HouseholdAssessmentFactory, "household"),
        (GroupAssessmentFactory, "group"),
        (HamletAssessmentFactory, "hamlet"),
        (CommuneAssessmentFactory, "commune"),
    ],
)
def test_one_assessment_per_unit_and_year(world, factory, unit):
    first = factory(year=2025)
    factory(year=2024, **{unit: getattr(first, unit)})
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(year=2025, **{unit: getattr(first, unit)})


@pytest.fixture
def households(world):
    """Group A's households: h1 assessed in 2025 (not 3 không), h2 assessed in 2026,
    h3 never assessed, h4 left in 2025 (not listed for 2026)."""
    h1, h2, h3 = (HouseholdFactory(group=world.a.group, code=f"H{n}") for n in (1, 2, 3))
    PersonFactory(household=h1, full_name="Trần Văn Một", is_household_head=True)
    HouseholdFactory(group=world.a.group, code="H4", left_on=datetime.date(2025, 6, 30))
    HouseholdAssessmentFactory(household=h1, year=2025, no_drugs=False, cultural_family=False)
    HouseholdAssessmentFactory(household=h2, year=2025, cultural_family=False)
    HouseholdAssessmentFactory(household=h2, year=2026, cultural_family=True)
    return h1, h2, h3


def _post_data(households, rows: list[dict]) -> dict:
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "500",
    }
    for i, (household, flags) in enumerate(zip(households, rows, strict=True)):
        data[f"form-{i}-household"] = str(household.pk)
        data.update({f"form-{i}-{flag}": "on" for flag in FLAGS if flags.get(flag)})
    return data


ALL = dict.fromkeys(FLAGS, True)


def rating_rows(prefix: str, units: list, flag: str, ticked: list) -> dict:
    """A rating page's rows of `units` as sent, `flag` ticked on the `ticked` ones."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(units)), f"{prefix}-INITIAL_FORMS": str(len(units))}
    for n, unit in enumerate(units):
        data[f"{prefix}-{n}-unit"] = str(unit.pk)
        if unit in ticked:
            data[f"{prefix}-{n}-{flag}"] = "on"
    return data


def commune_a_cultural(world) -> dict:
    """The district's rating page sent with commune A of cultural standard, commune B not."""
    communes = [world.a.commune, world.b.commune]
    return rating_rows("communes", communes, "cultural", [world.a.commune])


def group_safe_hamlet_cultural(world) -> dict:
    """The commune's rating page sent with group A safe and hamlet A cultural."""
    return {
        **rating_rows("groups", [world.a.group], "safe", [world.a.group]),
        **rating_rows("hamlets", [world.a.hamlet], "cultural", [world.a.hamlet]),
    }


def test_the_page_lists_the_years_households_prefilled(client, world, households):
    official = make_user(Scope.Role.HAMLET, world.a.hamlet)
    client.force_login(official)
    response = client.get(f"/binh-xet/to/{world.a.group.pk}/2026/")
    rows = response.context["rows"]
    assert [f.subject.code for f in rows] == ["H1", "H2", "H3"]
    initial = {f.subject.code: {k: f.initial[k] for k in FLAGS} for f in rows}
    # H1 from 2025 (no drugs and cultural unticked), H2 from 2026, H3 all ticked.
    assert initial["H1"] == {**ALL, "no_drugs": False, "cultural_family": False}
    assert initial["H2"] == ALL
    assert initial["H3"] == ALL
    page = response.content.decode()
    assert "Trần Văn Một" in page
    assert page.count('badge pending">chưa bình xét') == 2  # H1 and H3 have no 2026 assessment yet


def test_saving_the_whole_group(client, world, households):
    official = make_user(Scope.Role.HAMLET, world.a.hamlet)
    client.force_login(official)
    rows = [
        {**ALL, "cultural_family": False},
        ALL,
        {**ALL, "no_crime": False, "cultural_family": False},
    ]
    response = client.post(f"/binh-xet/to/{world.a.group.pk}/2026/", _post_data(households, rows))
    assert response.status_code == 302
    stored = {
        a.household.code: (a.three_no, a.cultural_family, a.assessed_by)
        for a in HouseholdAssessment.objects.filter(year=2026).select_related("household")
    }
    assert stored == {
        "H1": (True, False, official),
        "H2": (True, True, None),  # unchanged: not rewritten
        "H3": (False, False, official),
    }
    assert HouseholdAssessment.history.filter(year=2026).count() == 3  # two created + the factory's


def test_one_wrong_line_saves_nothing_and_is_marked(client, world, households):
    official = make_user(Scope.Role.HAMLET, world.a.hamlet)
    client.force_login(official)
    rows = [ALL, ALL, {**ALL, "no_drugs": False}]  # H3: cultural family but not 3 không
    response = client.post(f"/binh-xet/to/{world.a.group.pk}/2026/", _post_data(households, rows))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chưa lưu gì: hãy sửa các dòng được đánh dấu bên dưới." in page
    assert page.count('class="household has-error"') == 1
    assert "Gia đình văn hóa phải đạt “3 không”" in page
    assert HouseholdAssessment.objects.filter(year=2026).count() == 1  # only the fixture's


def test_a_household_of_another_group_is_refused(client, world, households):
    stranger = HouseholdFactory(group=world.b.group)
    official = make_user(Scope.Role.COMMUNE, world.a.commune)
    client.force_login(official)
    data = _post_data([*households[:2], stranger], [ALL, ALL, ALL])
    response = client.post(f"/binh-xet/to/{world.a.group.pk}/2026/", data)
    assert "Danh sách hộ đã thay đổi" in response.content.decode()
    assert not HouseholdAssessment.objects.filter(household=stranger).exists()


def test_household_rows_are_hidden_from_the_steering_committee(
    client, world, households, steering_user
):
    client.force_login(steering_user)
    assert client.get(f"/binh-xet/to/{world.a.group.pk}/2025/").status_code == 404
    assert client.get(f"/binh-xet/to/{world.a.group.pk}/2025/excel/").status_code == 404
    assert client.get(f"/binh-xet/ap/{world.a.hamlet.pk}/2025/excel/").status_code == 404
    assert not access.readable(steering_user, HouseholdAssessment).exists()
    page = client.get("/binh-xet/?nam=2025").content.decode()
    assert "0,00 %" in page  # H1 is not 3 không, H2 is: 1/2 → 50 %, shown as a figure
    assert "50,00 %" in page
    assert "Trần Văn Một" not in page


def test_group_leader_reads_but_does_not_write(client, world, households, group_a_leader):
    client.force_login(group_a_leader)
    response = client.get(f"/binh-xet/to/{world.a.group.pk}/2026/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lưu tất cả các hộ" not in page
    # Each tick shown read-only is named by its label, as the one to tick is.
    shown = re.findall(r'<input type="checkbox" id="([^"]+)" disabled', page)
    assert len(shown) == 3 * len(FLAGS)
    assert all(f'<label for="{box}">' in page for box in shown)
    data = _post_data(households, [ALL, ALL, ALL])
    assert client.post(f"/binh-xet/to/{world.a.group.pk}/2026/", data).status_code == 403
    assert client.get(f"/binh-xet/to/{world.b.group.pk}/2026/").status_code == 404


def test_commune_rates_its_groups_and_hamlets(client, world, commune_a_official):
    GroupAssessmentFactory(group=world.a.group, year=2025, safe=True, cultural=True)
    client.force_login(commune_a_official)
    url = f"/binh-xet/xa/{world.a.commune.pk}/2026/"
    response = client.get(url)
    group_form = response.context["group_rows"].forms[0]
    assert (group_form.initial["safe"], group_form.initial["cultural"]) == (True, True)
    assert client.post(url, group_safe_hamlet_cultural(world)).status_code == 302
    assert GroupAssessment.objects.filter(year=2026).values_list("safe", "cultural").get() == (
        True,
        False,
    )
    assert HamletAssessment.objects.filter(year=2026).values_list("safe", "cultural").get() == (
        False,
        True,
    )
    assert client.get(f"/binh-xet/xa/{world.b.commune.pk}/2026/").status_code == 404


def test_hamlets_are_rated_from_above(client, world):
    hamlet_official = make_user(Scope.Role.HAMLET, world.a.hamlet)
    assert not access.may(hamlet_official, HamletAssessment, world.a.hamlet, write=True)
    assert access.may(hamlet_official, GroupAssessment, world.a.group, write=True)
    client.force_login(hamlet_official)
    assert client.get(f"/binh-xet/xa/{world.a.commune.pk}/2026/").status_code == 404


def test_the_district_rates_its_communes(client, world, admin_user, commune_a_official):
    client.force_login(admin_user)
    url = f"/binh-xet/huyen/{world.district.pk}/2026/"
    data = commune_a_cultural(world)
    assert client.post(url, data).status_code == 302
    assert list(
        CommuneAssessment.objects.filter(cultural_standard=True).values_list("commune", flat=True)
    ) == [world.a.commune.pk]
    client.force_login(commune_a_official)
    assert client.post(url, data).status_code in (403, 404)


def test_years_outside_the_range_are_not_found(client, world, commune_a_official):
    client.force_login(commune_a_official)
    assert client.get(f"/binh-xet/to/{world.a.group.pk}/2027/").status_code == 404
    assert client.get(f"/binh-xet/to/{world.a.group.pk}/1999/").status_code == 404


def test_years_are_written_without_a_thousands_separator(client, world, commune_a_official):
    client.force_login(commune_a_official)
    for url in ("/binh-xet/?nam=2025", f"/binh-xet/to/{world.a.group.pk}/2025/"):
        page = client.get(url).content.decode()
        assert "2.025" not in page and "2025" in page
