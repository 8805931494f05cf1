"""The app installs to a phone's home screen and works without signal: manifest, icons, worker."""

import json
import struct

from django.test import Client

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_manifest_names_the_app_in_vietnamese_and_lists_its_icons(client, db):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Tổ dân phòng liên kết"
    assert manifest["short_name"] and len(manifest["short_name"]) <= 12
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    assert manifest["theme_color"] == "#a50e0e"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon.get("purpose", "any") == "any"}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200, icon["src"]
        body = _body(image)
        assert body.startswith(PNG_SIGNATURE)
        width, height = struct.unpack(">II", body[16:24])
        assert f"{width}x{height}" == icon["sizes"]


def test_every_page_links_the_manifest_and_registers_the_worker(client, group_a_leader):
    client.force_login(group_a_leader)
    page = client.get("/sinh-hoat/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'data-sw="/sw.js"' in page
    assert '<meta name="theme-color" content="#a50e0e">' in page
    assert 'id="outbox"' in page  # where saves waiting for a signal are listed


def test_the_service_worker_is_served_from_the_root_as_javascript(db):
    response = Client().get("/sw.js")  # signed out: the worker installs from the login page
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    worker = response.content.decode()
    for asset in ("/static/css/site.css", "/static/js/outbox.js", "/static/js/forms.js"):
        assert f'"{asset}"' in worker
        assert Client().get(asset).status_code == 200
    # The pages of recording are kept; no other page is.
    assert '"pages": ["/sinh-hoat/", "/kien-nghi/moi/"]' in worker
    assert '"page_folders": ["/sinh-hoat/to/", "/sinh-hoat/chuong-trinh/"]' in worker


def test_the_workers_version_follows_the_files_it_keeps(db, tmp_path, settings):
    first = Client().get("/sw.js").content.decode()
    assert first == Client().get("/sw.js").content.decode()
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body { color: red; }")
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    assert Client().get("/sw.js").content.decode() != first
