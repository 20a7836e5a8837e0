"""Japanese names in kanji and kana read in Hepburn (embargo/names/japanese.py).

The rows are examples of the class written for these tests (Watchman's two pairs and well-known
names), not rows of any benchmark.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from embargo.matching import DEFAULT_THRESHOLD, compare_names
from embargo.names import japanese
from embargo.names.japanese import fold_long_vowels, has_japanese_letters, hepburn_readings
from embargo.names.wadegiles import query_readings

pytest.importorskip("pykakasi")

T = DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("name", "readings"),
    [
        ("山田太郎", ("yamada tarou", "yamada taro")),  # family name first, split after its first word
        ("田中花子", ("tanaka hanako",)),
        ("井上邦雄", ("inoue kunio", "inoe kunio")),  # i-no-u-e: folding is only ever an extra reading
        ("ヤマダ タロウ", ("yamada tarou", "yamada taro")),  # katakana, as KYC furigana
        ("やまだ　たろう", ("yamada tarou", "yamada taro")),  # hiragana, ideographic space
        ("李方伟", ()),  # a Simplified Chinese form Japanese does not write: not a Japanese name
        ("习近平", ()),
        ("Yamada Taro", ()),
        ("Иван Петров", ()),
        ("김정은", ()),
    ],
)
def test_readings(name: str, readings: tuple[str, ...]) -> None:
    assert hepburn_readings(name) == readings


@pytest.mark.parametrize(
    ("reading", "folded"),
    [("tarou", "taro"), ("oono", "ono"), ("yuusuke", "yusuke"), ("gotou", "goto"), ("hanako", "hanako")],
)
def test_fold_long_vowels(reading: str, folded: str) -> None:
    assert fold_long_vowels(reading) == folded


@pytest.mark.parametrize(
    ("query", "listed", "low", "high"),
    [
        ("山田太郎", "Yamada Taro", T, 1.0),  # Watchman's pairs
        ("田中花子", "Tanaka Hanako", T, 1.0),
        ("山田太郎", "YAMADA, Tarou", T, 1.0),  # the long vowel written out
        ("後藤忠政", "GOTO, Tadamasa", T, 1.0),
        ("西口茂男", "Shigeo Nishiguchi", T, 1.0),  # given name first on the list
        ("李方伟", "LI Fangwei", T, 1.0),  # a Chinese name keeps its Chinese reading
        ("王毅", "Wang Yi", T, 1.0),  # kanji alone: read both ways, the Chinese one found
        ("後藤真希", "GOTO, Tadamasa", 0.0, T),  # same family name, another person
        ("井上陽水", "INOUE, Kunio", 0.0, T),
        ("山田花子", "Yamada Taro", 0.0, T),
    ],
)
def test_score_bands(query: str, listed: str, low: float, high: float) -> None:
    assert low <= compare_names("Person", query, listed) <= high


def test_reading_is_added_not_substituted() -> None:
    first, *others = query_readings("山田太郎", "Person")
    assert first.script == "Han" and first.original == "山田太郎"
    assert [o.original for o in others] == ["山田太郎", "山田太郎"]
    assert query_readings("山田太郎", "Company") == query_readings("山田太郎", "Company")[:1]


def test_has_japanese_letters() -> None:
    assert has_japanese_letters("山田") and has_japanese_letters("タロウ") and has_japanese_letters("たろう")
    assert not has_japanese_letters("Yamada") and not has_japanese_letters("김정은")


@pytest.fixture
def without_pykakasi(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    japanese._kakasi.cache_clear()
    hepburn_readings.cache_clear()
    monkeypatch.setitem(sys.modules, "pykakasi", None)  # makes `import pykakasi` fail
    yield
    japanese._kakasi.cache_clear()
    hepburn_readings.cache_clear()


@pytest.mark.usefixtures("without_pykakasi")
def test_without_pykakasi_no_reading_and_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    assert hepburn_readings("山田太郎") == ()
    assert "pykakasi is not installed" in caplog.text


def test_latin_queries_do_not_load_the_dictionary() -> None:
    code = (
        "import sys\n"
        "from embargo.matching import compare_names\n"
        "compare_names('Person', 'Taro Yamada', 'YAMADA, Taro')\n"
        "compare_names('Person', 'Иван Петров', 'Ivan Petrov')\n"
        "assert 'pykakasi' not in sys.modules\n"
        "compare_names('Person', '山田太郎', 'Yamada Taro')\n"
        "assert 'pykakasi' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
