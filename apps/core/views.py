import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

THEME_COLOUR = "#a50e0e"  # the favicon's red


@require_safe
@cache_control(max_age=86_400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on their own, whatever the page links to."""
    return redirect(static("favicon.ico"))


# What the service worker keeps for use without signal: the static files every page needs,
# and the pages of recording (cached as they are visited). Nothing else is stored on the
# phone: other pages hold data (households' flags) that must not outlive the session.
PRECACHED = [
    "css/site.css",
    "js/outbox.js",
    "js/offline.js",
    "js/forms.js",
    "favicon.svg",
    "icons/icon-192.png",
]
OFFLINE_PAGES = ["meetings:status", "petitions:raise"]
# ...and every page under these: each group's meeting forms, each month's programme.
OFFLINE_FOLDERS = ["meetings:programme_list"]


@require_safe
@cache_control(max_age=86_400, public=True)
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: the app installs to the home screen under its Vietnamese name."""
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    icons.append(
        {
            "src": static("icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    body = {
        "name": _("Linked residential groups"),
        "short_name": _("Residential groups"),
        "lang": "vi",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": icons,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_safe
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site's root so that it controls every page.

    no-cache: the browser checks for a new one on each visit; its version is a
    digest of the files it precaches, so a deploy replaces the phone's copies.
    """
    assets = [static(name) for name in PRECACHED]
    config = {
        "version": _assets_version(tuple(assets)),
        "assets": assets,
        "pages": [reverse(name) for name in OFFLINE_PAGES],
        "page_folders": [
            reverse("meetings:meeting_edit", args=[0, 2000, 1]).split("0/2000/1/")[0],
            *(reverse(name) for name in OFFLINE_FOLDERS),
        ],
        "login": reverse("login"),
        "home": reverse("home"),
    }
    # The worker is fetched without the page's language: it speaks the one chosen on the
    # site, else the site's own (a browser's Accept-Language may well be English).
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if not check_for_language(language):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(
            request,
            "core/sw.js",
            {"config": json.dumps(config, ensure_ascii=False)},
            content_type="text/javascript; charset=utf-8",
        )
    response["Service-Worker-Allowed"] = "/"
    return response


def _assets_version(assets: tuple[str, ...]) -> str:
    digest = hashlib.sha256(get_template("core/sw.js").template.source.encode())
    for name in PRECACHED:
        path = finders.find(name)
        if path:
            digest.update(Path(path).read_bytes())
    digest.update("".join(assets).encode())
    return digest.hexdigest()[:12]
