"""Chinese and Korean names as syllables: the scheme tables and the readings of a name."""

from __future__ import annotations

import pytest

from embargo.names import analyze_name
from embargo.names.syllables import (
    SyllableReading,
    han_korean,
    han_pinyin,
    korean_keys,
    pinyin_keys,
    same_family,
    same_name,
    syllable_readings,
)


def _readings(name: str) -> tuple[SyllableReading, ...]:
    tokens = analyze_name(name, "Person").tokens
    return syllable_readings(tuple(t.text for t in tokens), tuple(t.original for t in tokens))


#: (Latin syllable, Hangul syllable it may write): Revised Romanization, McCune-Reischauer without
#: its marks, the DPRK scheme and customary spellings all reach the same syllable.
KOREAN_SAME = [
    ("jeong", "정"),
    ("jong", "정"),  # DPRK / MR ŏ
    ("chong", "정"),  # MR ch
    ("jung", "정"),  # customary
    ("eun", "은"),
    ("un", "은"),  # MR ŭ
    ("ri", "이"),  # 리 and 이 are one syllable (initial-sound rule)
    ("lee", "이"),
    ("yi", "이"),
    ("park", "박"),
    ("pak", "박"),
    ("choe", "최"),
    ("choi", "최"),
    ("ryong", "용"),
    ("yong", "용"),
]
#: Syllables that look alike and are other syllables: no consonant class joins them.
KOREAN_OTHER = [("jeong", "영"), ("yong", "정"), ("jung", "웅"), ("sang", "성")]


@pytest.mark.parametrize(("latin", "hangul"), KOREAN_SAME)
def test_korean_spellings_reach_their_syllable(latin: str, hangul: str) -> None:
    assert not korean_keys(latin).isdisjoint(_readings(hangul + "가")[0].family[0])


@pytest.mark.parametrize(("latin", "hangul"), KOREAN_OTHER)
def test_korean_lookalikes_stay_apart(latin: str, hangul: str) -> None:
    reading = _readings(hangul + "가")
    assert not reading or korean_keys(latin).isdisjoint(reading[0].family[0])


@pytest.mark.parametrize(
    ("latin", "pinyin"),
    [("zhang", "zhang"), ("chang", "zhang"), ("chang", "chang"), ("hsi", "xi"), ("chin", "jin"), ("tse", "ze")],
)
def test_pinyin_keys_read_wade_giles(latin: str, pinyin: str) -> None:
    assert pinyin in pinyin_keys(latin)


@pytest.mark.parametrize(("latin", "pinyin"), [("zhang", "chang"), ("xi", "shi"), ("jing", "jin")])
def test_pinyin_keys_keep_other_syllables_apart(latin: str, pinyin: str) -> None:
    assert pinyin not in pinyin_keys(latin)


def test_characters_have_both_readings() -> None:
    assert han_pinyin("张") == "zhang"
    assert han_korean("張") == han_korean("张")  # Traditional and Simplified alike
    assert "김" in han_korean("金", family=True)  # the surname reading
    assert "김" not in han_korean("金")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("김민준", "KIM Min Jun"),
        ("김민준", "Kim Min-jun"),
        ("김민준", "Kim Minjun"),
        ("Minjun Kim", "KIM, Min Jun"),
        ("리성철", "Ri Song Chol"),
        ("이성철", "Ri Song Chol"),
        ("王建国", "WANG Jianguo"),
        ("Wang Chien-kuo", "WANG Jianguo"),
        ("欧阳明", "OUYANG Ming"),
        ("金成浩", "Kim Song Ho"),  # Chinese characters read in Korean
    ],
)
def test_one_name_agrees(a: str, b: str) -> None:
    assert any(same_name(x, y) for x in _readings(a) for y in _readings(b))


@pytest.mark.parametrize(
    ("a", "b", "family"),
    [
        ("김민준", "KIM Min Jae", True),  # one syllable of the given name is another name
        ("김민준", "KIM Min", True),  # a two-syllable given name against one syllable
        ("박민준", "KIM Min Jun", False),
        ("王建国", "WANG Jianmin", True),
        ("张伟", "ZHANG Wen", True),
    ],
)
def test_other_names_do_not_agree(a: str, b: str, family: bool) -> None:
    pairs = [(x, y) for x in _readings(a) for y in _readings(b)]
    assert pairs
    assert not any(same_name(x, y) for x, y in pairs)
    assert any(same_family(x, y) for x, y in pairs) == family


@pytest.mark.parametrize(
    "name",
    ["Vladimir Putin", "Maria Kim", "John Smith", "블라디미르 푸틴", "弗拉基米尔·普京", "Khalid", "Al Rashid Trust"],
)
def test_other_names_are_no_syllables(name: str) -> None:
    assert _readings(name) == ()
