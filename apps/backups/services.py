"""Backups that restore: one dated, compressed archive holds the database and the uploaded
documents, and restores into an empty database.

An archive `tocdp-YYYYMMDD-HHMMSS.tar.gz` (local time) holds `manifest.json` (the kind of
database, when), the database and `media/` (MEDIA_ROOT's files). The database is copied
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
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
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
    media_root: Path,
    folder: Path,
    keep: int,
    now: datetime.datetime | None = None,
) -> Path:
    """Write the archive of `database` (a settings dict) and `media_root` into `folder`,
    then keep the newest `keep` archives there. Returns the archive's path."""
    vendor = _vendor(database)
    folder.mkdir(parents=True, exist_ok=True)
    moment = timezone.localtime(now or timezone.now())
    final = folder / f"{PREFIX}{moment:%Y%m%d-%H%M%S}{SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    media = _media_files(Path(media_root), exclude=folder)
    manifest = {
        "format": FORMAT,
        "vendor": vendor,
        "created_at": moment.isoformat(),
        "database": DATABASE_MEMBER[vendor],
        "media_files": len(media),
    }
    try:
        with tempfile.TemporaryDirectory(dir=folder) as work:
            dump = Path(work) / DATABASE_MEMBER[vendor]
            _DUMP[vendor](database, dump)
            # Level 6: pg_dump's output is left uncompressed for the archive to compress once.
            with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
                archive.add(dump, arcname=dump.name)
                for path, name in media:
                    archive.add(path, arcname=f"{MEDIA}/{name}")
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
    archive_path: Path, *, database: dict[str, Any], media_root: Path, replace: bool = False
) -> dict[str, Any]:
    """Restore the archive into `database` (a settings dict) and its documents into
    `media_root`. Refuses a database that has tables, or a documents folder that has files,
    unless `replace`. Returns the archive's manifest."""
    vendor = _vendor(database)
    media_root = Path(media_root)
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
            _refuse_if_not_empty(database, media_root)
        archive.extract(manifest["database"], work, filter="data")
        _LOAD[vendor](database, Path(work) / manifest["database"], replace)
        members = [m for m in archive.getmembers() if m.name.startswith(f"{MEDIA}/")]
        for member in members:
            member.name = member.name.removeprefix(f"{MEDIA}/")
        media_root.mkdir(parents=True, exist_ok=True)
        archive.extractall(media_root, members=members, filter="data")
    return manifest


def backup_now(now: datetime.datetime | None = None) -> Path:
    """A backup of the site's own database and documents, with the settings' folder and
    count (the `backup` command and the daily job)."""
    return backup_create(
        database=connections[DEFAULT_DB_ALIAS].settings_dict,
        media_root=Path(settings.MEDIA_ROOT),
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


def _media_files(root: Path, *, exclude: Path) -> list[tuple[Path, str]]:
    """The documents' files, with their names under MEDIA_ROOT (backups kept inside it are
    left out: each archive would otherwise hold all the ones before it)."""
    if not root.is_dir():
        return []
    exclude = exclude.resolve()
    files = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.resolve().is_relative_to(exclude):
            continue
        files.append((path, path.relative_to(root).as_posix()))
    return files


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


def _refuse_if_not_empty(database: dict[str, Any], media_root: Path) -> None:
    tables = _tables(database)
    if tables:
        shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
        raise BackupError(
            f"The database {database['NAME']} is not empty: it has {len(tables)} tables "
            f"({shown}). Restore into a new, empty database, or pass --replace to "
            "overwrite this one (everything in it is lost)."
        )
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(
            f"The documents folder {media_root} (MEDIA_ROOT) already has files. Restore into "
            "an empty folder, or pass --replace to write over them."
        )


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
