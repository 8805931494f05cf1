"""Backups that restore: one dated, compressed archive holds the database and the uploaded
documents, and restores into an empty database.

An archive `tocdp-YYYYMMDD-HHMMSS.tar.gz` (local time) holds `manifest.json` (the kind of
database, when), the database and `media/` (the files of the default storage: the folder
MEDIA_ROOT or an object store, read and written through Django's storage API, so that a
backup holds the documents wherever they are kept). The database is copied
while the site runs, consistently: PostgreSQL with `pg_dump` (custom format, so that
`pg_restore` can restore it table by table), SQLite with its online backup API (a copy of
one moment, even while someone saves). The archive is written under a temporary name and
renamed once complete, so a backup that fails never counts as one, and only then are the
oldest beyond BACKUP_KEEP removed.

A restore goes into an empty database (a new PostgreSQL database, a new SQLite file) and
refuses one that has tables, unless told to replace it: restoring over a live database by
mistake would lose everything saved since the backup.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.utils import load_backend
from django.utils import timezone

PREFIX = "tocdp-"
SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FORMAT = 1


class BackupError(Exception):
    """The backup or restore cannot be done; `str(error)` says why, for the operator."""


def backup_create(
    *,
    database: dict[str, Any],
    media: Storage,
    folder: Path,
    keep: int,
    now: datetime.datetime | None = None,
) -> Path:
    """Write the archive of `database` (a settings dict) and the files of `media` into
    `folder`, then keep the newest `keep` archives there. Returns the archive's path."""
    vendor = _vendor(database)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    moment = timezone.localtime(now or timezone.now())
    final = folder / f"{PREFIX}{moment:%Y%m%d-%H%M%S}{SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    files = list(_media_names(media, skip=_folder_in(media, folder)))
    manifest = {
        "format": FORMAT,
        "vendor": vendor,
        "created_at": moment.isoformat(),
        "database": DATABASE_MEMBER[vendor],
        "media_files": len(files),
    }
    try:
        with tempfile.TemporaryDirectory(dir=folder) as work:
            dump = Path(work) / DATABASE_MEMBER[vendor]
            _DUMP[vendor](database, dump)
            # Level 6: pg_dump's output is left uncompressed for the archive to compress once.
            with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
                archive.add(dump, arcname=dump.name)
                for name in files:
                    _add_stored(archive, media, name)
        partial.replace(final)
    finally:
        partial.unlink(missing_ok=True)
    backup_rotate(folder, keep)
    return final


def backup_rotate(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` archives (their names sort by date); returns the
    removed ones."""
    if keep < 1:
        raise BackupError(f"BACKUP_KEEP must be at least 1, not {keep}.")
    archives = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))
    removed = archives[:-keep]
    for path in removed:
        path.unlink()
    return removed


def backup_restore(
    archive_path: Path, *, database: dict[str, Any], media: Storage, replace: bool = False
) -> dict[str, Any]:
    """Restore the archive into `database` (a settings dict) and its documents into the
    storage `media`. Refuses a database that has tables, or a storage that has files,
    unless `replace` (then a document of the same name is written over). Returns the
    archive's manifest."""
    vendor = _vendor(database)
    try:
        archive = tarfile.open(archive_path, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive_path} is not a readable backup archive: {error}") from error
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = _manifest(archive, archive_path)
        if manifest["vendor"] != vendor:
            raise BackupError(
                f"{archive_path} is a backup of a {manifest['vendor']} database; the database "
                f"to restore into is {vendor}."
            )
        if not replace:
            _refuse_if_not_empty(database, media, skip=_folder_in(media, Path(archive_path).parent))
        archive.extract(manifest["database"], work, filter="data")
        _LOAD[vendor](database, Path(work) / manifest["database"], replace)
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith(f"{MEDIA}/"):
                _restore_stored(archive, member, media, replace=replace)
    return manifest


def backup_now(now: datetime.datetime | None = None) -> Path:
    """A backup of the site's own database and documents, with the settings' folder and
    count (the `backup` command and the daily job)."""
    return backup_create(
        database=connections[DEFAULT_DB_ALIAS].settings_dict,
        media=default_storage,
        folder=Path(settings.BACKUP_DIR),
        keep=settings.BACKUP_KEEP,
        now=now,
    )


def backup_daily(now: datetime.datetime) -> str:
    """The daily jobs' backup (apps.jobs.daily), when BACKUP_DAILY is on."""
    if not settings.BACKUP_DAILY:
        return "off (BACKUP_DAILY)"
    return backup_now(now).name


def _vendor(database: dict[str, Any]) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def _media_names(media: Storage, *, skip: str | None = None, folder: str = "") -> Iterator[str]:
    """The names of the files in `media` (in `folder`, then in its folders, by name),
    leaving out the folder `skip` (backups kept inside MEDIA_ROOT: each archive would
    otherwise hold all the ones before it)."""
    try:
        folders, files = media.listdir(folder)
    except FileNotFoundError:  # a MEDIA_ROOT not made yet
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for name in sorted(folders):
        if f"{folder}{name}" != skip:
            yield from _media_names(media, skip=skip, folder=f"{folder}{name}/")


def _folder_in(media: Storage, folder: Path) -> str | None:
    """`folder`'s name inside `media`, when `media` is a folder of this machine that holds it."""
    if not isinstance(media, FileSystemStorage):
        return None
    try:
        return folder.resolve().relative_to(Path(media.location).resolve()).as_posix()
    except ValueError:
        return None


def _add_stored(archive: tarfile.TarFile, media: Storage, name: str) -> None:
    """Copy the stored file `name` into the archive, a block at a time."""
    with media.open(name, "rb") as stored:
        info = tarfile.TarInfo(f"{MEDIA}/{name}")
        info.size = stored.size
        info.mtime = int(timezone.now().timestamp())
        archive.addfile(info, stored)


def _restore_stored(
    archive: tarfile.TarFile, member: tarfile.TarInfo, media: Storage, *, replace: bool
) -> None:
    """Write an archived document back into `media` under its own name."""
    name = member.name.removeprefix(f"{MEDIA}/")
    if replace and media.exists(name):
        media.delete(name)
    content = File(archive.extractfile(member), name=name)
    content.size = member.size
    try:
        saved = media.save(name, content)
    except SuspiciousFileOperation as error:
        raise BackupError(f"The archive's document {name} cannot be stored: {error}") from error
    if saved != name:
        raise BackupError(f"The document {name} was stored as {saved}: it exists already.")


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, BytesIO(data))


def _manifest(archive: tarfile.TarFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError(f"{path} has no manifest: it is not a tocdp backup.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is a backup of format {manifest.get('format')}, not {FORMAT}.")
    return manifest


def _refuse_if_not_empty(database: dict[str, Any], media: Storage, *, skip: str | None) -> None:
    tables = _tables(database)
    if tables:
        shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
        raise BackupError(
            f"The database {database['NAME']} is not empty: it has {len(tables)} tables "
            f"({shown}). Restore into a new, empty database, or pass --replace to "
            "overwrite this one (everything in it is lost)."
        )
    if next(_media_names(media, skip=skip), None) is not None:
        raise BackupError(
            f"The documents' storage ({_describe(media)}) already has files. Restore into "
            "an empty one, or pass --replace to write over them."
        )


def _describe(media: Storage) -> str:
    """Where `media` keeps its files, for the operator."""
    if isinstance(media, FileSystemStorage):
        return f"the folder {media.location}, MEDIA_ROOT"
    bucket = getattr(media, "bucket_name", None)
    return f"the bucket {bucket}, MEDIA_S3_BUCKET" if bucket else type(media).__name__


def _tables(database: dict[str, Any]) -> list[str]:
    """The tables of the database `database` names, through its Django backend."""
    wrapper = load_backend(database["ENGINE"]).DatabaseWrapper(database, "backup_target")
    try:
        with wrapper.cursor() as cursor:
            return sorted(wrapper.introspection.table_names(cursor))
    except DatabaseError as error:
        raise BackupError(f"Cannot open the database {database['NAME']}: {error}") from error
    finally:
        wrapper.close()


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    """Copy one SQLite database over another with the online backup API: a consistent copy
    of one moment, even while others write, written over the target in one transaction."""
    opened = []
    try:
        for name in (str(source), str(target)):
            opened.append(sqlite3.connect(name, uri=name.startswith("file:")))
        opened[0].backup(opened[1])
    except sqlite3.Error as error:
        raise BackupError(
            f"Copying the SQLite database {source} to {target} failed: {error}"
        ) from error
    finally:
        for connection in opened:
            connection.close()


def _sqlite_dump(database: dict[str, Any], path: Path) -> None:
    _sqlite_copy(database["NAME"], path)


def _sqlite_load(database: dict[str, Any], path: Path, replace: bool) -> None:
    _sqlite_copy(path, database["NAME"])


def _pg_environment(database: dict[str, Any]) -> dict[str, str]:
    """The connection for pg_dump and pg_restore, in their environment variables (a password
    in the environment is not shown in the process list)."""
    variables = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode"),
    }
    return {**os.environ, **{k: str(v) for k, v in variables.items() if v}}


def _pg_run(command: list[str], database: dict[str, Any]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt install postgresql-client).")
    done = subprocess.run(  # noqa: S603 (a fixed command; the names are arguments, not shell)
        command, env=_pg_environment(database), capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _pg_dump(database: dict[str, Any], path: Path) -> None:
    _pg_run(
        ["pg_dump", "--format=custom", "--compress=0", f"--file={path}", database["NAME"]],
        database,
    )


def _pg_load(database: dict[str, Any], path: Path, replace: bool) -> None:
    # One transaction: a restore that fails leaves the database as it was.
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
    command += ["--single-transaction", f"--dbname={database['NAME']}"]
    if replace:
        command += ["--clean", "--if-exists"]
    _pg_run([*command, str(path)], database)


_DUMP = {"sqlite": _sqlite_dump, "postgresql": _pg_dump}
_LOAD = {"sqlite": _sqlite_load, "postgresql": _pg_load}
