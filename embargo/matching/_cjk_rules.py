"""What makes two Chinese or Korean personal names the same name: their syllables, as units.

A Chinese or Korean name holds two to four syllables from a few hundred, so
letters say little: ``Jeong``, ``Yong`` and ``Jung`` look alike and are three
names, while ``Jong`` (DPRK) and ``Jeong`` (Revised Romanization) are one. The
token scores of :mod:`.tokens` (typos, phonetic keys, rigour's equivalence
classes) are made for alphabetic names; for these names the rule is the one
an analyst applies:

* the family name agrees syllable by syllable, and so does the given name,
  taken as a whole ("Jong Un" = "Jong-un" = "Jongun"; one syllable of a
  two-syllable given name is another person's name), under the tables of
  :mod:`embargo.names.syllables`; otherwise the name score stays below the
  threshold (:data:`SYLLABLES_DIFFER`), where only a birth date or another
  identifier can lift it;
* a Chinese or Korean name against a listed name that is no romanization of
  such syllables (a Cantonese or Russian spelling, a company's name) agrees
  only in the same letters (a foreign name transliterated, 푸틴 / Putin):
  a typo, a phonetic key or a shared class of rigour's name data between a
  syllable and a word of another language says nothing;
* a name of two syllables (a family name and a one-syllable given name, 王伟 /
  Wang Wei) is carried by many thousands of people: it agrees at most
  :data:`TWO_SYLLABLES` on its own, which is a hit, while a conflicting birth
  date takes it below the threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from embargo.matching.pairing import TokenPair
from embargo.matching.rule import BOUND_MARGIN, Aligned, Rule
from embargo.matching.tokens import other_characters
from embargo.names import AnalyzedName, Token
from embargo.names.japanese import has_kana
from embargo.names.syllables import SyllableReading, describe, same_family, same_name, syllable_readings
from embargo.names.text import detect_script

__all__ = [
    "NAME_ALONE",
    "ONE_TYPO",
    "SYLLABLES",
    "SYLLABLES_DIFFER",
    "TWO_SYLLABLES",
    "SyllableVerdict",
    "japanese_reading",
    "reads_as_syllables",
    "syllable_lift",
    "syllable_verdict",
]

#: Highest name score of two Chinese or Korean names whose syllables do not agree as units: the
#: evidence floor (:data:`embargo.matching.algorithm.EVIDENCE_FLOOR`), so that a shared family name
#: counts as half a name, whatever threshold a user picks (at 0.6 such names would flood the queue).
SYLLABLES_DIFFER = 0.5
#: Highest name score of a two-syllable Chinese or Korean name on its own.
TWO_SYLLABLES = 0.82
#: Highest name score of a Chinese or Korean name of three syllables or more agreeing on its own:
#: still a hit, while a conflicting birth date takes it below the threshold (a full name shared
#: syllable by syllable is common in these languages; letters of a Western name are not).
NAME_ALONE = 0.88
#: Highest name score of two romanized names of three syllables or more that differ by one typo:
#: over the threshold, so the analyst sees it, and below a full agreement.
ONE_TYPO = 0.78
#: Factor when the query's syllables agree only in a reading other than its first (a
#: Chinese-character name read in Korean, or met through rigour's name classes): each reading tried
#: is one more chance of a coincidence, enough that a two-syllable name so read needs a birth date.
OTHER_READING = 0.85
_LANGS = {"zh": "Chinese", "ko": "Korean"}


@dataclass(frozen=True, slots=True)
class SyllableVerdict:
    """What the syllables of two names say, and the name score that follows.

    Attributes:
        agree: whether the names are one name by their syllables.
        score: the name score they agree at (it replaces the alignment's, which
            reads letters), or the cap when they do not agree; None keeps the
            alignment's score.
        factor: multiplies the result (a reading other than the first).
        note: why, in words.
    """

    agree: bool
    score: float | None
    factor: float
    note: str

    def apply(self, score: float) -> float:
        """The name score once the rule is applied to an alignment's ``score``."""
        if self.score is None:
            out = score
        elif self.agree:
            out = self.score
        else:
            out = min(score, self.score)
        return out * self.factor


@lru_cache(maxsize=65536)
def _readings(tokens: tuple[Token, ...]) -> tuple[SyllableReading, ...]:
    """:func:`syllable_readings` of a name's tokens (cached on the tokens: every alignment asks)."""
    return syllable_readings(tuple(t.text for t in tokens), tuple(t.original for t in tokens))


def _given_words(reading: SyllableReading) -> str:
    n = len(reading.given)
    return {1: "one-syllable", 2: "two-syllable"}.get(n, f"{n}-syllable")


def _same_letters(pairs: list[TokenPair], native: bool) -> bool:
    """Every query word found in the same letters; for a query in Chinese characters or Hangul, the
    listed name also holds nothing more, or the query's syllables spell one listed word (푸틴 / Putin),
    since two characters of a long name read alike by chance."""
    found = [p for p in pairs if p.query is not None]
    if not found or any(p.reason not in ("same", "joined") for p in found):
        return False
    if not native:
        return True
    return any(p.reason == "joined" for p in found) or all(p.query is not None for p in pairs)


def japanese_reading(query: AnalyzedName, pairs: list[TokenPair]) -> SyllableVerdict | None:
    """The rule for a query's Japanese reading (:func:`embargo.names.wadegiles.query_readings`), or None.

    Such a reading comes from a word dictionary: family names mostly read right, given names
    often not (建市 is read ``kenshi`` for Kenichi), so the family name, the reading's first word,
    must agree in the same letters, a typo or a join, and no word may agree only through a class
    of rigour's name data (``equivalent``), which links a syllable to names of other languages; a
    name without kana is one reading more than its Chinese one. Kana write the reading itself, so a
    name with kana must agree in the letters of every word, its given name a unit (ハルカ is Haruka,
    not Hareaki).
    """
    if query.lang != "ja":
        return None
    if query.script in ("Katakana", "Hiragana"):
        return _kana_reading(pairs)
    if query.script != "Latin":
        return None
    kana = has_kana(query.original)
    factor = 1.0 if kana else OTHER_READING
    found = [p for p in pairs if p.query is not None]
    first = found[0] if found else None
    # kana write the reading itself: then every word, the given name too, must agree in its letters
    agreeing = found if kana else found[:1]
    if (
        first is not None
        and all(p.reason in ("same", "typo", "joined") for p in agreeing)
        and all(p.reason != "equivalent" for p in found)
    ):
        return SyllableVerdict(True, None, factor, "Japanese (Hepburn) reading of the name")
    if kana and first is not None and first.reason in ("same", "typo", "joined"):
        return SyllableVerdict(
            False,
            SYLLABLES_DIFFER,
            factor,
            "Japanese (Hepburn) reading of the name, written in kana: the given name does not agree in its letters",
        )
    return SyllableVerdict(
        False,
        SYLLABLES_DIFFER,
        factor,
        "Japanese (Hepburn) reading of the name: the family name does not agree in its letters",
    )


def _kana_reading(pairs: list[TokenPair]) -> SyllableVerdict | None:
    """The rule for a name in kana read as written: kana write the reading itself, so every word, the
    given name a unit, agrees in its letters (a typo: long vowels) or through rigour's name data, which
    knows foreign names in katakana (ウラジーミル / Vladimir); a sound-alike is another name (ハルカ is
    not Hareaki). None when it holds: the alignment's score stands."""
    found = [p for p in pairs if p.query is not None]
    if all(p.reason in ("same", "typo", "joined", "equivalent") for p in found):
        return None
    return SyllableVerdict(
        False,
        SYLLABLES_DIFFER,
        1.0,
        "Japanese reading of the name, written in kana: the given name does not agree in its letters",
    )


def _one_typo(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    query: tuple[SyllableReading, ...],
    listed: tuple[SyllableReading, ...],
) -> bool:
    """Both names are in Latin letters, of three syllables or more, and one edit apart as written.

    Only the whole name is measured: two syllables each a letter from another name's
    (``Sang Cheol`` / ``Song Chol``) are another name, not a slip.
    """
    if query[0].native or listed[0].native:
        return False
    if min(r.size for r in query) < 3 or min(r.size for r in listed) < 3:
        return False
    q = "".join(t.text for t in q_tokens)
    c = "".join(t.text for t in c_tokens)
    return DamerauLevenshtein.distance(q, c, score_cutoff=1) <= 1


def _same_characters(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...]) -> bool:
    """Both names written in the same characters (Traditional and Simplified Chinese alike): an exact match."""
    q = "".join(t.original for t in q_tokens)
    c = "".join(t.original for t in c_tokens)
    if q == c:
        return True
    return detect_script(q) == detect_script(c) == "Han" and not other_characters(q, c)


def _by_name_data(pairs: list[TokenPair]) -> bool:
    """Every query word paired in the same letters, a join or a class of rigour's name data, and nothing
    of the listed name left over: how a name in kanji meets its listed Japanese reading
    (司忍 / TSUKASA Shinobu), which no syllable table here reads."""
    found = [p for p in pairs if p.query is not None]
    if not found or any(p.reason not in ("same", "joined", "equivalent") for p in found):
        return False
    return all(p.query is not None or p.reason == "joined" for p in pairs)


def _alone(size: int) -> float:
    return TWO_SYLLABLES if size <= 2 else NAME_ALONE


def _alone_note(size: int) -> str:
    if size <= 2:
        return f"a two-syllable name is carried by many people: the name alone scores at most {TWO_SYLLABLES}"
    return f"a full name agreeing syllable by syllable is still shared: the name alone scores at most {NAME_ALONE}"


def _agreement(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    query: tuple[SyllableReading, ...],
    listed: tuple[SyllableReading, ...],
) -> SyllableVerdict | None:
    """The verdict when the two readable names agree syllable by syllable or by one typo, else None."""
    if (
        query[0].native
        and listed[0].native
        and detect_script(q_tokens[0].original) == detect_script(c_tokens[0].original)
    ):
        return None  # one script on both sides: the characters are the name (张伟 / 章伟 are two)
    for q in query:
        for c in listed:
            if not same_name(q, c):
                continue
            # a name that reads in both languages and agrees only in its second is one coincidence more
            factor = OTHER_READING if q.lang != query[0].lang else 1.0
            size = max(q.size, c.size)
            note = f"{q.how}: family name and whole given name agree syllable by syllable; {_alone_note(size)}"
            return SyllableVerdict(True, _alone(size), factor, note)
    if _one_typo(q_tokens, c_tokens, query, listed):
        return SyllableVerdict(
            False,  # tolerated, not agreed: the letters' own score stands, capped
            ONE_TYPO,
            1.0,
            "names of three syllables or more in Latin letters, a typo apart: a slip in writing one name "
            "is likelier than another name",
        )
    return None


def syllable_lift(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...]) -> float | None:
    """The name score two names agree at by their syllables (:func:`syllable_verdict`), when it sets one.

    A score that may exceed what the letters align to, so bounds that skip alignments
    (:func:`embargo.matching.alignment.score_bound`) must not skip past it.
    """
    query = _readings(q_tokens)
    if not query:
        return None
    listed = _readings(c_tokens)
    if not listed or (query[0].native and _same_characters(q_tokens, c_tokens)):
        return None
    agreed = _agreement(q_tokens, c_tokens, query, listed)
    if agreed is None or not agreed.agree or agreed.score is None:
        return None
    return agreed.score * agreed.factor


def reads_as_syllables(tokens: tuple[Token, ...]) -> bool:
    """Whether a name reads as Chinese or Korean syllables (and :func:`syllable_lift` may apply)."""
    return bool(_readings(tokens))


def distinct_readers(variants: Iterable[tuple[Token, ...]]) -> list[tuple[Token, ...]]:
    """One reading of a name per distinct set of syllable readings, none for readings that read as none.

    The readings of one name in Hangul or Chinese characters (syllables, joined, usual family
    spelling) all read as the same syllables: :func:`syllable_lift` need see only one of them.
    """
    seen: dict[int, tuple[Token, ...]] = {}
    for tokens in variants:
        found = _readings(tokens)
        if found and id(found) not in seen:
            seen[id(found)] = tokens
    return list(seen.values())


def syllable_verdict(
    q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], pairs: list[TokenPair]
) -> SyllableVerdict | None:
    """The syllable rule for a query and a listed person name, or None when it does not apply.

    It applies when the query reads as a Chinese or Korean name
    (:func:`embargo.names.syllables.syllable_readings`).
    """
    query = _readings(q_tokens)
    if not query:
        return None
    if _same_characters(q_tokens, c_tokens) and query[0].native:
        return None  # one name in the same characters: an exact match
    listed = _readings(c_tokens)
    lang = _LANGS[query[0].lang]
    if not listed:
        if _same_letters(pairs, query[0].native):
            return None  # the same letters (a foreign name transliterated: 푸틴 / Putin)
        if query[0].native and detect_script(q_tokens[0].original) == "Han" and _by_name_data(pairs):
            size = query[0].size
            return SyllableVerdict(
                False,  # a cap, not a score of its own: rigour's classes are no reading table
                _alone(size),
                OTHER_READING,
                f"each character of the {lang}-script name agrees with a listed word by rigour's name data; "
                + _alone_note(size),
            )
        written = "in its own script" if query[0].native else "in syllables"
        return SyllableVerdict(
            False,
            SYLLABLES_DIFFER,
            1.0,
            f"the query is a {lang} name {written}; the listed name is no romanization of such syllables, "
            "and letters alike are no agreement",
        )
    agreed = _agreement(q_tokens, c_tokens, query, listed)
    if agreed is not None:
        return agreed
    found = next(((a, c) for a in query for c in listed if same_family(a, c)), None)
    if found is not None:
        q, c = found
        note = (
            f"{_given_words(q)} {_LANGS[q.lang]} given name {describe(q.given)!r} is not the listed "
            f"{describe(c.given)!r}: only the family name agrees"
        )
    else:
        note = f"{lang} names: the family names do not agree syllable by syllable"
    return SyllableVerdict(False, SYLLABLES_DIFFER, 1.0, note)


def _syllables(a: Aligned) -> None:
    verdict = syllable_verdict(a.q_tokens, a.c_tokens, a.pairs)
    if verdict is not None:
        a.score = verdict.apply(a.score)
        a.notes = (*a.notes, ("syllables", verdict.note))


def _lift_names(
    query: AnalyzedName, listed: Sequence[AnalyzedName], words: tuple[Token, ...], floor: float | None
) -> float | None:
    """Not bounded (1.0) when some reading of ``query`` agrees with some listed name by its syllables
    at ``floor`` or above (:func:`syllable_lift`), else None."""
    if not query.syllabic or not any(name.syllabic for name in listed):
        return None
    readers = distinct_readers(query.variants or (query.tokens,))
    listed_readers = [
        cv for name in listed if name.syllabic for cv in distinct_readers(name.variants or (name.tokens,))
    ]
    for cv in listed_readers:
        for qv in readers:
            lift = syllable_lift(qv, cv)
            if lift is not None and (floor is None or lift + BOUND_MARGIN >= floor):
                return 1.0
    return None


#: Chinese and Korean names read as syllables: set to what the syllables say, which may be above
#: what the letters align to (:func:`syllable_lift`).
SYLLABLES = Rule("syllables", frozenset({"person"}), _syllables, syllable_lift, _lift_names)
