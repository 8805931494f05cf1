"""Vietnamese text rules, in one place.

Names are stored in Unicode NFC. Search compares "folded" text: no tone or
vowel marks, đ as d, lower case, single spaces. Folding makes "binh thanh"
find "Bình Thạnh" and makes old-style "Hoà" equal new-style "Hòa" (the tone
mark sits on a different vowel, but both fold to "hoa") on every database,
because the folded form is stored and compared as plain text.
"""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_UNTIDY_SPACES = re.compile(r"\s\s|[^\S ]")  # two in a row, or any but a plain space
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def clean_text(value: str) -> str:
    """NFC, trimmed, with runs of white space (including non-breaking) made one space."""
    value = unicodedata.normalize("NFC", value)
    if _UNTIDY_SPACES.search(value):  # most text is tidy already: skip the rewrite
        value = _SPACES.sub(" ", value)
    return value.strip()


@functools.lru_cache(maxsize=8192)  # a roster folds the same few words on every line
def fold(value: str) -> str:
    """The accent-, case- and tone-placement-insensitive form used for search."""
    decomposed = unicodedata.normalize("NFD", value.translate(_D_STROKE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()
