"""Secure cookies over plain http: the one set-up in which logging in fails without a word.

A cookie marked Secure (SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE; on with HTTPS, the
default when DEBUG is off) is dropped by the browser when the page came over plain http.
The login form then posts without its CSRF cookie, or the session is never kept, and the
user is simply back on the login page. Two places make it visible: the login page, when
it is itself reached over http with such cookies, and the system check, when neither the
http → https redirect nor a TLS proxy is configured to bring requests over HTTPS.
"""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning
from django.http import HttpRequest


def _cookies_secure() -> bool:
    return bool(settings.SESSION_COOKIE_SECURE or settings.CSRF_COOKIE_SECURE)


def secure_cookies_dropped(request: HttpRequest) -> bool:
    """This request came over plain http, and the cookies a login needs are Secure."""
    return _cookies_secure() and not request.is_secure()


@register(Tags.security)
def check_secure_cookies_reach_https(app_configs, **kwargs) -> list[CheckWarning]:
    if (
        not _cookies_secure()
        or settings.SECURE_SSL_REDIRECT
        or getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    ):
        return []
    return [
        CheckWarning(
            "Cookies are sent only over HTTPS, but nothing brings requests to HTTPS: over "
            "plain http, browsers drop the session and CSRF cookies and no one can log in.",
            hint="Serve the site over HTTPS (BEHIND_TLS_PROXY=true behind a TLS proxy, or "
            "SECURE_SSL_REDIRECT=true), or set HTTPS=false for a trial on plain http.",
            id="tocdp.W001",
        )
    ]
