import dataclasses
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from apps.demo.builder import FULL, SMALL, DemoBuilder
from apps.hierarchy.models import District

DEFAULT_PASSWORD = "tocdp-demo-2026"  # noqa: S105 - demo accounts only, printed on purpose


class Command(BaseCommand):
    help = "Build a demo district shaped like Cao Lãnh district (Đồng Tháp), with demo users."

    def add_arguments(self, parser):
        parser.add_argument("--small", action="store_true", help="One commune, for tests.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="Password of every demo user."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database has a district."
        )
        parser.add_argument(
            "--no-story",
            action="store_true",
            help="Keep the structure as it began: no rename, split or 2025 merger (benchmarks).",
        )
        parser.add_argument(
            "--districts",
            type=int,
            default=1,
            help="Build this many districts (for benchmarks; default 1), without the story.",
        )

    def handle(self, *args, small, seed, password, if_empty, no_story, districts, **options):
        if District.objects.exists():
            if if_empty:
                self.stdout.write("The database already has a district; nothing to do.")
                return
            raise CommandError("The database already has a district. Use an empty database.")
        started = time.perf_counter()
        shape = SMALL if small else FULL
        if no_story or districts > 1:  # the story is one district's
            shape = dataclasses.replace(shape, story=False)
        for number in range(districts):
            built = DemoBuilder(
                seed=seed + number,
                today=timezone.localdate(),
                shape=shape,
                password=password,
                log=self.stdout.write,
                number=number,
            ).build()
            if built.story:
                self._tell(built.story)
        # Statistics for the query planner, and on PostgreSQL the space of rows the build
        # rewrote, as a live database gets them from its routine maintenance: right after a
        # bulk load, plans are guesses and index scans wade through dead rows.
        # (VACUUM cannot run inside a transaction, such as a test's.)
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Demo district built in {time.perf_counter() - started:.1f} s.")
        )
        if password == DEFAULT_PASSWORD:
            self.stdout.write(
                "Demo users (admin, huyen, xa-…, ap-…, to-…, and with the story tinh and "
                f"tinh-admin) have the password: {password}"
            )

    def _tell(self, story) -> None:
        """The reorganisations the demo's story applied, oldest first."""
        self.stdout.write(f"The story: {len(story.reorganisations)} reorganisations")
        for line in story.reorganisations:
            self.stdout.write(f"  {line}")
        if story.province:
            accounts = ", ".join(user.username for user in story.accounts)
            self.stdout.write(f"{story.province.name}: accounts {accounts}")
