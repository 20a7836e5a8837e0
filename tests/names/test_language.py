"""Language guessing, language codes, Cyrillic look-alikes."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from embargo.names import guess_language
from embargo.names.language import _SHARED, _letter_scripts, _script, normalize_lang, uncross_cyrillic

GUESS_CASES = [
    ("Аляксандр Рыгоравіч Лукашэнка", "be"),  # і with ы/э
    ("Андрэй Віктаравіч КАЗЛОЎ", "be"),  # ў
    ("Вiктар Аляксандравiч ЛУКАШЭНКА", "be"),  # Latin i read as Cyrillic і
    ("Александр Григорьевич Лукашенко", "ru"),
    ("Олександр Юрійович", "uk"),  # ї
    ("Микола Васильович", "uk"),  # ьо
    ("Ганна", None),  # no decisive letter
    ("Нұрлан Әбдібеков", "kk"),  # ұ is Kazakh only
    ("Ерғали Қожаев", "kk"),  # қ ғ without Uzbek ў ҳ
    ("Ғайрат Ҳасанов", "uz"),  # ғ with ҳ
    ("Тўлқин Зокиров", "uz"),  # ў with қ is Uzbek, not Belarusian
    ("Бакыт Өмүрбеков", "ky"),  # ө ү alone
    ("Ҷамшед Раҳимов", None),  # Tajik: no scheme
    ("Љубомир Јовановић", None),  # Serbian letters
    ("김정은", "ko"),
    ("プーチン", "ja"),  # the kana length mark is shared by both kana
    ("Αλέξανδρος Τσίπρας", "el"),
    ("ბიძინა ივანიშვილი", "ka"),
    ("Սերժ Սարգսյան", "hy"),
    ("صدام حسين التكريتي", None),  # Arabic script: several languages
    ("金正恩", None),  # Chinese or Japanese
    ("Aliaksandr LUKASHENKA", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "lang"), GUESS_CASES)
def test_guess_language(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ru", "ru"),
        ("rus", "ru"),
        ("BEL", "be"),
        ("ukr", "uk"),
        (" uk ", "uk"),
        ("ckb", "ckb"),
        ("", None),
        (None, None),
        ("r1", None),
    ],
)
def test_normalize_lang(code: str | None, expected: str | None) -> None:
    assert normalize_lang(code) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Вiктар", "Віктар"), ("Aкционерное", "Акционерное"), ("Viktar", "Viktar"), ("Вqктар", "Вqктар"), ("Ab", "Ab")],
)
def test_uncross_cyrillic(word: str, expected: str) -> None:
    assert uncross_cyrillic(word) == expected


@given(st.text(alphabet=st.sampled_from("Aa Жжі ў,ЁΩ漢ㄱ\u3000-"), max_size=30) | st.text(max_size=30))
def test_letter_scripts_word_by_word_add_up_to_the_whole_text(text: str) -> None:
    whole = Counter(s for ch in text if ch.isalpha() and (s := _script(ch)) not in _SHARED)
    assert sum((Counter(_letter_scripts(c)) for c in text.split()), Counter()) == whole
