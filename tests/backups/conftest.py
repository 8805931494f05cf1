"""A small dataset committed to the database (the backup tools read it through their own
connections), and a fresh database to restore into: a new file on SQLite, a new database
on the PostgreSQL server."""

import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.db.utils import load_backend

from tests.conftest import make_user
from tests.factories import DocumentFactory, MeetingFactory, PetitionFactory

PDF = b"%PDF-1.4\n% a decision of the steering committee\n"


@pytest.fixture
def dataset(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    make_user("commune", world.a.commune, username="can_bo_a")
    meeting = MeetingFactory(group=world.a.group)
    PetitionFactory(meeting=meeting, content="Đề nghị sửa cống thoát nước.")
    DocumentFactory(unit=world.district, file=ContentFile(PDF, name="quy-che.pdf"))
    return world


def open_database(settings_dict: dict):
    """A connection of its own to the database `settings_dict` names."""
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "restored")


@pytest.fixture
def fresh_database(tmp_path):
    """The settings of a new, empty database of the same kind as the test database."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"tocdp_restore_{uuid.uuid4().hex[:10]}"
    server = {"host": source["HOST"] or None, "port": source["PORT"] or None}
    server |= {"user": source["USER"], "password": source["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**source, "NAME": name}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def folder(root: Path) -> FileSystemStorage:
    """The documents' storage in the folder `root`, as MEDIA_ROOT makes it."""
    return FileSystemStorage(location=root)


def media_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
