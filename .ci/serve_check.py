"""Start the production server as the README says (`make serve`) and fetch what a browser
would: the login page, a static file (compressed, with long cache headers for its hashed
name) and /readyz. The database is DATABASE_URL's (run once on SQLite, once on PostgreSQL);
the server listens on a free loopback port and is stopped at the end.

Usage: DATABASE_URL=... .venv/bin/python .ci/serve_check.py
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_SECONDS = 300  # migrating an empty database, collecting the static files


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback only)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"serve check failed: {message}")
    print(f"  ok: {message}")


def main() -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    static_root = tempfile.mkdtemp(prefix="tocdp-static-")
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # A check on the loopback over plain http: the HTTPS defaults (redirect, Secure
        # cookies) would send it to https, which nothing serves here.
        "HTTPS": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "STATIC_ROOT": static_root,
    }
    for name in ("STATIC_MANIFEST", "WHITENOISE_USE_FINDERS", "SECURE_SSL_REDIRECT"):
        env.pop(name, None)
    print(f"== make serve on {base} ({env.get('DATABASE_URL', 'sqlite:///db.sqlite3')})")
    server = subprocess.Popen(["make", "serve"], cwd=ROOT, env=env, start_new_session=True)  # noqa: S607
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if server.poll() is not None:
                raise SystemExit(f"serve check failed: make serve exited ({server.returncode})")
            try:
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("serve check failed: the server did not start")
            time.sleep(1)

        status, _headers, body = fetch(f"{base}/dang-nhap/", **{"Accept-Encoding": "gzip"})
        check(status == 200, "the login page answers 200")
        check(_headers.get("Content-Encoding") == "gzip", "the login page comes gzipped")
        check("Content-Security-Policy" in _headers, "the login page has a CSP header")
        status, _headers, body = fetch(f"{base}/dang-nhap/")
        page = body.decode()
        check("Đăng nhập" in page, "the login page is in Vietnamese")
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
        check(stylesheet is not None, "the page links its stylesheet by a hashed name")

        status, headers, body = fetch(
            base + stylesheet.group(1), **{"Accept-Encoding": "gzip, deflate, br"}
        )
        check(status == 200, "the stylesheet answers 200")
        check(headers.get("Content-Encoding") in ("br", "gzip"), "the stylesheet is compressed")
        max_age = re.search(r"max-age=(\d+)", headers.get("Cache-Control", ""))
        check(
            max_age is not None and int(max_age.group(1)) >= 365 * 86_400,
            f"the hashed stylesheet is cached a year or more ({headers.get('Cache-Control')})",
        )

        status, _headers, body = fetch(f"{base}/readyz")
        check(status == 200, f"/readyz answers 200 ({body.decode()})")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        shutil.rmtree(static_root, ignore_errors=True)
    print("serve check passed.")


if __name__ == "__main__":
    sys.exit(main())
