"""Stateless web servers: with MEDIA_S3_BUCKET set, every file the site keeps (uploaded
documents, the files jobs make, the documents of a backup) goes to an S3-compatible object
store through Django's storage API, and nothing to MEDIA_ROOT. Against moto's S3 server,
started here on a free loopback port; the settings are those tocdp/settings.py makes from
the environment. An upload handed to the worker (a roster) travels in the database
(HeldFile), which every server shares already."""

import html
import io
import tarfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from moto.server import ThreadedMotoServer

from apps.backups.services import BackupError, backup_create, backup_restore
from apps.jobs.models import Job
from apps.jobs.services import purge_expired
from apps.organisation.models import Document
from apps.people.models import Person
from tests.imports.roster_files import workbook_bytes
from tests.imports.test_roster_import import _family
from tests.organisation import posts
from tests.organisation.posts import PDF
from tests.settings_process import settings_in_a_process
from tests.tasks import DOWNLOAD_LINK, PREPARE_FORM, finish_job

pytestmark = pytest.mark.usefixtures("today")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEY = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}


@dataclass
class Bucket:
    name: str
    prefix: str
    s3: object  # a boto3 S3 client of its own, to look into the bucket

    def keys(self) -> list[str]:
        listed = self.s3.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.s3.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings) -> Bucket:
    """A new bucket, made the site's storage by the variables an operator sets."""
    name, prefix = f"tocdp-{uuid.uuid4().hex[:10]}", "district-cao-lanh"
    found = settings_in_a_process(
        {"STORAGES": "s.STORAGES"},
        drop=("MEDIA_S3_", "AWS_"),
        MEDIA_S3_BUCKET=name,
        MEDIA_S3_ENDPOINT_URL=s3_endpoint,
        MEDIA_S3_REGION="us-east-1",
        MEDIA_S3_ACCESS_KEY_ID=KEY["aws_access_key_id"],
        MEDIA_S3_SECRET_ACCESS_KEY=KEY["aws_secret_access_key"],
        MEDIA_S3_PREFIX=prefix,
    )
    assert found["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **KEY)
    s3.create_bucket(Bucket=name)
    settings.STORAGES = found["STORAGES"]
    return Bucket(name, prefix, s3)


def test_without_a_bucket_the_files_stay_in_media_root():
    found = settings_in_a_process(
        {"STORAGES": "s.STORAGES", "MEDIA_ROOT": "s.MEDIA_ROOT"},
        drop=("MEDIA_S3_", "MEDIA_ROOT"),
    )
    default = found["STORAGES"]["default"]
    assert default == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert found["MEDIA_ROOT"].endswith("/media")


def _files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_documents_imports_and_exports_all_go_through_the_object_store(
    client, page_admin, units, bucket, job_files
):
    # A document's PDF, uploaded and downloaded.
    response = client.post("/to-chuc/van-ban/moi/", posts.document(f"district:{units.district.pk}"))
    assert response.status_code == 302
    document = Document.objects.get()
    stored = f"{bucket.prefix}/{document.file.name}"
    assert bucket.keys() == [stored]
    assert bucket.read(stored) == PDF
    response = client.get(f"/to-chuc/van-ban/{document.pk}/tai-ve/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF

    # A roster uploaded, checked by the worker, confirmed and imported by the worker.
    upload = workbook_bytes({"Ấp Bình Thạnh": _family()})
    response = client.post(
        "/danh-sach/nhap/", {"file": SimpleUploadedFile("ds.xlsx", upload, content_type=XLSX)}
    )
    preview = finish_job(client, response)
    assert preview.status_code == 302 and preview.url.startswith("/danh-sach/nhap/")
    imported = finish_job(client, client.post(f"{preview.url}xac-nhan/"))
    assert imported.status_code == 302
    assert Person.objects.count() == 4

    # The commune's roster, written by the worker into the bucket and downloaded from it.
    page = client.get(f"/danh-sach/xa/{units.a.commune.pk}/").content.decode()
    done = finish_job(client, client.post(html.unescape(PREPARE_FORM.search(page).group(1))))
    link = DOWNLOAD_LINK.search(done.content.decode()).group(1)
    response = client.get(link, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert not response.has_header("Content-Encoding")  # an .xlsx is compressed already
    body = b"".join(response.streaming_content)
    cells = {cell for row in openpyxl.load_workbook(io.BytesIO(body)).active.values for cell in row}
    assert {"Nguyễn Văn An", "Trần Thị Bình"} <= cells
    job = Job.objects.exclude(file="").get()
    assert bucket.read(f"{bucket.prefix}/{job.file.name}") == body
    assert len(bucket.keys()) == 2

    assert _files_under(job_files) == [], "nothing was written under MEDIA_ROOT"

    # An expired job's file is removed from the bucket with it.
    Job.objects.update(expires_at=job.created_at)
    assert purge_expired() >= 1
    assert bucket.keys() == [stored]


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_bucket_documents_and_restores_them_into_an_empty_bucket(
    world, bucket, settings, fresh_database, job_files
):
    documents = ("documents/a.pdf", "documents/b.pdf", "jobs/2026/12/7-danh-sach.xlsx")
    for name in documents:
        default_storage.save(name, io.BytesIO(PDF + name.encode()))
    archive = backup_create(
        database=connection.settings_dict,
        media=default_storage,
        folder=job_files.parent / "backups",
        keep=2,
    )

    with tarfile.open(archive) as opened:
        assert sorted(n for n in opened.getnames() if n.startswith("media/")) == [
            f"media/{name}" for name in documents
        ]
    with pytest.raises(BackupError, match=f"the bucket {bucket.name}, MEDIA_S3_BUCKET"):
        backup_restore(archive, database=fresh_database, media=default_storage)
    empty = f"tocdp-{uuid.uuid4().hex[:10]}"
    bucket.s3.create_bucket(Bucket=empty)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "bucket_name": empty},
        },
    }

    manifest = backup_restore(archive, database=fresh_database, media=default_storage)

    assert manifest["media_files"] == 3
    restored = bucket.s3.list_objects_v2(Bucket=empty)["Contents"]
    assert sorted(item["Key"] for item in restored) == [
        f"{bucket.prefix}/{name}" for name in documents
    ]
    for name in documents:
        with default_storage.open(name, "rb") as stored:
            assert stored.read() == PDF + name.encode()
    assert _files_under(job_files) == []
