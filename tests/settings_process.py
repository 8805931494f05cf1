"""Settings as tocdp/settings.py makes them from an environment, read in a fresh process (the
settings module reads the environment once, when it is imported)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def settings_in_a_process(names: dict[str, str], *, drop: tuple[str, ...], **env: str) -> dict:
    """`names` maps each key of the answer to a Python expression over the settings `s`;
    variables starting with any of `drop` are left out of this process's environment."""
    values = ", ".join(f"{key!r}: {expression}" for key, expression in names.items())
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{{values}}}, default=str))"
    )
    keep = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "tocdp.settings", "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)
