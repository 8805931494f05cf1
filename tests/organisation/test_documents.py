"""Documents and their PDF: checked by content and size on upload, served only to those in
scope, never from a public address."""

from pathlib import Path

import pytest
from django.urls import reverse

from apps.organisation.models import Document
from tests.factories import DocumentFactory
from tests.organisation import posts
from tests.organisation.posts import PDF

pytestmark = pytest.mark.usefixtures("today")

# What a Windows program starts with: "MZ", then the DOS stub.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def download(client, document: Document):
    return client.get(f"/to-chuc/van-ban/{document.pk}/tai-ve/")


def test_commune_official_uploads_a_pdf_and_gets_it_back(client, world, commune_a_official):
    client.force_login(commune_a_official)
    page = client.get("/to-chuc/van-ban/moi/").content.decode()
    assert f'value="commune:{world.a.commune.pk}"' in page and "district:" not in page

    response = client.post("/to-chuc/van-ban/moi/", posts.document(f"commune:{world.a.commune.pk}"))

    document = Document.objects.get()
    assert response.status_code == 302
    assert (document.district, document.commune) == (world.district, world.a.commune)
    assert document.file_name == "quyet-dinh.pdf"
    assert document.file.name.startswith("documents/") and "quyet" not in document.file.name
    response = download(client, document)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "quyet-dinh.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    for url in (
        f"/to-chuc/van-ban/{document.pk}/",
        reverse("admin:organisation_document_change", args=[document.pk]),
    ):
        page = client.get(url).content.decode()
        assert f"/to-chuc/van-ban/{document.pk}/tai-ve/" in page, url
        assert "/media/" not in page and document.file.name not in page, url


def test_an_exe_renamed_pdf_is_refused(client, world, commune_a_official, media_root):
    client.force_login(commune_a_official)
    data = posts.document(f"commune:{world.a.commune.pk}", EXE, name="quyet-dinh.pdf")

    response = client.post("/to-chuc/van-ban/moi/", data)

    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == ["not_pdf"]
    assert not Document.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.pdf"))


def test_a_file_over_the_size_limit_is_refused(client, world, commune_a_official, settings):
    settings.DOCUMENT_MAX_BYTES = len(PDF) - 1
    client.force_login(commune_a_official)

    response = client.post("/to-chuc/van-ban/moi/", posts.document(f"commune:{world.a.commune.pk}"))

    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == ["too_large"]
    assert not Document.objects.exists()


def test_a_document_without_a_file_is_fine(client, world, admin_user):
    client.force_login(admin_user)
    data = posts.document(f"district:{world.district.pk}", content=None)
    assert client.post("/to-chuc/van-ban/moi/", data).status_code == 302
    document = Document.objects.get()
    assert (document.commune, document.file.name) == (None, "")
    assert download(client, document).status_code == 404


def test_the_pdf_goes_only_to_logged_in_users_in_scope(
    client, world, commune_a_official, commune_b_official, steering_user, hamlet_a_official
):
    client.force_login(commune_a_official)
    client.post("/to-chuc/van-ban/moi/", posts.document(f"commune:{world.a.commune.pk}"))
    document = Document.objects.get()
    client.logout()
    response = download(client, document)
    assert response.status_code == 302 and response.url.startswith("/dang-nhap/")
    assert client.get(f"/media/{document.file.name}").status_code == 404
    client.force_login(steering_user)
    assert download(client, document).status_code == 200
    for outsider in (commune_b_official, hamlet_a_official):
        client.force_login(outsider)
        assert download(client, document).status_code == 404
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_replacing_or_deleting_the_pdf_removes_the_old_file(
    client, world, commune_a_official, django_capture_on_commit_callbacks
):
    client.force_login(commune_a_official)
    client.post("/to-chuc/van-ban/moi/", posts.document(f"commune:{world.a.commune.pk}"))
    document = Document.objects.get()
    first = Path(document.file.path)
    assert first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        data = posts.document(f"commune:{world.a.commune.pk}", PDF + b"% v2\n", name="v2.pdf")
        assert client.post(f"/to-chuc/van-ban/{document.pk}/", data).status_code == 302
    document.refresh_from_db()
    assert document.file_name == "v2.pdf"
    assert not first.exists()
    second = Path(document.file.path)
    assert second.exists()
    url = f"/to-chuc/van-ban/{document.pk}/xoa/"
    assert 'id="confirm-delete"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Document.objects.exists()
    assert not second.exists()


def test_documents_of_another_commune_are_out_of_reach(client, world, commune_a_official):
    theirs = DocumentFactory(unit=world.b.commune, title="Văn bản B")
    district = DocumentFactory(unit=world.district, title="Văn bản huyện")
    client.force_login(commune_a_official)
    page = client.get("/to-chuc/van-ban/").content.decode()
    assert "Văn bản B" not in page and "Văn bản huyện" not in page
    for document in (theirs, district):
        assert client.get(f"/to-chuc/van-ban/{document.pk}/").status_code == 404
        assert client.post(f"/to-chuc/van-ban/{document.pk}/xoa/").status_code == 404
    assert Document.objects.count() == 2
