import unicodedata

import pytest

from apps.core.search import folded_q
from apps.hierarchy.models import Commune, Hamlet
from tests.factories import CommuneFactory, HamletFactory

pytestmark = pytest.mark.django_db


def commune_names(term: str) -> set[str]:
    return set(
        Commune.objects.filter(folded_q(term, ["name_folded"])).values_list("name", flat=True)
    )


# folded_q on the real database


@pytest.mark.parametrize(
    "term", ["binh thanh", "BINH THANH", "Bình Thạnh", "  binh   thanh ", "thanh binh"]
)
def test_folded_q_finds_binh_thanh_whatever_the_accents_case_and_word_order(world, term):
    assert commune_names(term) == {"Xã Bình Thạnh"}


def test_folded_q_finds_a_name_from_a_term_given_in_nfd(world):
    assert commune_names(unicodedata.normalize("NFD", "Bình Thạnh")) == {"Xã Bình Thạnh"}


@pytest.mark.parametrize("term", ["Hoà", "Hòa", "hoa", "HOÀ"])
def test_folded_q_finds_old_and_new_tone_placement_from_either_spelling(world, term):
    CommuneFactory(district=world.district, name="Xã Tân Hoà")
    CommuneFactory(district=world.district, name="Xã Phú Hòa")

    assert commune_names(term) == {"Xã Tân Hoà", "Xã Phú Hòa"}


def test_folded_q_requires_every_word_to_match(world):
    assert commune_names("binh hoi") == set()
    assert commune_names("my hoi") == {"Xã Mỹ Hội"}


def test_folded_q_matches_part_of_a_word(world):
    assert commune_names("thanh") == {"Xã Bình Thạnh"}
    assert commune_names("xa") == {"Xã Bình Thạnh", "Xã Mỹ Hội"}


def test_folded_q_with_an_empty_term_matches_everything(world):
    assert commune_names("   ") == {"Xã Bình Thạnh", "Xã Mỹ Hội"}


def test_folded_q_searches_across_several_fields(world):
    HamletFactory(commune=world.b.commune, name="Ấp Bình Thạnh Đông")

    found = Hamlet.objects.filter(
        folded_q("binh thanh", ["name_folded", "commune__name_folded"])
    ).distinct()

    assert {(h.name, h.commune.name) for h in found} == {
        ("Ấp Bình Thạnh", "Xã Bình Thạnh"),
        ("Ấp Bình Thạnh Đông", "Xã Mỹ Hội"),
    }


def test_folded_q_lets_words_match_in_different_fields(world):
    found = Hamlet.objects.filter(folded_q("ap xa", ["name_folded", "commune__name_folded"]))

    assert found.count() == 2


# The admin, through HTTP


@pytest.fixture
def admin_client_for(client, superuser):
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("query", ["binh+thanh", "BINH+THANH", "B%C3%ACnh+Th%E1%BA%A1nh"])
def test_admin_commune_search_is_accent_insensitive(admin_client_for, world, query):
    response = admin_client_for.get(f"/admin/hierarchy/commune/?q={query}")

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [world.a.commune]
    assert "Xã Bình Thạnh" in response.content.decode()


def test_admin_commune_search_leaves_out_other_communes(admin_client_for, world):
    response = admin_client_for.get("/admin/hierarchy/commune/?q=binh+thanh")

    assert world.b.commune not in response.context["cl"].result_list
    assert ">Xã Mỹ Hội<" not in response.content.decode()


def test_admin_commune_search_finds_a_code_by_its_prefix(admin_client_for, world):
    world.a.commune.code = "30025"
    world.a.commune.save()

    response = admin_client_for.get("/admin/hierarchy/commune/?q=3002")

    assert list(response.context["cl"].result_list) == [world.a.commune]


def test_admin_hamlet_search_finds_hamlets_by_their_commune_name(admin_client_for, world):
    HamletFactory(commune=world.a.commune, name="Ấp 2")

    response = admin_client_for.get("/admin/hierarchy/hamlet/?q=xa+binh+thanh")

    names = sorted(h.name for h in response.context["cl"].result_list)
    assert names == ["Ấp 2", "Ấp Bình Thạnh"]


def test_admin_autocomplete_finds_a_commune_without_accents(admin_client_for, world):
    response = admin_client_for.get(
        "/admin/autocomplete/",
        {"app_label": "hierarchy", "model_name": "hamlet", "field_name": "commune", "term": "binh"},
    )

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(world.a.commune.pk), "text": "Xã Bình Thạnh"}]


def test_admin_autocomplete_with_a_folded_term_of_two_words(admin_client_for, world):
    response = admin_client_for.get(
        "/admin/autocomplete/",
        {
            "app_label": "hierarchy",
            "model_name": "hamlet",
            "field_name": "commune",
            "term": "MY HOI",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Xã Mỹ Hội"]
