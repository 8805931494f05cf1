"""The commune's rating page grouped by hamlet, with a jump list to each hamlet; its queries do
not grow with the hamlets and groups."""

import re

import pytest

from apps.assessments.models import GroupAssessment
from tests.factories import GroupFactory, HamletFactory

pytestmark = pytest.mark.usefixtures("today")


def _hamlets(commune, count: int, groups: int, first: int = 0) -> list:
    hamlets = []
    for n in range(first, first + count):
        hamlet = HamletFactory(commune=commune, name=f"Ấp {n:02d}", code=f"H{n:02d}")
        for g in range(groups):
            GroupFactory(hamlet=hamlet, name=f"Tổ {n:02d}-{g}")
        hamlets.append(hamlet)
    return hamlets


def test_each_hamlet_has_its_section_and_a_link_to_it(client, world, commune_a_official):
    hamlets = _hamlets(world.a.commune, 3, 2)
    client.force_login(commune_a_official)
    page = client.get(f"/binh-xet/xa/{world.a.commune.pk}/2026/").content.decode()
    jump = page.split('id="jump"')[1].split("</nav>")[0]
    for hamlet in [world.a.hamlet, *hamlets]:
        assert f'href="#ap-{hamlet.pk}"' in jump
        assert f'id="ap-{hamlet.pk}"' in page
    # The section of "Ấp 01" holds that hamlet's own line and its two groups, nothing else.
    section = page.split(f'id="ap-{hamlets[1].pk}"')[1].split("</details>")[0]
    assert re.findall(r"<legend>([^<]+)</legend>", section) == ["Ấp 01", "Tổ 01-0", "Tổ 01-1"]
    assert "(2 tổ)" in jump


def test_a_changed_list_saves_nothing_and_says_so(client, world, commune_a_official):
    _hamlets(world.a.commune, 2, 1)
    client.force_login(commune_a_official)
    url = f"/binh-xet/xa/{world.a.commune.pk}/2026/"
    form = client.get(url).context["group_rows"]
    data = {"groups-TOTAL_FORMS": str(len(form.forms)), "groups-INITIAL_FORMS": "0"}
    data.update({f"groups-{i}-unit": str(f.initial["unit"]) for i, f in enumerate(form.forms)})
    data.update({f"groups-{i}-safe": "on" for i in range(len(form.forms))})
    data["groups-1-unit"] = str(world.b.group.pk)  # another commune's group
    data.update({"hamlets-TOTAL_FORMS": "0", "hamlets-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert not GroupAssessment.objects.exists()
    page = response.content.decode()
    assert "Danh sách đơn vị đã thay đổi" in page
    assert page.index("Danh sách đơn vị đã thay đổi") < page.index('id="ap-')


def test_the_queries_do_not_grow_with_hamlets_and_groups(
    client, world, commune_a_official, django_assert_max_num_queries
):
    _hamlets(world.a.commune, 2, 2)
    client.force_login(commune_a_official)
    url = f"/binh-xet/xa/{world.a.commune.pk}/2026/"
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    _hamlets(world.a.commune, 8, 6, first=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("hamlet-section") == 11  # the world's hamlet and ten more
