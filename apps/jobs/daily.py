"""The jobs run once a day, in one list. `manage.py run_daily_jobs` (a systemd timer or a
cron line, README: "Background jobs") queues each as a task for the worker.

Each entry names a plain function `function(now)` by its dotted path; an app adds its
own here or with `register_daily` from its AppConfig.ready. An entry whose app is not
installed is skipped, with a note.
"""

import datetime

from django.apps import apps as django_apps
from django.utils.module_loading import import_string

DAILY_JOBS: dict[str, str] = {
    # Reminders of meetings, petitions and approvals due or missing (apps.notices).
    "reminders": "apps.notices.services.send_reminders",
    "expired files": "apps.jobs.services.purge_expired",
    "old task results": "apps.jobs.services.prune_task_results",
    # The one-time keys of saves sent from phones, once no copy can still come.
    "old save keys": "apps.core.once.forget_old_keys",
    # Does nothing unless BACKUP_DAILY is on (apps.backups).
    "backup": "apps.backups.services.backup_daily",
}


def register_daily(name: str, path: str) -> None:
    DAILY_JOBS[name] = path


def available(path: str) -> bool:
    """Whether the function belongs to an installed app (the app may not be installed)."""
    return any(path.startswith(config.name + ".") for config in django_apps.get_app_configs())


def run_daily(path: str, now: datetime.datetime) -> object:
    return import_string(path)(now)
