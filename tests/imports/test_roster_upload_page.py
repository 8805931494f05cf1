"""The roster import page: upload, preview by line, confirm; for district administrators
made on the user page (not staff) and for commune officials within their commune."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import Client

from apps.accounts.models import Scope
from apps.imports import services
from apps.imports.models import HeldFile, PendingImport, PendingLine
from apps.people.models import Person
from tests.concurrency import at_once, database_file
from tests.conftest import make_user
from tests.imports.roster_files import person, workbook_bytes
from tests.imports.test_roster_import import _family
from tests.tasks import JOB_PAGE, finish_job, run_queued_tasks

pytestmark = pytest.mark.usefixtures("today")
UPLOAD = "/danh-sach/nhap/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OUTSIDE = "Ấp này nằm ngoài địa bàn bạn phụ trách."


def _upload(client, data: bytes, name: str = "ds.xlsx"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data, XLSX)})


def _preview_url(client, response) -> str:
    """The upload's job has checked the file: the preview's address."""
    checked = finish_job(client, response)
    assert checked.status_code == 302, checked.content.decode()[:2000]
    assert re.fullmatch(r"/danh-sach/nhap/\d+/", checked.url)
    return checked.url


def _confirm(client, preview_url: str, **data):
    """Confirm (or discard) the upload; a confirmation's job runs, and its page answers."""
    response = client.post(f"{preview_url}xac-nhan/", data)
    if response.status_code == 302 and JOB_PAGE.fullmatch(response.url):
        return finish_job(client, response)
    return response


def _text(response) -> str:
    return response.content.decode()


def test_an_administrator_made_on_the_user_page_previews_then_imports(client, page_admin):
    assert 'href="/danh-sach/nhap/"' in _text(client.get("/"))  # in the menu
    page = _text(client.get(UPLOAD))
    assert "/danh-sach/mau.xlsx" in page and "Xã Bình Thạnh" in page
    preview = _preview_url(client, _upload(client, workbook_bytes({"Ấp Bình Thạnh": _family()})))
    assert not Person.objects.exists()  # a preview writes nothing
    page = _text(client.get(preview))
    assert page.count('<tr class="new">') == 4
    assert "Nguyễn Văn An" in page and "Ấp Bình Thạnh" in page
    assert "Xác nhận và nhập" in page
    response = _confirm(client, preview)
    assert response.url == preview
    assert Person.objects.count() == 4
    assert not HeldFile.objects.exists()  # the held file is gone once imported
    page = _text(client.get(preview))
    assert "Đã nhập danh sách: 4 dòng mới, 0 dòng cập nhật và 0 dòng không đổi." in page
    assert "Xác nhận và nhập" not in page
    # The same file again: nothing to import, nothing held.
    page = _text(
        client.get(_preview_url(client, _upload(client, workbook_bytes({"S": _family()}))))
    )
    assert "Không có gì để nhập" in page and not HeldFile.objects.exists()


def test_errors_are_listed_by_sheet_line_and_column_and_cannot_be_confirmed(client, page_admin):
    rows = _family()
    rows[2][7] = "?"
    preview = _preview_url(client, _upload(client, workbook_bytes({"Ấp 1": rows})))
    page = _text(client.get(preview))
    assert re.search(
        r'<tr class="error"><td>Ấp 1</td><td>4</td><td>Giới tính</td><td>Ghi “Nam” hoặc “Nữ”.</td>',
        page,
    )
    assert "xac-nhan" not in page
    response = _confirm(client, preview)  # a forged confirmation: its job refuses
    assert "Chưa thể nhập tệp này" in _text(response)
    assert not Person.objects.exists()


def test_an_unreadable_file_says_why_and_holds_nothing(client, page_admin):
    response = finish_job(client, _upload(client, b"not a spreadsheet"))
    assert response.status_code == 200
    assert "Đây không phải tệp Excel (.xlsx)." in _text(response)
    assert not PendingImport.objects.exists() and not HeldFile.objects.exists()
    assert "Hãy chọn tệp .xlsx" in _text(client.post(UPLOAD, {}))


def test_a_commune_official_imports_into_their_commune_only(client, units):
    official = make_user(Scope.Role.COMMUNE, units.a.commune)  # not staff
    client.force_login(official)
    assert 'href="/danh-sach/nhap/"' in _text(client.get("/sinh-hoat/"))
    own, other = _family(), _family("Xã Mỹ Hội", "Ấp Mỹ Hội", "T09")
    preview = _preview_url(
        client, _upload(client, workbook_bytes({"Bình Thạnh": own, "Mỹ Hội": other}))
    )
    page = _text(client.get(preview))
    for line in (2, 3, 4, 5):
        assert f"<td>Mỹ Hội</td><td>{line}</td><td>Ấp/khóm</td><td>{OUTSIDE}</td>" in page
    assert "<td>Bình Thạnh</td>" not in page and "xac-nhan" not in page
    assert not Person.objects.exists()
    preview = _preview_url(client, _upload(client, workbook_bytes({"Bình Thạnh": own})))
    _confirm(client, preview)
    assert Person.objects.filter(household__group__hamlet__commune=units.a.commune).count() == 4
    assert not Person.objects.filter(household__group__hamlet__commune=units.b.commune).exists()


@pytest.mark.parametrize("role", [Scope.Role.GROUP_LEADER, Scope.Role.STEERING])
def test_group_leaders_and_the_steering_committee_cannot_import(client, units, role):
    unit = units.a.group if role == Scope.Role.GROUP_LEADER else units.district
    client.force_login(make_user(role, unit))
    assert 'href="/danh-sach/nhap/"' not in _text(client.get("/chi-tieu/", follow=True))
    assert client.get(UPLOAD).status_code == 403
    assert _upload(client, workbook_bytes({"S": _family()})).status_code == 403
    assert not PendingImport.objects.exists() and not Person.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, units):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and response.url.startswith("/dang-nhap/")


def test_a_held_upload_belongs_to_its_uploader(client, page_admin, units):
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": _family()})))
    client.force_login(make_user(Scope.Role.ADMIN, units.district))
    assert client.get(preview).status_code == 404
    assert _confirm(client, preview).status_code == 404
    assert _confirm(client, preview, cancel="1").status_code == 404
    assert not Person.objects.exists() and PendingImport.objects.count() == 1


def test_discarding_drops_the_upload(client, page_admin):
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": _family()})))
    response = _confirm(client, preview, cancel="1")
    assert response.url == UPLOAD
    assert not PendingImport.objects.exists() and not HeldFile.objects.exists()
    assert not Person.objects.exists()


def test_confirming_checks_the_file_again(client, page_admin, units):
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": _family()})))
    # Between the preview and the confirmation the administrator is moved to one commune
    # (B): commune A's lines are no longer theirs to import.
    page_admin.scopes.update(role=Scope.Role.COMMUNE, district=None, commune=units.b.commune)
    response = _confirm(client, preview)
    assert "Chưa nhập gì: dữ liệu hoặc địa bàn" in _text(response)
    assert f'href="{preview}"' in _text(response)  # back to the lines that no longer fit
    assert not Person.objects.exists()
    page = _text(client.get(preview))
    assert f"<td>S</td><td>2</td><td>Ấp/khóm</td><td>{OUTSIDE}</td>" in page
    assert "xac-nhan" not in page and not HeldFile.objects.exists()


def test_confirming_twice_imports_once_and_says_so(client, page_admin):
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": _family()})))
    _confirm(client, preview)
    response = _confirm(client, preview)
    assert response.status_code == 200
    assert "Danh sách này đã được nhập; không nhập thêm gì." in _text(response)
    assert Person.objects.count() == 4


def _lines_of(preview_url: str) -> list[tuple]:
    pending = PendingImport.objects.get(pk=int(preview_url.strip("/").split("/")[-1]))
    return list(pending.lines.order_by("position").values_list("pk", "kind", "person"))


def test_the_preview_lines_are_stored_once_and_kept_by_the_import(client, page_admin):
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": _family()})))
    checked = _lines_of(preview)
    assert [kind for _pk, kind, _person in checked] == ["new"] * 4
    assert PendingLine.objects.count() == 4  # the lines, once
    _confirm(client, preview)
    assert Person.objects.count() == 4
    assert _lines_of(preview) == checked  # the same rows: not deleted and written again
    assert PendingLine.objects.count() == 4


def test_the_import_replaces_the_lines_when_they_changed_since_the_check(client, page_admin):
    first = _preview_url(client, _upload(client, workbook_bytes({"S": _family()})))
    second = _preview_url(client, _upload(client, workbook_bytes({"S": _family()})))
    _confirm(client, first)
    # The second upload's lines were new when it was checked; its import finds them
    # unchanged, and its page lists the changes it made: none.
    _confirm(client, second)
    assert Person.objects.count() == 4
    assert _lines_of(second) == []
    assert "Đã nhập danh sách: 0 dòng mới, 0 dòng cập nhật và 4 dòng không đổi." in _text(
        client.get(second)
    )


def test_a_database_error_while_importing_is_a_message_and_changes_nothing(
    client, page_admin, monkeypatch
):
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": _family()})))
    real_apply = services.apply_roster

    def apply_then_fail(plan, user, **options):
        real_apply(plan, user, **options)  # everything is written, then the database refuses
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(services, "apply_roster", apply_then_fail)
    response = _confirm(client, preview)
    assert response.status_code == 200
    assert "Chưa nhập gì: cơ sở dữ liệu không lưu được" in _text(response)
    assert not Person.objects.exists()
    monkeypatch.setattr(services, "apply_roster", real_apply)
    _confirm(client, preview)  # the upload is still held: trying again works
    assert Person.objects.count() == 4


def _many_lines(n: int) -> list[list]:
    """`n` people, each the head of their own household, over three groups."""
    return [
        person("C-A", "H-A1", f"T0{i % 3}", f"Người {i}", f"Người {i}", address=f"Số {i}")
        for i in range(n)
    ]


def test_the_preview_shows_a_page_of_lines_in_a_bounded_number_of_queries(
    client, page_admin, django_assert_max_num_queries
):
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": _many_lines(240)})))
    # The session, the user, their scopes, the upload and one page of its lines (the
    # request's savepoint and its release make the other two).
    with django_assert_max_num_queries(7):
        page = _text(client.get(preview))
    assert page.count('<tr class="new">') == 50
    assert "Trang 1 / 5" in page and "240" in page
    with django_assert_max_num_queries(7):
        page = _text(client.get(f"{preview}?page=5"))
    assert page.count('<tr class="new">') == 40


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_the_same_moment_import_once(units, admin_user, tmp_path):
    """A double tap or a second tab: both requests run at once (on SQLite, on a file with
    the project's real locking); the import is queued once or refused the second time,
    and the people are written once."""
    with database_file(tmp_path) as settings_dict:
        official = make_user(Scope.Role.ADMIN, units.district)
        first, second = Client(), Client()
        first.force_login(official)
        second.force_login(official)
        preview = _preview_url(first, _upload(first, workbook_bytes({"S": _family()})))
        answers = at_once(
            settings_dict,
            [lambda c=c: c.post(f"{preview}xac-nhan/") for c in (first, second)],
        )
        assert [a.status_code for a in answers] == [302, 302]  # neither is an error page
        run_queued_tasks()
        assert Person.objects.count() == 4
        said = [_text(first.get(a.url, follow=True)) for a in answers]
        imported = [page for page in said if "Đã nhập danh sách: 4 dòng mới" in page]
        assert imported, said
        if answers[0].url != answers[1].url:  # two jobs: the second was told
            assert any("Danh sách này đã được nhập; không nhập thêm gì." in p for p in said)
