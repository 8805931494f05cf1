"""Sending an SMS, behind a small interface: `get_backend().send(phone, text)`.

`SMS_BACKEND` names the backend class (like Django's EMAIL_BACKEND): the console one for
development, or the HTTP gateway one. Vietnamese carriers' brand-name SMS gateways are
HTTP APIs: the message goes out under the registered brand name, without tone marks
(unaccented text is what every carrier accepts and costs one segment per 160 letters).
A backend raises SmsError when the message was not accepted; the caller logs it.
"""

import json
import logging
import re
import sys
import unicodedata
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Two SMS segments of unaccented text at most; longer texts are cut with an ellipsis.
MAX_LENGTH = 306
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


class SmsError(Exception):
    """The gateway did not accept the message."""


class SmsBackend(Protocol):
    def send(self, phone: str, text: str, reference: str = "") -> None: ...


def unaccented(text: str) -> str:
    """Vietnamese without tone or vowel marks (đ as d), case kept: "Tổ 1" → "To 1"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sms_text(text: str) -> str:
    plain = unaccented(text)
    return plain if len(plain) <= MAX_LENGTH else plain[: MAX_LENGTH - 3] + "..."


def international(phone: str) -> str:
    """A Vietnamese number as gateways want it: digits only, 84 for the leading 0."""
    digits = re.sub(r"\D", "", phone)
    return "84" + digits[1:] if digits.startswith("0") else digits


class ConsoleBackend:
    """Writes each message to standard output (development)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, phone: str, text: str, reference: str = "") -> None:
        self.stream.write(f"SMS to {international(phone)}: {sms_text(text)}\n")
        self.stream.flush()


class HttpGatewayBackend:
    """Posts {"brandname", "phone", "message", "reference"} as JSON to SMS_GATEWAY_URL with
    the key in the Authorization header; any 2xx answer means the gateway took it."""

    def __init__(self, url: str = "", api_key: str = "", brand_name: str = "", timeout=None):
        self.url = url or settings.SMS_GATEWAY_URL
        self.api_key = api_key or settings.SMS_GATEWAY_API_KEY
        self.brand_name = brand_name or settings.SMS_BRAND_NAME
        self.timeout = timeout or settings.SMS_GATEWAY_TIMEOUT
        if not self.url.startswith(("https://", "http://")):
            raise SmsError("SMS_GATEWAY_URL must be an http(s) address.")

    def send(self, phone: str, text: str, reference: str = "") -> None:
        payload = {
            "brandname": self.brand_name,
            "phone": international(phone),
            "message": sms_text(text),
            "reference": reference,
        }
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
            self.url,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Bearer {self.api_key}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read(10_000)
        except urllib.error.HTTPError as error:
            raise SmsError(f"HTTP {error.code}: {error.read(200)!r}") from error
        except (OSError, ValueError) as error:  # refused, unreachable, timed out
            raise SmsError(f"{type(error).__name__}: {error}") from error


def get_backend() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()
