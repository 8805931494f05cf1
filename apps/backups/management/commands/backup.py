"""Write a dated, compressed backup of the database and the uploaded documents into
BACKUP_DIR, keeping the newest BACKUP_KEEP (apps.backups.services)."""

from django.core.management.base import BaseCommand, CommandError

from apps.backups.services import BackupError, backup_now


class Command(BaseCommand):
    help = "Back up the database and the uploaded documents into BACKUP_DIR (keeps BACKUP_KEEP)."

    def handle(self, *args, **options) -> None:
        try:
            path = backup_now()
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{path} ({path.stat().st_size:,} bytes)")
