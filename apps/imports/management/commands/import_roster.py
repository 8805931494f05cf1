"""Import a large roster file from the command line, with the same rules as the admin."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.accounts.models import User
from apps.imports.reading import UnreadableFile
from apps.imports.roster_format import read_roster
from apps.imports.roster_import import ImportFailed, apply_roster, plan_roster

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = "Check a roster .xlsx and, with --commit, import it (all lines or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="Import as this user (their scope applies)."
        )
        parser.add_argument("--commit", action="store_true", help="Write it (default: check only).")

    def handle(self, *args, file: Path, user: str, commit: bool, **options):
        try:
            importer = User.objects.get(username=user, is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"No active user {user!r}.") from exc
        started = time.perf_counter()
        self.stdout.write(f"Reading {file} …")
        try:
            rows = read_roster(file.read_bytes(), file.name)
        except (OSError, UnreadableFile) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{len(rows):,} lines read in {time.perf_counter() - started:.1f} s.")
        plan = plan_roster(rows, importer, timezone.localdate())
        self.stdout.write(
            f"Checked in {time.perf_counter() - started:.1f} s: {plan.count('new'):,} new, "
            f"{plan.count('update'):,} updated, {plan.count('skip'):,} unchanged, "
            f"{len(plan.errors):,} errors."
        )
        for error in plan.errors[:SHOWN_ERRORS]:
            self.stderr.write(
                f"  {error.sheet}, line {error.line}, {error.column}: {error.message}"
            )
        if plan.errors:
            raise CommandError("Nothing was imported: correct the lines above and try again.")
        if not commit:
            self.stdout.write("Checked only; run again with --commit to import.")
            return
        try:
            apply_roster(plan, importer, progress=lambda message: self.stdout.write(f"  {message}"))
        except ImportFailed as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Imported in {time.perf_counter() - started:.1f} s in all.")
        )
