"""The SMS gateway backend against a small HTTP server on this machine (no internet)."""

import datetime
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from apps.notices.models import Delivery, Preferences
from apps.notices.services import send_reminders
from apps.notices.sms import ConsoleBackend, HttpGatewayBackend, SmsError, international
from tests.factories import MeetingFactory
from tests.notices.conftest import at


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the client that timed out has hung up: nothing to report


class Gateway:
    """A brand-name SMS gateway stand-in: records each request and answers `status`."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        self.delay = 0.0
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": json.loads(body)}
                )
                time.sleep(gateway.delay)
                reply = json.dumps({"code": gateway.status}).encode()
                self.send_response(gateway.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/send"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.close()


def _backend(gateway, **kwargs) -> HttpGatewayBackend:
    return HttpGatewayBackend(
        url=gateway.url, api_key="k-123", brand_name="UBND-CAOLANH", timeout=2, **kwargs
    )


def test_the_gateway_backend_posts_the_brand_name_number_and_unaccented_text(gateway):
    _backend(gateway).send("0912 345 678", "Tổ Đông Hòa chưa ghi sinh hoạt", reference="r-7")
    (request,) = gateway.requests
    assert request["path"] == "/api/send"
    assert request["headers"]["Authorization"] == "Bearer k-123"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["body"] == {
        "brandname": "UBND-CAOLANH",
        "phone": "84912345678",
        "message": "To Dong Hoa chua ghi sinh hoat",
        "reference": "r-7",
    }


def test_the_gateway_backend_reads_its_settings(gateway, settings):
    settings.SMS_GATEWAY_URL = gateway.url
    settings.SMS_GATEWAY_API_KEY = "from-settings"
    settings.SMS_BRAND_NAME = "TOCDP"
    HttpGatewayBackend().send("+84 912 345 678", "Nhắc việc")
    (request,) = gateway.requests
    assert request["headers"]["Authorization"] == "Bearer from-settings"
    assert request["body"]["brandname"] == "TOCDP"
    assert request["body"]["phone"] == "84912345678"


def test_a_refusal_by_the_gateway_raises_with_its_status(gateway):
    gateway.status = 401
    with pytest.raises(SmsError, match="HTTP 401"):
        _backend(gateway).send("0912345678", "Nhắc việc")


def test_a_gateway_too_slow_to_answer_times_out(gateway):
    gateway.delay = 1.5
    backend = HttpGatewayBackend(url=gateway.url, brand_name="X", timeout=0.3)
    started = time.monotonic()
    with pytest.raises(SmsError, match="timed out"):
        backend.send("0912345678", "Nhắc việc")
    assert time.monotonic() - started < 1.2


def test_only_web_addresses_are_accepted():
    with pytest.raises(SmsError):
        HttpGatewayBackend(url="file:///etc/passwd", brand_name="X")


def test_long_texts_are_cut_to_two_messages(gateway):
    _backend(gateway).send("0912345678", "Tổ " * 200)
    message = gateway.requests[0]["body"]["message"]
    assert len(message) == 306
    assert message.endswith("...")


def test_the_console_backend_prints(capsys):
    ConsoleBackend().send("0912345678", "Kiến nghị quá hạn")
    assert capsys.readouterr().out == "SMS to 84912345678: Kien nghi qua han\n"


@pytest.mark.parametrize(
    ("phone", "expected"),
    [("0912 345 678", "84912345678"), ("+84.912.345.678", "84912345678"), ("84912", "84912")],
)
def test_numbers_are_written_the_international_way(phone, expected):
    assert international(phone) == expected


def test_the_job_sends_a_reminder_through_the_gateway(gateway, settings, world, people):
    settings.SMS_BACKEND = "apps.notices.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = gateway.url
    settings.SMS_BRAND_NAME = "UBND-CAOLANH"
    MeetingFactory(group=world.a.group, month=datetime.date(2026, 10, 1))
    Preferences.objects.create(user=people.leader_a, by_sms=True, phone="0912345678")
    send_reminders(at(datetime.date(2026, 11, 25), 8))
    (request,) = gateway.requests
    assert request["body"]["message"] == "To Binh Thanh chua ghi sinh hoat thang 11/2026."
    sms = Delivery.objects.get(channel="sms")
    assert (sms.outcome, sms.to) == ("sent", "0912345678")
