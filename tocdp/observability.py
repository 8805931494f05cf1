"""Logs and error reporting, configured from the settings.

Kept apart from `settings.py` so that the settings read only the environment, and so that
a test can see what each choice produces. Nothing here imports the apps.
"""

import logging
import threading
import time
from typing import Any

from django.core.exceptions import ImproperlyConfigured

LOG_FORMATS = ("text", "json")
# Loggers whose records come in floods while a service is down (each request that skips
# Redis logs one): one record a minute per process tells as much.
THROTTLED_LOGGERS = ("tocdp.cache",)


class AtMostEvery(logging.Filter):
    """Lets one record through every `seconds`, and says in it how many were held back.

    On a logger (not a handler), so that Sentry, which reads the logger's records, is spared
    the flood too.
    """

    def __init__(self, seconds: float = 60.0) -> None:
        super().__init__()
        self.seconds = seconds
        self._next = 0.0
        self._held = 0
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if now < self._next:
                self._held += 1
                return False
            held, self._held, self._next = self._held, 0, now + self.seconds
        if held:
            record.msg = f"{record.getMessage()} ({held} more like it not logged)"
            record.args = None
        return True


def logging_config(*, level: str, log_format: str) -> dict[str, Any]:
    """Django's LOGGING: every record to the standard error, as text or as one JSON object.

    JSON lines carry the time, level, logger and message, and whatever the record holds
    besides (Django's request logger adds the status code and the request), so a collector
    can filter on them without parsing text.
    """
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}.")
    formatter: dict[str, Any] = {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    if log_format == "json":
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger", "asctime": "time"},
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "filters": {"once_a_minute": {"()": AtMostEvery, "seconds": 60}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main"}},
        "loggers": {name: {"filters": ["once_a_minute"]} for name in THROTTLED_LOGGERS},
        "root": {"handlers": ["console"], "level": level},
    }


def init_sentry(dsn: str, *, environment: str, traces_sample_rate: float) -> None:
    """Send unhandled errors (and error log records) to Sentry.

    No personal data is sent: the people in the rosters are citizens, and the users'
    names and addresses stay on the server (`send_default_pii=False`).
    """
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
    )
