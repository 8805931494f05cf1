"""Our own programs (Python, manage.py, gunicorn) run in a process of their own, as a
deployment starts them: from the project's root, with the environment given, the output
kept as text for the test to read."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The output kept as text; the caller asserts on the return code, with that output.
KEPT_AS_TEXT = {"capture_output": True, "text": True, "check": False}


def run(command: list[str], env: dict[str, str], *, timeout: int = 120, **options):
    """The finished process."""
    return subprocess.run(command, cwd=ROOT, env=env, timeout=timeout, **KEPT_AS_TEXT, **options)
