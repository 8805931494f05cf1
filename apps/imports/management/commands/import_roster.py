"""Import a large roster file from the command line, with the same rules as the admin."""

import argparse
import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.accounts.models import User
from apps.imports.reading import UnreadableFile
from apps.imports.roster_dates import parse_day
from apps.imports.roster_format import read_roster
from apps.imports.roster_import import ImportFailed, apply_roster, plan_roster

SHOWN_ERRORS = 50


def _day(text: str) -> datetime.date:
    day, problem = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(problem or "a date is required")
    return day


class Command(BaseCommand):
    help = "Check a roster .xlsx and, with --commit, import it (all lines or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="Import as this user (their scope applies)."
        )
        parser.add_argument("--commit", action="store_true", help="Write it (default: check only).")
        parser.add_argument(
            "--as-of",
            type=_day,
            help="YYYY-MM-DD (or dd/mm/yyyy): the day new groups, roles and oversights "
            "begin when their line gives none (default: today).",
        )
        parser.add_argument(
            "--end-missing",
            action="store_true",
            help="End (never delete) the households and people of the file's groups that "
            "no line names, the day before the --as-of day.",
        )

    def handle(
        self,
        *args,
        file: Path,
        user: str,
        commit: bool,
        as_of: datetime.date | None,
        end_missing: bool,
        **options,
    ):
        try:
            importer = User.objects.get(username=user, is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"No active user {user!r}.") from exc
        today = timezone.localdate()
        if as_of and as_of > today:
            raise CommandError(f"--as-of {as_of} is in the future.")
        started = time.perf_counter()
        self.stdout.write(f"Reading {file} …")
        try:
            rows = read_roster(file.read_bytes(), file.name)
        except (OSError, UnreadableFile) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{len(rows):,} lines read in {time.perf_counter() - started:.1f} s.")
        plan = plan_roster(rows, importer, today, as_of=as_of)
        self.stdout.write(
            f"Checked in {time.perf_counter() - started:.1f} s: {plan.count('new'):,} new, "
            f"{plan.count('update'):,} updated, {plan.count('skip'):,} unchanged, "
            f"{len(plan.errors):,} errors."
        )
        if plan.defaulted and not plan.errors:
            self.stdout.write(
                f"{plan.defaulted:,} new groups, roles or oversights have no date in the file: "
                f"they begin on {plan.as_of:%d/%m/%Y}"
                + (" (--as-of)." if as_of else ", the import day; see --as-of.")
            )
        if (plan.people_to_end or plan.households_to_end) and not plan.errors:
            action = "will be ended" if end_missing else "stay (add --end-missing to end them)"
            self.stdout.write(
                f"{len(plan.people_to_end):,} people and {len(plan.households_to_end):,} "
                f"households of the file's groups are missing from it: they {action}."
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
            apply_roster(
                plan,
                importer,
                progress=lambda message: self.stdout.write(f"  {message}"),
                end_missing=end_missing,
            )
        except ImportFailed as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Imported in {time.perf_counter() - started:.1f} s in all.")
        )
