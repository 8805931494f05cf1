"""Text typed in the legacy Vietnamese font encodings, TCVN3 (".VnTime", ABC) and VNI.

Such text is plain Latin-1 letters that only look Vietnamese in the old fonts:
"Nguyễn" typed in TCVN3 arrives as "NguyÔn", in VNI as "Nguyeãn". Imported as
it is, it would be mojibake forever, so it is detected and refused.
"""

import re

from django.utils.translation import gettext as _

from apps.imports.reading import SheetRow, UnreadableFile

# Characters TCVN3 uses for Vietnamese letters that Unicode Vietnamese never contains.
TCVN3 = re.compile("[µ¸¶·¹¨»¾¼½ÆÇËÎÏÑ×ØÞßäåæçëîïñöøûüþÿ«©®¬ª¢£¤¥¦§]")  # noqa: RUF001
# VNI: a vowel followed by the Latin-1 letter that carried its tone or hat (pairs that
# Unicode Vietnamese never writes, unlike "oà" in "Hoà"), or Ñ/ñ standing for Đ/đ.
VNI = re.compile("[aeiouyAEIOUYôÔöÖ][øûïùõ]|[aeAE][âêåãäàá]|[oO][âäå]|(?:^|\\s)[Ññ][aeiouyAEIOUY]")
# Letters only Unicode Vietnamese has: if present, the text is not legacy.
UNICODE_VIETNAMESE = re.compile("[ăĂđĐơƠưƯạ-ỹẠ-Ỹ]")


def legacy_encoding(text: str) -> str | None:
    """ "TCVN3" or "VNI" if `text` looks typed in that legacy encoding, else None."""
    if not text or text.isascii() or UNICODE_VIETNAMESE.search(text):
        return None
    if VNI.search(text):
        return "VNI"
    if TCVN3.search(text):
        return "TCVN3"
    return None


def refuse_legacy_text(row: SheetRow, keys, *, shown: int | None = None) -> None:
    """Refuse the whole file (UnreadableFile) at the first of the line's `keys` typed in a
    legacy encoding, quoting its text (its first `shown` characters)."""
    for key in keys:
        text = row.text(key)
        encoding = legacy_encoding(text)
        if encoding:
            raise UnreadableFile(
                _(
                    'Sheet "%(sheet)s", line %(line)s: "%(text)s" is typed in the old '
                    "%(encoding)s font encoding, not Unicode. Convert the file to Unicode "
                    "first (for example with Unikey's converter: source %(encoding)s, "
                    "destination Unicode), then upload it again. Nothing was imported."
                )
                % {"sheet": row.sheet, "line": row.line, "text": text[:shown], "encoding": encoding}
            )
