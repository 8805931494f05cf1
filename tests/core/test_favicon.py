"""The site's icon: linked from every page, and answered where browsers look on their own."""

ICO_SIGNATURE = b"\x00\x00\x01\x00"


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_pages_link_the_icon_and_the_linked_files_exist(client, db):
    page = client.get("/dang-nhap/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico"' in page
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    ico = client.get("/static/favicon.ico")
    assert ico.status_code == 200
    assert _body(ico).startswith(ICO_SIGNATURE)
    svg = client.get("/static/favicon.svg")
    assert svg.status_code == 200
    assert _body(svg).lstrip().startswith(b"<svg")


def test_the_browsers_own_request_for_favicon_ico_finds_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert _body(icon).startswith(ICO_SIGNATURE)
