"""Structured logs when LOG_FORMAT=json, and errors reported to Sentry only when SENTRY_DSN
is set: each read by a real process started with those settings."""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests import processes
from tocdp.observability import logging_config


def _python(script: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SENTRY_", "LOG_"))}
    return processes.run(
        [sys.executable, "-c", "import django; django.setup()\n" + script],
        {**environment, "DJANGO_SETTINGS_MODULE": "tocdp.settings", **env},
    )


LOG_A_404 = (
    "import logging\n"
    "from django.test import RequestFactory\n"
    "request = RequestFactory().get('/khong-co/')\n"
    "logging.getLogger('django.request').warning("
    "'Not Found: %s', request.path, extra={'status_code': 404, 'request': request})\n"
)


def test_json_logs_are_one_object_per_line_with_the_records_fields():
    result = _python(LOG_A_404, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert line["message"] == "Not Found: /khong-co/"
    assert line["status_code"] == 404
    assert "/khong-co/" in line["request"]
    assert line["time"]


def test_text_logs_by_default():
    result = _python(LOG_A_404)
    assert result.returncode == 0, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "WARNING django.request Not Found: /khong-co/" in last
    with pytest.raises(json.JSONDecodeError):
        json.loads(last)


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        logging_config(level="INFO", log_format="xml")


SENTRY_STATE = (
    "import sentry_sdk\n"
    "print('active' if sentry_sdk.get_client().is_active() else 'inactive')\n"
    "try:\n"
    "    1 / 0\n"
    "except ZeroDivisionError:\n"
    "    sentry_sdk.capture_exception()\n"
    "sentry_sdk.flush(timeout=10)\n"
)


def test_sentry_is_off_without_a_dsn():
    result = _python(SENTRY_STATE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["inactive"]


class _Collector(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        if self.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "br":
            import brotli

            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_with_a_dsn_errors_reach_the_sentry_server():
    """A local server speaking Sentry's ingest protocol receives the error, with its type."""
    _Collector.received = []
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_address[1]}/42"
        result = _python(SENTRY_STATE, SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="ci")
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["active"]
    events = b"".join(_Collector.received).decode()
    assert "ZeroDivisionError" in events
    assert '"environment":"ci"' in events.replace(" ", "")
