"""Logs and error reporting, configured from the settings.

Kept apart from `settings.py` so that the settings read only the environment, and so that
a test can see what each choice produces. Nothing here imports the apps.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

LOG_FORMATS = ("text", "json")


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
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main"}},
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
