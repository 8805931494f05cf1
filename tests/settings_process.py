"""Settings as tocdp/settings.py makes them from an environment, read in a fresh process (the
settings module reads the environment once, when it is imported)."""

import functools
import json
import os
import sys
from pathlib import Path

from tests import processes

ROOT = Path(__file__).resolve().parents[1]


def settings_in_a_process(names: dict[str, str], *, drop: tuple[str, ...], **env: str) -> dict:
    """`names` maps each key of the answer to a Python expression over the settings `s`;
    variables starting with any of `drop` are left out of this process's environment."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    keep.pop("PYTEST_CURRENT_TEST", None)  # the test's name: each test would ask anew
    environment = {**keep, "DJANGO_SETTINGS_MODULE": "tocdp.settings", "DEBUG": "true", **env}
    dotenv = ROOT / ".env"
    found = _read(
        tuple(names.items()),
        tuple(sorted(environment.items())),
        dotenv.read_text() if dotenv.is_file() else None,
    )
    return json.loads(found)


@functools.cache
def _read(names: tuple[tuple[str, str], ...], environment: tuple, dotenv: str | None) -> str:
    """The answer's JSON, read once per test process for the same question, environment and
    .env file (the settings read nothing else): the Redis fixture (tests/core/test_redis.py)
    asks the same question for each of its tests. The settings module alone is imported, not
    the apps (django.setup()): a tenth of a second instead of two, and the settings are the
    same."""
    values = ", ".join(f"{key!r}: {expression}" for key, expression in names)
    script = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{{values}}}, default=str))"
    )
    done = processes.run([sys.executable, "-c", script], dict(environment), timeout=60)
    done.check_returncode()
    return done.stdout
