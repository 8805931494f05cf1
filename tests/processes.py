"""Our own programs (Python, manage.py, gunicorn) run in a process of their own, as a
deployment starts them: from the project's root, with the environment given, the output
kept as text for the test to read."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(command: list[str], env: dict[str, str], *, timeout: int = 120, **options):
    """The finished process; the caller asserts on its return code, with its output."""
    return subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **options,
    )
