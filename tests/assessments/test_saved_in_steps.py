"""A group's households saved one (or a few) at a time, as the phone's script does: the same
form and scope as the whole page, all posted lines or none, counted in the year's figures."""

import json

import pytest

from apps.accounts.models import Scope
from apps.assessments.figures import household_figures
from apps.assessments.models import HouseholdAssessment
from apps.hierarchy.models import Group
from tests.conftest import make_user
from tests.factories import HouseholdAssessmentFactory, HouseholdFactory

pytestmark = pytest.mark.usefixtures("today")
FLAGS = ["no_crime", "no_social_evils", "no_drugs", "cultural_family"]
ALL = dict.fromkeys(FLAGS, True)
NOT_3_NO = {**ALL, "no_drugs": False, "cultural_family": False}


def _lines(*rows: tuple) -> dict:
    """The posted lines, numbered from 0: (household, flags) each."""
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for i, (household, flags) in enumerate(rows):
        data[f"form-{i}-household"] = str(household.pk)
        data.update({f"form-{i}-{flag}": "on" for flag in FLAGS if flags.get(flag)})
    return data


@pytest.fixture
def households(world):
    return [HouseholdFactory(group=world.a.group, code=f"H{n}") for n in (1, 2, 3)]


@pytest.fixture
def official(client, world):
    user = make_user(Scope.Role.HAMLET, world.a.hamlet)
    client.force_login(user)
    return user


def _save(client, group, data):
    return client.post(f"/binh-xet/to/{group.pk}/2026/luu/", data)


def test_one_household_is_saved_and_counted_in_the_years_figures(
    client, world, households, official
):
    HouseholdAssessmentFactory(household=households[1], year=2026)
    response = _save(client, world.a.group, _lines((households[0], NOT_3_NO)))
    assert response.status_code == 200
    assert response.json() == {"saved": [households[0].pk], "changed": 1}
    saved = HouseholdAssessment.objects.get(household=households[0], year=2026)
    assert (saved.three_no, saved.cultural_family, saved.assessed_by) == (False, False, official)
    assert not HouseholdAssessment.objects.filter(household=households[2]).exists()
    figures = household_figures(Group.objects.filter(pk=world.a.group.pk), 2026)[None]
    assert (figures.assessed, figures.three_no) == (2, 1)


def test_a_small_batch_is_saved_in_one_request(client, world, households, official):
    data = _lines((households[2], ALL), (households[0], {**ALL, "cultural_family": False}))
    assert _save(client, world.a.group, data).json()["changed"] == 2
    stored = dict(
        HouseholdAssessment.objects.filter(year=2026).values_list(
            "household__code", "cultural_family"
        )
    )
    assert stored == {"H1": False, "H3": True}


def test_a_wrong_line_saves_nothing_of_its_batch_and_names_the_household(
    client, world, households, official
):
    HouseholdAssessmentFactory(household=households[0], year=2026)  # all ticked
    data = _lines((households[0], NOT_3_NO), (households[1], {"no_drugs": True}))
    data["form-1-cultural_family"] = "on"  # a cultural family that is not "3 không"
    response = _save(client, world.a.group, data)
    assert response.status_code == 400
    answer = response.json()
    assert list(answer["errors"]) == [str(households[1].pk)]
    assert "3 không" in answer["errors"][str(households[1].pk)][0]
    # Nothing of the batch changed: H1 keeps its stored flags, H2 has no row.
    assert HouseholdAssessment.objects.get(household=households[0]).no_drugs is True
    assert HouseholdAssessment.objects.filter(year=2026).count() == 1


def test_a_household_of_another_group_is_refused(client, world, households, official):
    stranger = HouseholdFactory(group=world.b.group)
    response = _save(client, world.a.group, _lines((households[0], ALL), (stranger, ALL)))
    assert response.status_code == 400
    assert "Danh sách hộ đã thay đổi" in json.loads(response.content)["message"]
    assert not HouseholdAssessment.objects.exists()


def test_another_groups_page_is_not_found_and_a_reader_cannot_write(
    client, world, households, group_a_leader
):
    other = HouseholdFactory(group=world.b.group)
    hamlet_a = make_user(Scope.Role.HAMLET, world.a.hamlet)
    client.force_login(hamlet_a)
    assert _save(client, world.b.group, _lines((other, ALL))).status_code == 404
    client.force_login(group_a_leader)  # reads the group's rows, may not write them
    assert _save(client, world.a.group, _lines((households[0], ALL))).status_code == 403
    assert not HouseholdAssessment.objects.exists()


def test_saving_needs_a_post_and_a_login(client, world, households):
    assert _save(client, world.a.group, _lines((households[0], ALL))).status_code == 302
    client.force_login(make_user(Scope.Role.HAMLET, world.a.hamlet))
    assert client.get(f"/binh-xet/to/{world.a.group.pk}/2026/luu/").status_code == 405
    assert not HouseholdAssessment.objects.exists()


def test_the_page_marks_each_line_for_the_script(client, world, households, official):
    HouseholdAssessmentFactory(household=households[1], year=2026)
    page = client.get(f"/binh-xet/to/{world.a.group.pk}/2026/").content.decode()
    assert f'data-rows-save="/binh-xet/to/{world.a.group.pk}/2026/luu/"' in page
    assert page.count("data-household=") == 3
    assert page.count('data-assessed="1"') == 1
    assert "household_rows.js" in page
