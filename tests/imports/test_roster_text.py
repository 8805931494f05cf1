"""Text a roster cannot store is refused in the preview, by sheet, line and column; a
database that fails during the write gives a message, in the admin and the command,
and leaves everything as it was; a download never fails on text stored earlier."""

import io

import openpyxl
import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection

from apps.hierarchy.models import Group
from apps.imports import roster_import
from apps.people.models import Household, Person
from tests.imports.roster_files import rewritten, workbook_bytes
from tests.imports.test_roster_import import _family
from tests.imports.test_roster_pages import CONFIRM, _confirm_fields, _import_the_family, _upload
from tests.tasks import download, finish_job

pytestmark = pytest.mark.usefixtures("today")
MARK = "QQQ"  # replaced in the workbook's XML by the raw bytes under test


def _with_name(name: str) -> bytes:
    rows = _family()
    rows[1][6] = name  # line 3 of sheet "Ấp 1", column "Họ và tên"
    return workbook_bytes({"Ấp 1": rows})


def _with_raw(raw: bytes) -> bytes:
    """A roster whose XML holds `raw` itself, as a careless program writes it."""
    return rewritten(
        _with_name(f"Trần{MARK}Thị Bình"),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(MARK.encode(), raw),
    )


@pytest.mark.parametrize(
    "data",
    [
        _with_name("Trần_x0000_Thị Bình"),  # the escape a workbook uses for a NUL
        _with_name("Trần_x001B_Thị Bình"),  # …and for an escape character
        _with_raw(b"\x00"),
        _with_raw(b"\x01"),
    ],
    ids=["escaped NUL", "escaped ESC", "raw NUL", "raw SOH"],
)
def test_control_characters_are_refused_by_sheet_line_and_column(client, units, admin_user, data):
    client.force_login(admin_user)
    page = _upload(client, data).content.decode()
    assert "Ấp 1: 3" in page and "Họ và tên" in page
    assert "Ô này chứa ký tự điều khiển ẩn (ví dụ NUL) không lưu được." in page
    assert "process_import" not in page
    assert not Person.objects.exists()


def test_text_longer_than_its_field_is_refused(client, units, admin_user):
    client.force_login(admin_user)
    page = _upload(client, _with_name("A" * 10_000)).content.decode()
    assert "Ấp 1: 3" in page and "Họ và tên" in page
    assert "Quá dài: 10.000 ký tự, tối đa 120. Hãy rút gọn lại." in page
    assert "process_import" not in page
    assert not Person.objects.exists()


@pytest.fixture
def failing_write(monkeypatch):
    """The people's write fails for real: on PostgreSQL the server cuts the connection
    just before it; on SQLite, which has no server to cut, the write raises the driver's
    error."""
    real_create = roster_import.create_with_history

    def create(objs, model, **kwargs):
        if model is Person:
            if connection.vendor == "postgresql":
                settings = connection.settings_dict
                with psycopg.connect(
                    dbname=settings["NAME"],
                    user=settings["USER"],
                    host=settings["HOST"],
                    port=settings["PORT"] or 5432,
                    autocommit=True,
                ) as other:
                    other.execute(
                        "SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid]
                    )
            else:
                raise OperationalError("database is locked")
        return real_create(objs, model, **kwargs)

    monkeypatch.setattr(roster_import, "create_with_history", create)


def _nothing_written(groups_before: int) -> bool:
    return (
        not Person.objects.exists()
        and not Household.objects.exists()
        and Group.objects.count() == groups_before
    )


@pytest.mark.django_db(transaction=True)  # the connection may be cut: no test transaction
def test_a_database_failure_on_confirm_is_a_message_and_writes_nothing(
    client, units, admin_user, failing_write
):
    groups_before = Group.objects.count()
    client.force_login(admin_user)
    page = _upload(client, workbook_bytes({"S": _family()})).content.decode()
    response = client.post(CONFIRM, _confirm_fields(page), follow=True)
    assert response.status_code == 200
    assert "Chưa nhập được gì: cơ sở dữ liệu không lưu được danh sách" in (
        response.content.decode()
    )
    assert _nothing_written(groups_before)


@pytest.mark.django_db(transaction=True)  # the connection may be cut: no test transaction
def test_a_database_failure_on_the_import_page_is_a_message_and_writes_nothing(
    client, units, admin_user, failing_write
):
    groups_before = Group.objects.count()
    client.force_login(admin_user)
    response = client.post(
        "/danh-sach/nhap/",
        {"file": SimpleUploadedFile("ds.xlsx", workbook_bytes({"S": _family()}))},
    )
    preview = finish_job(client, response).url
    response = finish_job(client, client.post(f"{preview}xac-nhan/"))
    assert response.status_code == 200
    assert "Chưa nhập được gì: cơ sở dữ liệu không lưu được danh sách" in (
        response.content.decode()
    )
    assert _nothing_written(groups_before)


@pytest.mark.django_db(transaction=True)
def test_a_database_failure_in_the_command_is_a_message_and_writes_nothing(
    units, admin_user, tmp_path, failing_write
):
    groups_before = Group.objects.count()
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(workbook_bytes({"S": _family()}))
    with pytest.raises(CommandError, match="Chưa nhập được gì: cơ sở dữ liệu không lưu được"):
        call_command("import_roster", str(path), user=admin_user.username, commit=True)
    assert _nothing_written(groups_before)


def test_a_download_does_not_fail_on_control_characters_stored_before(client, units, admin_user):
    _import_the_family(client, admin_user)
    # Stored before imports checked it (PostgreSQL refuses a NUL in text, not this).
    Person.objects.filter(full_name="Trần Thị Bình").update(full_name="Trần\x01Thị Bình")
    response = download(client, f"/danh-sach/xa/{units.a.commune.pk}/")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert "TrầnThị Bình" in [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
