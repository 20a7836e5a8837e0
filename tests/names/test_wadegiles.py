"""Wade-Giles names read in Pinyin (embargo/names/wadegiles.py).

The rows are examples of the class written for these tests, not rows of any benchmark.
"""

from __future__ import annotations

import pytest

from embargo.matching import DEFAULT_THRESHOLD, compare_names
from embargo.names.wadegiles import pinyin_reading, pinyin_syllables, query_readings, wade_giles_syllable

T = DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("syllable", "pinyin"),
    [
        ("hsi", "xi"),
        ("tse", "ze"),
        ("ts'e", "ce"),
        ("tung", "dong"),
        ("t'ung", "tong"),
        ("chih", "zhi"),
        ("ch'ih", "chi"),
        ("chien", "jian"),
        ("hsüeh", "xue"),
        ("jih", "ri"),
        ("ssu", "si"),
        ("k’ang", "kang"),
        ("qwerty", None),
    ],
)
def test_syllables(syllable: str, pinyin: str | None) -> None:
    assert wade_giles_syllable(syllable) == pinyin


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("Teng Hsiao-p'ing", "Deng Xiaoping"),
        ("Chou Ch'ing-hua", "Zhou Qinghua"),
        ("Yen Hsi-shan", "Yan Xishan"),
        ("Hsü Chih-mo", "Xu Zhimo"),
        # Without aspiration marks a syllable is read unaspirated.
        ("Teng Hsiao-ping", "Deng Xiaobing"),
        # Nothing Pinyin would not write the same: no reading.
        ("Li Peng", None),
        ("Zhou Enlai", None),
        # Known limit: every syllable is also Pinyin, so nothing tells the system ("chou", "en", "lai").
        ("Chou En-lai", None),
        # Not all Wade-Giles syllables: another language.
        ("Sun Yat-sen", None),
        ("Kim Jong Un", None),
        ("Vladimir Putin", None),
        ("Lee Teng-hui", None),
    ],
)
def test_names(name: str, reading: str | None) -> None:
    assert pinyin_reading(name) == reading


#: (query, listed, low, high): Person name scores.
CASES: list[tuple[str, str, float, float]] = [
    # One name syllable by syllable: a hit, at the score a full Chinese name reaches on its own
    # (embargo.matching._cjk_rules.NAME_ALONE), below which a conflicting birth date takes it.
    ("Teng Hsiao-p'ing", "Deng Xiaoping", 0.85, 1.01),
    ("Teng Hsiao-ping", "DENG, Xiaoping", 0.85, 1.01),
    ("Chou Ch'ing-hua", "ZHOU Qinghua", 0.85, 1.01),
    ("Deng Xiaoping", "Teng Hsiao-p'ing", 0.85, 1.01),
    # Another given name read in Pinyin is still another name.
    ("Teng Hsiao-p'ing", "Deng Jianguo", 0.0, T),
    ("Chou Ch'ing-hua", "Zhou Enping", 0.0, T),
]


@pytest.mark.parametrize(("query", "listed", "low", "high"), CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_scores(query: str, listed: str, low: float, high: float) -> None:
    assert low <= compare_names("Person", query, listed) < high


def test_the_reading_keeps_the_query_as_typed() -> None:
    readings = query_readings("Chou Ch'ing-hua", "Person")
    assert [r.original for r in readings] == ["Chou Ch'ing-hua", "Chou Ch'ing-hua"]
    assert [t.text for t in readings[1].tokens] == ["zhou", "qinghua"]
    assert len(query_readings("Chou Ch'ing-hua", "Company")) == 1


def test_the_table_is_complete() -> None:
    # pypinyin's table covers the ~400 syllables of Standard Mandarin; a shrunken one means it moved.
    assert len(pinyin_syllables()) > 380
    assert {"zhuang", "xiong", "lü".replace("ü", "u")} <= pinyin_syllables()


def test_a_person_written_twice_is_read_in_each_spelling() -> None:
    readings = query_readings("Oleg Petrovich POLYAKOV Oleh Petrovych POLIAKOV", "Person")
    texts = [" ".join(t.text for t in r.tokens) for r in readings]
    assert "oleg petrovich polyakov" in texts
    assert "oleh petrovych poliakov" in texts
    assert all(r.original == "Oleg Petrovich POLYAKOV Oleh Petrovych POLIAKOV" for r in readings)
