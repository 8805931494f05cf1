"""Restore a backup (manage.py backup) into the configured database, which must be empty,
and its documents into the default storage (MEDIA_ROOT, or the MEDIA_S3_BUCKET object
store), which must have no files. Stop the web server and the worker first."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from apps.backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database (and its documents into MEDIA_ROOT "
        "or the MEDIA_S3_BUCKET object store)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database that has tables (and documents already stored): "
            "everything in them is lost.",
        )

    def handle(self, *args, archive: Path, database: str, replace: bool, **options) -> None:
        connection = connections[database]
        connection.close()  # the restore works through its own connections
        try:
            manifest = backup_restore(
                archive,
                database=connection.settings_dict,
                media=default_storage,
                replace=replace,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {archive} (made {manifest['created_at']}, {manifest['vendor']}, "
            f"{manifest['media_files']} documents) into {connection.settings_dict['NAME']}."
        )
