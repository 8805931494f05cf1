"""The Vietnamese catalogue is complete, compiled, and actually used."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from apps.hierarchy.models import Group

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES"
PO_PATH = CATALOGUE / "django.po"
MO_PATH = CATALOGUE / "django.mo"


def _pairs(catalogue: polib._BaseFile) -> dict[tuple[str, str], tuple[str, ...]]:
    """msgid (with context and plural) -> msgstr(s), header and obsolete entries left out."""
    pairs = {}
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        key = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            value = (entry.msgstr,)
        pairs[key] = value
    return pairs


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def test_header_declares_vietnamese(po):
    assert po.metadata["Language"] == "vi"
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert not po.metadata_is_fuzzy


def test_every_entry_is_translated_and_none_is_fuzzy(po):
    entries = [e for e in po if not e.obsolete]
    assert entries
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    untranslated = [
        e.msgid
        for e in entries
        if (not all(e.msgstr_plural.values()) if e.msgid_plural else not e.msgstr)
    ]
    assert untranslated == []
    assert po.percent_translated() == 100


def test_compiled_catalogue_matches_the_source(po):
    assert MO_PATH.exists(), "run manage.py compilemessages -l vi and commit the .mo"
    mo = polib.mofile(str(MO_PATH))
    assert _pairs(mo) == _pairs(po), "the .mo is stale: run manage.py compilemessages -l vi"


def test_login_page_is_vietnamese_by_default(client, db):
    response = client.get("/dang-nhap/")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_login_page_follows_the_language_cookie(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/dang-nhap/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Log in" in page
    assert "Đăng nhập" not in page


def test_model_names_are_translated():
    with translation.override("en"):
        assert str(Group._meta.verbose_name) == "group"
    with translation.override("vi"):
        name = str(Group._meta.verbose_name)
    assert name
    assert name != "group"
