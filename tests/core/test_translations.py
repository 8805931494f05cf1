"""The Vietnamese catalogue is complete, compiled, and actually used."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from apps.hierarchy.models import Group

ROOT = Path(__file__).resolve().parents[2]
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


# The functions and tags that mark a string for translation, and where its msgid stands.
MSGID_FIRST = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
CONTEXT_FIRST = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
TRANSLATE_TAG = re.compile(
    r"""{%\s*trans(?:late)?\s+(?:"([^"]*)"|'([^']*)')(?:\s+context\s+(?:"([^"]*)"|'([^']*)'))?"""
)
BLOCK_TAG = re.compile(
    r"{%\s*blocktrans(?:late)?\b([^%]*)%}(.*?){%\s*endblocktrans(?:late)?\s*%}", re.S
)


def _marked_in_python() -> dict[tuple[str, str], str]:
    """(context, msgid) -> where, for every literal string our Python code marks."""
    found = {}
    for path in sorted([*ROOT.glob("apps/**/*.py"), *ROOT.glob("tocdp/**/*.py")]):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            texts = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name in MSGID_FIRST and texts and isinstance(texts[0], str):
                found[("", texts[0])] = where
            elif name in CONTEXT_FIRST and len(texts) > 1 and isinstance(texts[1], str):
                found[(texts[0], texts[1])] = where
    return found


def _marked_in_templates() -> dict[tuple[str, str], str]:
    """(context, msgid) -> where, for every string our templates mark, as makemessages
    writes it: {{ name }} becomes %(name)s, a trimmed block's lines are joined by spaces."""
    found = {}
    for path in sorted(ROOT.glob("templates/**/*.html")):
        text, where = path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))
        for match in TRANSLATE_TAG.finditer(text):
            msgid = match.group(1) if match.group(1) is not None else match.group(2)
            found[(match.group(3) or match.group(4) or "", msgid)] = where
        for match in BLOCK_TAG.finditer(text):
            options, body = match.group(1), match.group(2).split("{% plural")[0]
            if "trimmed" in options.split():
                body = " ".join(line.strip() for line in body.splitlines() if line.strip())
            context = re.search(r'context\s+"([^"]*)"', options)
            msgid = re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body)
            found[(context.group(1) if context else "", msgid)] = where
    return found


def test_every_string_marked_in_the_code_is_in_the_catalogue(po):
    """A string marked for translation but missing from the catalogue shows in English on
    the Vietnamese pages (a form's label, an error message)."""
    translated = {(e.msgctxt or "", e.msgid) for e in po if not e.obsolete and e.translated()}
    marked = _marked_in_python() | _marked_in_templates()
    assert len(marked) > 1000  # the extraction reads the code
    missing = sorted(
        f"{where}: {key[1]!r}" for key, where in marked.items() if key not in translated
    )
    assert missing == []


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
