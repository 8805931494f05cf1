"""A backup restores into a fresh database with every row of every table, and the
documents; a database with tables is refused; the folder keeps the newest N."""

import datetime
import tarfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.backups.checksums import table_checksums
from apps.backups.services import (
    BackupError,
    backup_create,
    backup_daily,
    backup_restore,
    backup_rotate,
)
from apps.meetings.models import Meeting
from tests.backups.conftest import PDF, folder, media_files, open_database

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime.datetime(2026, 12, 2, 2, 30, tzinfo=datetime.UTC)


def _backup(settings, keep: int = 3, now: datetime.datetime = NOW):
    return backup_create(
        database=connection.settings_dict,
        media=folder(settings.MEDIA_ROOT),
        folder=settings.BACKUP_DIR,
        keep=keep,
        now=now,
    )


def _figures(settings_dict: dict) -> dict:
    restored = open_database(settings_dict)
    try:
        return table_checksums(restored)
    finally:
        restored.close()


def test_restored_database_holds_every_row_of_every_table(dataset, settings, fresh_database):
    archive = _backup(settings)
    assert archive.name == "tocdp-20261202-093000.tar.gz"  # local time, Asia/Ho_Chi_Minh
    restored_media = settings.MEDIA_ROOT.parent / "restored-media"

    manifest = backup_restore(archive, database=fresh_database, media=folder(restored_media))

    original = table_checksums(connection)
    assert original["meetings_meeting"][0] == 1
    assert original["organisation_document"][0] == 1
    assert _figures(fresh_database) == original
    assert manifest["media_files"] == 1
    assert media_files(restored_media) == media_files(settings.MEDIA_ROOT)
    assert list(media_files(restored_media).values()) == [PDF]


def test_restore_refuses_a_database_that_has_tables(dataset, settings):
    archive = _backup(settings)
    Meeting.objects.update(attendees=7)  # saved after the backup: a restore would lose it
    before = table_checksums(connection)

    with pytest.raises(BackupError, match=r"is not empty: it has \d+ tables"):
        backup_restore(
            archive, database=connection.settings_dict, media=folder(settings.MEDIA_ROOT)
        )

    assert table_checksums(connection) == before


def test_restore_refuses_a_documents_folder_that_has_files(dataset, settings, fresh_database):
    archive = _backup(settings)

    with pytest.raises(BackupError, match="already has files"):
        backup_restore(archive, database=fresh_database, media=folder(settings.MEDIA_ROOT))

    assert _figures(fresh_database) == {}


def test_replace_writes_the_backup_over_a_database_that_changed(dataset, settings, fresh_database):
    archive = _backup(settings)
    media = settings.MEDIA_ROOT.parent / "restored-media"
    backup_restore(archive, database=fresh_database, media=folder(media))
    restored = open_database(fresh_database)
    with restored.cursor() as cursor:
        cursor.execute("UPDATE meetings_meeting SET attendees = 3")
        cursor.execute("DELETE FROM accounts_scope")
    restored.close()
    assert _figures(fresh_database) != table_checksums(connection)

    backup_restore(archive, database=fresh_database, media=folder(media), replace=True)

    assert _figures(fresh_database) == table_checksums(connection)


def test_a_backup_that_fails_leaves_no_archive(dataset, settings, tmp_path):
    broken = {**connection.settings_dict, "NAME": str(tmp_path / "no-such-folder" / "x")}

    with pytest.raises(BackupError, match="failed"):
        backup_create(
            database=broken,
            media=folder(settings.MEDIA_ROOT),
            folder=settings.BACKUP_DIR,
            keep=3,
        )

    assert list(settings.BACKUP_DIR.iterdir()) == []


def test_the_folder_keeps_the_newest_archives(dataset, settings):
    days = [NOW + datetime.timedelta(days=n) for n in range(4)]
    made = [_backup(settings, keep=2, now=day) for day in days]

    kept = sorted(settings.BACKUP_DIR.iterdir())

    assert kept == made[2:]
    assert [p.name for p in kept] == [
        "tocdp-20261204-093000.tar.gz",
        "tocdp-20261205-093000.tar.gz",
    ]
    assert backup_rotate(settings.BACKUP_DIR, 1) == [made[2]]


def test_the_archive_holds_the_manifest_the_database_and_the_documents(dataset, settings):
    with tarfile.open(_backup(settings)) as archive:
        names = archive.getnames()

    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    assert names[:2] == ["manifest.json", database]
    assert [n for n in names[2:]] == [n for n in names if n.startswith("media/documents/")]
    assert len(names) == 3


def test_backup_command_writes_into_backup_dir(dataset, settings):
    settings.BACKUP_KEEP = 5
    out = StringIO()

    call_command("backup", stdout=out)

    (archive,) = settings.BACKUP_DIR.iterdir()
    assert str(archive) in out.getvalue()


def test_restore_command_refuses_the_live_database_with_a_clear_message(dataset, settings):
    archive = _backup(settings)

    with pytest.raises(CommandError, match="Restore into a new, empty database, or pass --replace"):
        call_command("restore", str(archive))


def test_restore_into_a_database_that_does_not_exist_says_so(dataset, settings, tmp_path):
    archive = _backup(settings)
    missing = {**connection.settings_dict, "NAME": str(tmp_path / "no-such-folder" / "x")}
    if connection.vendor == "postgresql":
        missing["NAME"] = "tocdp_no_such_database"

    with pytest.raises(BackupError, match="Cannot open the database"):
        backup_restore(archive, database=missing, media=folder(tmp_path / "restored-media"))


def test_restore_command_refuses_what_is_not_a_backup(dataset, settings, tmp_path):
    other = tmp_path / "notes.tar.gz"
    other.write_bytes(b"not an archive")

    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(other))


def test_daily_backup_runs_only_when_turned_on(dataset, settings):
    settings.BACKUP_DAILY = False
    assert backup_daily(NOW) == "off (BACKUP_DAILY)"
    assert not settings.BACKUP_DIR.exists()

    settings.BACKUP_DAILY = True
    assert backup_daily(NOW) == "tocdp-20261202-093000.tar.gz"
    assert [p.name for p in settings.BACKUP_DIR.iterdir()] == ["tocdp-20261202-093000.tar.gz"]


def test_checksums_change_with_one_value_of_one_row(dataset):
    before = table_checksums(connection)
    Meeting.objects.update(attendees=21)

    after = table_checksums(connection)

    changed = [table for table in before if before[table] != after[table]]
    assert changed == ["meetings_meeting"]
    assert after["meetings_meeting"][0] == before["meetings_meeting"][0]


def test_table_checksums_command_prints_a_line_per_table(dataset):
    out = StringIO()
    call_command("table_checksums", stdout=out)

    lines = out.getvalue().splitlines()
    assert len(lines) == len(table_checksums(connection))
    assert any(line.startswith("meetings_meeting 1 ") for line in lines)


def test_backups_kept_inside_media_root_are_not_backed_up_again(dataset, settings):
    settings.BACKUP_DIR = settings.MEDIA_ROOT / "backups"
    _backup(settings)

    later = _backup(settings, now=NOW + datetime.timedelta(days=1))

    with tarfile.open(later) as archive:
        media = [n for n in archive.getnames() if n.startswith("media/")]
    assert len(media) == 1 and media[0].startswith("media/documents/")
