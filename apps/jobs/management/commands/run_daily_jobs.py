"""Queue the day's jobs (apps.jobs.daily) for the task worker; run once a day by a systemd
timer or cron (README: "Background jobs")."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.jobs.daily import DAILY_JOBS, available
from apps.jobs.tasks import daily_job


class Command(BaseCommand):
    help = "Queue the day's jobs (reminders, clean-ups) for the task worker."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now",
            help="The moment the jobs run for (ISO 8601, e.g. 2026-11-25T07:00+07:00); "
            "default: now.",
        )

    def handle(self, *args, now: str | None = None, **options) -> None:
        try:
            moment = datetime.datetime.fromisoformat(now) if now else timezone.now()
        except ValueError as error:
            raise CommandError(f"--now: {error}") from error
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        for name, path in DAILY_JOBS.items():
            if not available(path):
                self.stdout.write(f"skipped {name}: {path} is not installed")
                continue
            result = daily_job.enqueue(path, moment.isoformat())
            self.stdout.write(f"queued {name} ({path}): task {result.id}")
