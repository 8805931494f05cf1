"""The month's status grouped by hamlet, with a jump list to each hamlet's own page."""

import re

import pytest

from apps.accounts.models import Scope
from tests.conftest import make_user
from tests.factories import GroupFactory, HamletFactory

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def hamlets(world):
    made = [world.a.hamlet]
    for n in range(1, 4):
        hamlet = HamletFactory(commune=world.a.commune, name=f"Ấp {n}", code=f"9{n}")
        GroupFactory(hamlet=hamlet, name=f"Tổ {n}-a")
        GroupFactory(hamlet=hamlet, name=f"Tổ {n}-b")
        made.append(hamlet)
    return made


def _jump(page: str) -> list[tuple[str, str]]:
    nav = page.split('id="jump"')[1].split("</nav>")[0]
    return re.findall(r'<a href="\?([^"]*)"[^>]*>([^<]+)', nav)


def test_the_jump_list_links_each_hamlet_and_the_list_is_grouped(client, world, hamlets):
    client.force_login(make_user(Scope.Role.COMMUNE, world.a.commune))
    page = client.get("/sinh-hoat/?thang=2026-10").content.decode()
    links = _jump(page)
    assert [name.strip() for _q, name in links] == [
        "Tất cả ấp/khóm",
        *[h.name for h in sorted(hamlets, key=lambda h: h.code)],
    ]
    assert re.findall(r"<h2>(Ấp [^<]+)</h2>", page) == [
        h.name for h in sorted(hamlets, key=lambda h: h.code)
    ]
    # One tap: the hamlet's own page lists its groups only.
    hamlet_two = next(q for q, name in links if name.strip() == "Ấp 2")
    assert f"ap={hamlets[2].pk}" in hamlet_two and "thang=2026-10" in hamlet_two
    assert hamlet_two.endswith("#groups")  # opens on the hamlet's groups
    url = "/sinh-hoat/?" + hamlet_two.replace("&amp;", "&").removesuffix("#groups")
    page = client.get(url).content.decode()
    assert re.findall(r"<strong>(Tổ [^<]+)</strong>", page) == ["Tổ 2-a", "Tổ 2-b"]


def test_a_district_wide_user_gets_the_list_folded_with_communes(
    client, world, hamlets, steering_user, django_assert_max_num_queries
):
    for n in range(10):
        GroupFactory(hamlet=HamletFactory(commune=world.b.commune, code=f"8{n}"))
    client.force_login(steering_user)
    with django_assert_max_num_queries(12):
        page = client.get("/sinh-hoat/?thang=2026-10").content.decode()
    assert '<details class="jump panel" id="jump">' in page  # 15 hamlets: folded, one tap opens
    assert len(_jump(page)) == 16
    assert "Xã Mỹ Hội" in page.split('id="jump"')[1].split("</nav>")[0]
