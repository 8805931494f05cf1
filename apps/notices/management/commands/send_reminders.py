import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.notices.services import send_reminders


class Command(BaseCommand):
    help = (
        "Make today's reminders (once each) and send the emails and SMS the quiet hours allow. "
        "Run it daily, or hourly so that what was held overnight goes out in the morning."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", help="Run as at this local time, YYYY-MM-DDTHH:MM (default: now)."
        )

    def handle(self, *args, now=None, **options):
        at = timezone.now()
        if now:
            try:
                at = timezone.make_aware(datetime.datetime.fromisoformat(now))
            except ValueError as error:
                raise CommandError(f"--now must read like 2026-11-25T08:00: {now}") from error
        summary = send_reminders(at)
        self.stdout.write(
            f"{summary.made} reminders made; sends: {summary.sent} sent, {summary.held} held "
            f"(quiet hours), {summary.failed} failed, {summary.no_address} without an address."
        )
