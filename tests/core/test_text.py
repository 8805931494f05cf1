import unicodedata

import pytest

from apps.core.text import clean_text, fold


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


def test_clean_text_turns_decomposed_input_into_composed_form():
    decomposed = nfd("Xã Bình Thạnh")
    assert decomposed != "Xã Bình Thạnh"

    cleaned = clean_text(decomposed)

    assert cleaned == "Xã Bình Thạnh"
    assert unicodedata.is_normalized("NFC", cleaned)


def test_clean_text_keeps_composed_input_unchanged():
    assert clean_text("Ấp Mỹ Hội") == "Ấp Mỹ Hội"


@pytest.mark.parametrize(
    "raw",
    [
        "  Tổ 1  ",
        "Tổ   1",
        "Tổ\u00a01",
        "Tổ\t1",
        "\nTổ \u00a0 1\n",
    ],
)
def test_clean_text_trims_and_makes_runs_of_white_space_one_space(raw):
    assert clean_text(raw) == "Tổ 1"


def test_fold_removes_tone_and_vowel_marks_and_lowers_case():
    assert fold("Bình Thạnh") == "binh thanh"


def test_fold_of_decomposed_input_equals_fold_of_composed_input():
    assert fold(nfd("Bình Thạnh")) == fold("Bình Thạnh") == "binh thanh"


@pytest.mark.parametrize(
    ("old_style", "new_style", "folded"),
    [("Hoà", "Hòa", "hoa"), ("Thuý", "Thúy", "thuy"), ("Khoẻ", "Khỏe", "khoe")],
)
def test_fold_makes_old_and_new_tone_placement_equal(old_style, new_style, folded):
    assert old_style != new_style
    assert fold(old_style) == fold(new_style) == folded


@pytest.mark.parametrize(("letter", "folded"), [("Đ", "d"), ("đ", "d")])
def test_fold_turns_d_with_stroke_into_d(letter, folded):
    assert fold(letter) == folded


def test_fold_turns_d_with_stroke_into_d_inside_words():
    assert fold("Đặng Văn Đức") == "dang van duc"
    assert fold("ĐỒNG THÁP") == "dong thap"


def test_fold_trims_and_makes_runs_of_white_space_one_space():
    assert fold("  Mỹ\u00a0 Hội  ") == "my hoi"


def test_fold_of_empty_text_is_empty():
    assert fold("") == ""
