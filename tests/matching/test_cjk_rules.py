"""Chinese and Korean person names compared as syllables (embargo.matching._cjk_rules)."""

from __future__ import annotations

import pytest

from embargo.matching import DEFAULT_THRESHOLD, ListedFacts, Query
from embargo.matching._cjk_rules import NAME_ALONE, ONE_TYPO, SYLLABLES_DIFFER, TWO_SYLLABLES
from embargo.matching.algorithm import score_entity
from embargo.names import analyze_name
from embargo.names.wadegiles import query_readings

T = DEFAULT_THRESHOLD


def _best(query: str, listed: str) -> tuple[float, list[str]]:
    from embargo.matching.alignment import compare_analyzed

    found = [compare_analyzed(q, analyze_name(listed, "Person")) for q in query_readings(query, "Person")]
    best = max(found, key=lambda m: m.score)
    return best.score, [detail for _, detail in best.notes]


#: (query, listed, low, high, why): every class of the rule, on invented names.
CASES = [
    # one name in other scripts and schemes: a hit, at the score a full name reaches alone
    ("김민준", "KIM Min Jun", NAME_ALONE - 1e-9, NAME_ALONE + 1e-9, "Hangul and Revised Romanization"),
    ("김민준", "Kim Min-jun", NAME_ALONE - 1e-9, NAME_ALONE + 1e-9, "hyphenated given name"),
    ("리성철", "RI Song Chol", NAME_ALONE - 1e-9, NAME_ALONE + 1e-9, "DPRK spelling"),
    ("Chong Song-chol", "JONG Song Chol", NAME_ALONE - 1e-9, NAME_ALONE + 1e-9, "McCune-Reischauer and DPRK"),
    ("王建国", "WANG Jianguo", NAME_ALONE - 1e-9, NAME_ALONE + 1e-9, "Chinese characters and Pinyin"),
    ("Wang Chien-kuo", "WANG Jianguo", NAME_ALONE - 1e-9, NAME_ALONE + 1e-9, "Wade-Giles and Pinyin"),
    # a two-syllable name on its own weighs less, still a hit
    ("王伟", "WANG Wei", TWO_SYLLABLES - 1e-9, TWO_SYLLABLES + 1e-9, "two syllables"),
    # the same characters are an exact match
    ("張建國", "张建国", 0.99, 1.01, "Traditional and Simplified"),
    # one syllable of the given name is another person
    ("김민준", "KIM Min Jae", 0.0, SYLLABLES_DIFFER + 1e-9, "given name differs in one syllable"),
    ("김민준", "KIM Min", 0.0, SYLLABLES_DIFFER + 1e-9, "one syllable of a two-syllable given name"),
    ("王建国", "WANG Jian", 0.0, SYLLABLES_DIFFER + 1e-9, "one syllable of a two-syllable given name"),
    ("정민수", "YONG Min Su", 0.0, SYLLABLES_DIFFER + 1e-9, "family names alike in letters only"),
    ("김상민", "KIM Song Min", 0.0, SYLLABLES_DIFFER + 1e-9, "another syllable, not a spelling"),
    # a name in its own script against a listed name that is no romanization of it
    ("陈龙", "CHE FONG", 0.0, SYLLABLES_DIFFER + 1e-9, "letters alike are no reading"),
    ("오지훈", "John", 0.0, SYLLABLES_DIFFER + 1e-9, "a Western given name"),
    # ... unless it spells the listed word in the same letters (a foreign name in Hangul)
    ("푸틴", "Vladimir PUTIN", T, 1.01, "transliteration of a foreign name"),
    # names of three syllables or more in Latin letters, a typo apart
    ("Kim Jong-uun", "KIM Jong Un", ONE_TYPO - 1e-9, ONE_TYPO + 1e-9, "a doubled letter"),
    ("Xi Jinpeng", "XI Jinping", ONE_TYPO - 1e-9, ONE_TYPO + 1e-9, "one letter"),
    # Japanese readings of kanji: a two-character name is Chinese; kana is Japanese
    ("王涛", "OTTO", 0.0, T, "a two-character name is not read in Japanese"),
    ("やまだ はなこ", "YAMADA Hanako", T, 1.01, "kana"),
    # kana write the reading itself, so the given name agrees as a whole, in its letters
    ("ヤマダ ハナコ", "YAMADA Hanako", T, 1.01, "katakana"),
    ("ヤマダ ハナコ", "YAMADA Hinako", 0.0, T, "katakana: another given name"),
    ("さとう みさき", "SATO Masaaki", 0.0, T, "hiragana: another given name"),
]


@pytest.mark.parametrize(("query", "listed", "low", "high", "why"), CASES, ids=[c[4] for c in CASES])
def test_band(query: str, listed: str, low: float, high: float, why: str) -> None:
    score, _ = _best(query, listed)
    assert low <= score <= high, (query, listed, score, why)


@pytest.mark.parametrize(
    ("query", "listed", "words"),
    [
        ("김민준", "KIM Min Jae", "only the family name agrees"),
        ("김민준", "KIM Min Jun", "agree syllable by syllable"),
        ("王伟", "WANG Wei", "two-syllable name"),
        ("陈龙", "CHE FONG", "no romanization"),
        ("ヤマダ ハナコ", "YAMADA Hinako", "the given name does not agree in its letters"),
    ],
)
def test_the_explanation_says_why(query: str, listed: str, words: str) -> None:
    _, notes = _best(query, listed)
    assert any(words in n for n in notes), notes


def test_a_birth_date_decides_a_name_that_agrees_alone() -> None:
    names = query_readings("김민준", "Person")
    listed = [analyze_name("KIM Min Jun", "Person")]
    facts = ListedFacts("Person", birth_dates=("1971-03-02",))
    same = score_entity(Query.build(["김민준"], birth_dates=["1971-03-02"]), names, listed, facts)
    other = score_entity(Query.build(["김민준"], birth_dates=["1990-11-20"]), names, listed, facts)
    alone = score_entity(Query.build(["김민준"]), names, listed, facts)
    assert same.score > alone.score >= T > other.score
