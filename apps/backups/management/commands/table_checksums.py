"""Print every table's row count and checksum (apps.backups.checksums), one line a table, to
compare two databases with diff: the one backed up and the one it was restored into."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from apps.backups.checksums import checksum_lines, table_checksums


class Command(BaseCommand):
    help = "Print each table's row count and a checksum of its rows (compare two with diff)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database: str, **options) -> None:
        for line in checksum_lines(table_checksums(connections[database])):
            self.stdout.write(line)
