"""Folding, script detection and word splitting."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from embargo.names import detect_script, fold
from embargo.names.text import _JOINER_CHARS, Word, _char_class, split_words

FOLD_CASES = [
    ("LUKASHENKA, Alyaksandr Hryhoryavich", "lukashenka alyaksandr hryhoryavich"),
    ("Lukašenka", "lukasenka"),  # Latin diacritics to ASCII
    ("MÜLLER Straße", "muller strasse"),
    ("O'Neil", "oneil"),  # apostrophes join
    ("Grigorʹyevich", "grigoryevich"),  # BGN soft-sign prime joins too
    ("Abu-Bakr al-Baghdadi", "abu bakr al baghdadi"),  # hyphens split
    ("«Ромашка» „X“ “Y” 'Z'", "ромашка x y z"),  # quotes go, Cyrillic stays
    ("ＡＢＣ　１２", "abc 12"),  # full-width forms (NFKC)
    ("ﬁrst Ⅻ", "first xii"),  # ligatures, Roman numeral signs
    ("Аляксандр", "аляксандр"),  # non-Latin letters are not transliterated
    ("金正恩", "金正恩"),
    ("  a\t b  ", "a b"),
    ("S.A. de C.V.", "s a de c v"),
    ("!!! ...", ""),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), FOLD_CASES)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


SCRIPT_CASES = [
    ("Alexander Lukashenko", "Latin"),
    ("Lukašenka", "Latin"),
    ("Аляксандр Лукашэнка", "Cyrillic"),
    ("Вiктар", "Cyrillic"),  # one Latin look-alike in a Cyrillic word
    ("صدام حسين", "Arabic"),
    ("金正恩", "Han"),
    ("김정은", "Hangul"),
    ("プーチン", "Katakana"),
    ("Αλέξανδρος", "Greek"),
    ("ბიძინა", "Georgian"),
    ("Սերժ", "Armenian"),
    ("בנימין", "Hebrew"),
    ("12 34", "Common"),
    ("", "Common"),
]


@pytest.mark.parametrize(("text", "script"), SCRIPT_CASES)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


SPLIT_CASES = [
    # (name, [(raw, folded, part, upper)])
    (
        "LUKASHENKA, Alyaksandr Hryhoryavich",
        [
            ("LUKASHENKA", "lukashenka", 0, True),
            ("Alyaksandr", "alyaksandr", 1, False),
            ("Hryhoryavich", "hryhoryavich", 1, False),
        ],
    ),
    ("O'Neil Abu-Bakr", [("O'Neil", "oneil", 0, False), ("Abu", "abu", 0, False), ("Bakr", "bakr", 0, False)]),
    ("ОАО ‘Минский завод’", [("ОАО", "оао", 0, True), ("Минский", "минский", 0, False), ("завод", "завод", 0, False)]),
    (", Smith", [("Smith", "smith", 0, False)]),  # a leading comma opens no part
    ("J. R. SMITH", [("J", "j", 0, False), ("R", "r", 0, False), ("SMITH", "smith", 0, True)]),
]


@pytest.mark.parametrize(("name", "words"), SPLIT_CASES)
def test_split_words(name: str, words: list[tuple[str, str, int, bool]]) -> None:
    assert [(w.raw, w.folded, w.part, w.upper) for w in split_words(name)] == words


def _split_char_by_char(text: str) -> tuple[Word, ...]:
    """split_words as one pass over the letters (before words were read chunk by chunk and remembered)."""
    words: list[Word] = []
    part = 0
    current: list[str] = []

    def flush() -> None:
        if current:
            raw = "".join(current).rstrip(_JOINER_CHARS)
            current.clear()
            folded = fold(raw)
            for piece in folded.split():
                words.append(Word(raw if piece == folded else piece, piece, part))

    for ch in unicodedata.normalize("NFKC", text):
        cls = _char_class(ch)
        if cls == "w":
            current.append(ch)
        elif cls == "j":
            if current:
                current.append(ch)
        else:
            flush()
            if cls == "," and words:
                part = 1
    flush()
    return tuple(words)


@given(st.text(alphabet=st.sampled_from("ab ,'-.\u00b4\u0301\u200bﬁ½Ж\u3000\t"), max_size=30) | st.text(max_size=30))
def test_split_words_chunk_by_chunk_is_one_pass(text: str) -> None:
    assert split_words(text) == _split_char_by_char(text)


@given(st.text(max_size=60))
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip() and "  " not in once


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_detect_script_never_raises(text: str) -> None:
    assert detect_script(text)
