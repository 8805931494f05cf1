"""The nginx site example in deploy/ is checked by nginx itself (`nginx -t`), with a
certificate made for the test in place of the real one, and agrees with the app's limits."""

import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx-tocdp.conf"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


@pytest.fixture
def nginx() -> str:
    if not NGINX:
        message = "nginx not found: install it with `apt-get install -y nginx`"
        if os.environ.get("TOCDP_REQUIRE_NGINX"):
            pytest.fail(message)
        pytest.skip(message)
    return NGINX


def _directive(name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]+);", SITE.read_text(), flags=re.MULTILINE)


def test_nginx_accepts_the_site(nginx, tmp_path):
    subprocess.run(
        [
            OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=tocdp.example.gov.vn",
            "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    site = re.sub(
        r"/etc/letsencrypt/live/tocdp\.example\.gov\.vn/", f"{tmp_path}/", SITE.read_text()
    )
    assert str(tmp_path) in site
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/error.log;\n"
        "events {}\n"
        "http {\n"
        f"  access_log {tmp_path}/access.log;\n"
        f"  include {tmp_path}/site.conf;\n"
        "}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_uploads_the_app_accepts_get_through():
    [size] = _directive("client_max_body_size")
    megabytes = int(size.removesuffix("m"))
    largest = max(settings.IMPORT_MAX_BYTES, settings.DOCUMENT_MAX_BYTES) // (1024 * 1024)
    assert megabytes > largest


def test_the_proxy_waits_longer_than_gunicorn():
    """Otherwise nginx answers 504 while gunicorn is still working, and the log lies."""
    gunicorn = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    [read_timeout] = _directive("proxy_read_timeout")
    assert int(read_timeout.removesuffix("s")) > gunicorn["timeout"]


def test_static_files_are_cached_and_documents_are_never_served_directly():
    site = SITE.read_text()
    static = site.split("location /static/", 1)[1].split("}", 1)[0]
    assert "expires 1y;" in static
    assert "immutable" in static
    assert "gzip_static on;" in static
    media = site.split("location /media/", 1)[1].split("}", 1)[0]
    assert "return 404;" in media
    assert "X-Forwarded-Proto $scheme" in site
