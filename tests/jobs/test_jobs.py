"""Jobs run by the task worker: a failure leaves nothing half-written and says so; the
import's summary is by hamlet and its lines paged; a file made by a job is its owner's
only, within their scope, until it expires."""

import datetime
import io
import os
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from apps.accounts.models import ExportLog, Scope
from apps.hierarchy.models import Group
from apps.imports import roster_import
from apps.jobs.models import Job
from apps.jobs.services import purge_expired
from apps.people.models import Household, Person
from tests.conftest import make_user
from tests.imports.roster_files import person, workbook_bytes
from tests.imports.test_roster_import import _family
from tests.tasks import JOB_PAGE, download, finish_job, run_queued_tasks

pytestmark = pytest.mark.usefixtures("today")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client, data: bytes):
    return client.post("/danh-sach/nhap/", {"file": SimpleUploadedFile("ds.xlsx", data, XLSX)})


def _preview(client, data: bytes) -> str:
    return finish_job(client, _upload(client, data)).url


def test_a_task_that_fails_half_way_writes_nothing_and_shows_its_error(
    client, page_admin, monkeypatch
):
    preview = _preview(client, workbook_bytes({"S": _family()}))

    def fail(*args, **kwargs):
        raise RuntimeError("the machine ran out of something")

    # Groups and households are written by then; the failure comes before the people.
    monkeypatch.setattr(roster_import, "recount_households", fail)
    response = client.post(f"{preview}xac-nhan/")
    job_page = response.url
    page = finish_job(client, response).content.decode()
    assert "Việc này bị lỗi nên không có gì thay đổi" in page
    assert not Group.objects.filter(code="T01").exists()
    assert not Household.objects.exists() and not Person.objects.exists()
    job = Job.objects.get(kind="roster_commit")
    assert job.state == Job.State.FAILED and job.finished_at is not None
    # The task's own record keeps the traceback for the administrator.
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.FAILED
    status = client.get(f"{job_page}trang-thai/").json()
    assert status["finished"] and status["state"] == "failed" and status["error"] in page


def test_the_job_page_polls_while_waiting_and_reloads_without_javascript(client, page_admin):
    response = _upload(client, workbook_bytes({"S": _family()}))
    page = client.get(response.url).content.decode()
    assert 'id="job-progress"' in page and "js/job.js" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    status = client.get(f"{response.url}trang-thai/").json()
    assert status == {
        "state": "queued",
        "finished": False,
        "progress": "",
        "error": "",
        "download": None,
    }


def test_the_summary_counts_by_hamlet_and_pages_the_lines(client, page_admin, units):
    lines = [
        person("C-A", hamlet, f"T{i % 2}{hamlet[-1]}", f"Người {i}", f"Người {i}", address=str(i))
        for i, hamlet in enumerate(["H-A1"] * 70 + ["H-A2"] * 40)
    ]
    preview = _preview(client, workbook_bytes({"S": lines}))
    page = client.get(preview).content.decode()
    summary = re.sub(r"\s+", " ", page.split('id="by-unit"')[1].split("</table>")[0])
    assert "<td>Xã Bình Thạnh</td><td>Ấp Bình Thạnh</td><td>70</td><td>0</td>" in summary
    assert "<td>Xã Bình Thạnh</td><td>Ấp Tân Hòa</td><td>40</td><td>0</td>" in summary
    assert page.count('<tr class="new">') == 50 and "Trang 1 / 3" in page
    last = client.get(f"{preview}?page=3").content.decode()
    assert last.count('<tr class="new">') == 10 and "Người 109" in last


def test_the_errors_come_first_and_are_paged(client, page_admin):
    rows = [person("C-A", "H-A1", "T01", f"Người {i}", f"Người {i}") for i in range(60)]
    for row in rows:
        row[7] = "?"  # the gender
    page = client.get(_preview(client, workbook_bytes({"S": rows}))).content.decode()
    assert page.count('<tr class="error">') == 50 and "Trang 1 / 2" in page
    assert 'id="by-unit"' not in page and "xac-nhan" not in page


def _district_roster(client, world) -> str:
    """Queue the district's roster and run it: the job's page."""
    response = client.post(f"/danh-sach/huyen/{world.district.pk}/chuan-bi/")
    assert JOB_PAGE.fullmatch(response.url)
    assert run_queued_tasks() == 1
    return response.url


def test_the_district_roster_is_prepared_by_the_worker_for_its_owner_only(
    client, page_admin, units, admin_user, django_assert_max_num_queries
):
    finish_job(
        client, client.post(f"{_preview(client, workbook_bytes({'S': _family()}))}xac-nhan/")
    )
    page = client.get(f"/danh-sach/huyen/{units.district.pk}/").content.decode()
    assert "chuan-bi/" in page  # a district's roster is not written within the request
    job_page = _district_roster(client, units)
    with django_assert_max_num_queries(6):
        page = client.get(job_page).content.decode()
    link = re.search(r'href="(/viec/\d+/tai-ve/)"', page).group(1)
    response = client.get(link)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Lê Thị Dung"]
    assert ExportLog.objects.filter(user=page_admin, rows=4).count() == 1  # each download
    # Another administrator of the same district: neither the page nor the file.
    client.force_login(admin_user)
    assert client.get(job_page).status_code == 404
    assert client.get(link).status_code == 404
    assert client.get(f"{job_page}trang-thai/").status_code == 404


def test_the_file_is_refused_once_the_unit_leaves_the_owners_scope_or_expires(
    client, page_admin, units
):
    link = f"{_district_roster(client, units)}tai-ve/"
    assert client.get(link).status_code == 200
    page_admin.scopes.update(role=Scope.Role.COMMUNE, district=None, commune=units.b.commune)
    assert client.get(link).status_code == 404
    page_admin.scopes.update(role=Scope.Role.ADMIN, district=units.district, commune=None)
    assert client.get(link).status_code == 200
    Job.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(link).status_code == 404


def test_a_roster_outside_the_scope_is_not_queued(client, units):
    client.force_login(make_user(Scope.Role.COMMUNE, units.a.commune))
    assert client.post(f"/danh-sach/huyen/{units.district.pk}/chuan-bi/").status_code == 404
    assert client.get(f"/danh-sach/huyen/{units.district.pk}/").status_code == 404
    assert not Job.objects.exists()


def test_the_indicators_workbook_is_prepared_by_the_worker(client, units, steering_user):
    client.force_login(steering_user)
    page = client.get(f"/chi-tieu/huyen/{units.district.pk}/?nam=2025").content.decode()
    assert f"/chi-tieu/huyen/{units.district.pk}/excel/chuan-bi/?nam=2025" in page
    response = client.post(f"/chi-tieu/huyen/{units.district.pk}/excel/chuan-bi/?nam=2025")
    page = finish_job(client, response).content.decode()
    link = re.search(r'href="(/viec/\d+/tai-ve/)"', page).group(1)
    response = client.get(link)
    assert response["Content-Disposition"].endswith(f'chi-tieu-{units.district.code}-2025.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(workbook.sheetnames) >= 2
    client.force_login(make_user(Scope.Role.COMMUNE, units.a.commune))
    assert client.get(link).status_code == 404
    url = f"/chi-tieu/huyen/{units.district.pk}/excel/chuan-bi/"
    assert client.post(url).status_code == 404


def test_expired_jobs_and_their_files_are_purged(client, page_admin, units):
    _district_roster(client, units)
    job = Job.objects.get()
    path = job.file.path
    assert purge_expired() == 0
    assert purge_expired(timezone.now() + Job.LIFETIME + datetime.timedelta(minutes=1)) == 1
    assert not Job.objects.exists() and not os.path.exists(path)


@pytest.mark.parametrize(
    "address",
    ["/danh-sach/xa/{commune}/", "/danh-sach/to/{group}/", "/chi-tieu/xa/{commune}/excel/"],
)
def test_every_file_goes_through_the_worker_and_its_address_queues_nothing(client, units, address):
    """However small the unit, its file's address is a page whose form has it prepared; a
    GET writes nothing, and another commune's file is refused before anything is queued."""
    client.force_login(make_user(Scope.Role.COMMUNE, units.a.commune))
    url = address.format(commune=units.a.commune.pk, group=units.a.group.pk)
    page = client.get(url).content.decode()
    assert 'id="prepare"' in page and "chuan-bi/" in page and "Chuẩn bị tệp (.xlsx)" in page
    assert not Job.objects.exists()
    outside = address.format(commune=units.b.commune.pk, group=units.b.group.pk)
    assert client.get(outside).status_code == 404
    assert client.post(f"{outside}chuan-bi/").status_code == 404
    assert not Job.objects.exists()
    assert download(client, url).status_code == 200
    assert Job.objects.get().state == Job.State.DONE


def test_a_file_whose_unit_left_the_scope_before_the_worker_ran_is_refused_clearly(client, units):
    official = make_user(Scope.Role.COMMUNE, units.a.commune)
    client.force_login(official)
    queued = client.post(f"/chi-tieu/xa/{units.a.commune.pk}/excel/chuan-bi/?nam=2025")
    official.scopes.update(commune=units.b.commune)
    page = finish_job(client, queued).content.decode()
    assert "Đơn vị này không thuộc địa bàn bạn phụ trách." in page
    assert "tai-ve/" not in page
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and not job.file
