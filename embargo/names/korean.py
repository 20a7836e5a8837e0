"""Korean family names as Korean people write them in Latin letters.

Revised Romanization (and ICU's ``Hangul-Latin``) writes 박 ``bak``, 이 ``i``,
김 ``gim``, 최 ``choe``; passports, lists and the press write Park, Lee, Kim,
Choi. Family names kept their older spellings when the given names moved to
the new scheme, so a name written in Hangul is also rendered with its family
syllable spelled the usual way (``박지성`` -> ``park ji seong``).

The table covers the common family names (about 90% of South Koreans, by
the 2015 census ranking), each with its most frequent passport spelling
(National Institute of Korean Language survey of passport spellings,
2009). Family names whose usual spelling is their RR spelling (한 Han, 송
Song, 장 Jang) are left out. North Korean spellings (Pak, Ri) differ; 리 is
already ``ri``.
"""

from __future__ import annotations

__all__ = ["SURNAME_SPELLINGS", "usual_family_spelling"]

SURNAME_SPELLINGS: dict[str, str] = {
    "김": "kim",
    "이": "lee",
    "박": "park",
    "최": "choi",
    "정": "jung",
    "강": "kang",
    "조": "cho",
    "윤": "yoon",
    "임": "lim",
    "오": "oh",
    "신": "shin",
    "권": "kwon",
    "안": "ahn",
    "유": "yoo",
    "고": "ko",
    "문": "moon",
    "백": "baek",
    "허": "heo",
    "심": "shim",
    "노": "noh",
    "곽": "kwak",
    "성": "sung",
    "주": "joo",
    "우": "woo",
    "구": "koo",
    "엄": "um",
    "천": "chun",
    "공": "kong",
    "현": "hyun",
    "변": "byun",
    "추": "choo",
    "선": "sun",
    "명": "myung",
    "기": "ki",
    "금": "keum",
    "육": "yook",
    "국": "kook",
    "전": "jeon",
    "서": "seo",
    "황": "hwang",
    "홍": "hong",
    "양": "yang",
    "배": "bae",
    "남": "nam",
    "하": "ha",
    "차": "cha",
    "민": "min",
    "류": "ryu",
    "나": "na",
    "진": "jin",
    "지": "ji",
    "채": "chae",
    "원": "won",
    "방": "bang",
    "함": "ham",
}


def usual_family_spelling(syllable: str) -> str | None:
    """The usual Latin spelling of a Korean family name written as one Hangul syllable, if common.

    Args:
        syllable: one Hangul syllable.
    """
    return SURNAME_SPELLINGS.get(syllable)
