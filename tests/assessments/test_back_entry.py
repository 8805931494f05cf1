"""Back-entry of past years' assessments: an official rates groups and hamlets, and assesses
households, for a year long past; the year picker reaches back to when the area began;
a year before the unit existed is refused with a message and writes nothing."""

import datetime

import pytest
from django.contrib.messages import get_messages

from apps.accounts.models import Scope
from apps.assessments.figures import group_ratings
from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from apps.hierarchy.models import Group
from tests.assessments.test_entry import commune_a_cultural, group_safe_hamlet_cultural
from tests.conftest import make_user
from tests.factories import HouseholdFactory

pytestmark = pytest.mark.usefixtures("today")


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_commune_rates_its_groups_and_hamlets_for_a_past_year(client, world, commune_a_official):
    client.force_login(commune_a_official)
    response = client.post(
        f"/binh-xet/xa/{world.a.commune.pk}/2021/", group_safe_hamlet_cultural(world)
    )
    assert response.status_code == 302
    assert GroupAssessment.objects.values_list("year", "safe", "commune").get() == (
        2021,
        True,
        world.a.commune.pk,
    )
    assert HamletAssessment.objects.values_list("year", "cultural").get() == (2021, True)
    figures = group_ratings(Group.objects.filter(hamlet__commune=world.a.commune), 2021)[None]
    assert figures.safe.numerator == 1


def test_households_are_assessed_for_a_past_year(client, world):
    households = HouseholdFactory.create_batch(2, group=world.a.group)
    client.force_login(make_user(Scope.Role.HAMLET, world.a.hamlet))
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    for i, household in enumerate(households):
        data[f"form-{i}-household"] = str(household.pk)
        data.update({f"form-{i}-{flag}": "on" for flag in ("no_crime", "no_social_evils")})
    response = client.post(f"/binh-xet/to/{world.a.group.pk}/2020/", data)
    assert response.status_code == 302
    assert set(HouseholdAssessment.objects.values_list("year", "no_drugs")) == {(2020, False)}


def test_a_year_before_the_commune_existed_is_refused_and_writes_nothing(
    client, world, commune_a_official
):
    world.a.commune.started_on = datetime.date(2017, 1, 1)
    world.a.commune.save()
    client.force_login(commune_a_official)
    response = client.post(
        f"/binh-xet/xa/{world.a.commune.pk}/2016/", group_safe_hamlet_cultural(world)
    )
    assert response.status_code == 302
    assert response.url == "/binh-xet/?nam=2016"
    assert _messages(response) == ["Xã Bình Thạnh chưa thành lập vào ngày 31/12/2016."]
    assert not GroupAssessment.objects.exists() and not HamletAssessment.objects.exists()


def test_a_year_before_the_group_was_planned_is_refused(client, world):
    client.force_login(make_user(Scope.Role.HAMLET, world.a.hamlet))
    response = client.get(f"/binh-xet/to/{world.a.group.pk}/2018/")  # planned on 01/01/2019
    assert _messages(response) == ["Tổ Bình Thạnh chưa thành lập vào ngày 31/12/2018."]


def test_a_future_year_is_not_offered(client, world, commune_a_official):
    client.force_login(commune_a_official)
    assert client.get(f"/binh-xet/xa/{world.a.commune.pk}/2027/").status_code == 404
    assert not GroupAssessment.objects.exists()


def test_the_year_picker_reaches_back_to_when_the_area_began(client, world, commune_a_official):
    world.a.commune.started_on = datetime.date(2017, 6, 1)
    world.a.commune.save()
    client.force_login(commune_a_official)
    page = client.get("/binh-xet/?nam=2018").content.decode()
    assert 'id="earlier-years"' in page
    assert '<option value="2021">' in page and '<option value="2018" selected>' in page
    assert '<option value="2017">' in page and '<option value="2016">' not in page


def test_the_district_rates_its_communes_for_a_past_year_but_not_before_it_began(
    client, world, admin_user
):
    world.district.started_on = datetime.date(2017, 1, 1)
    world.district.save()
    client.force_login(admin_user)
    data = commune_a_cultural(world)
    response = client.post(f"/binh-xet/huyen/{world.district.pk}/2016/", data)
    assert _messages(response) == ["Huyện Cao Lãnh chưa thành lập vào ngày 31/12/2016."]
    assert not CommuneAssessment.objects.exists()
    assert client.post(f"/binh-xet/huyen/{world.district.pk}/2019/", data).status_code == 302
    assert list(CommuneAssessment.objects.values_list("year", "commune", "cultural_standard")) == [
        (2019, world.a.commune.pk, True),
        (2019, world.b.commune.pk, False),
    ]
