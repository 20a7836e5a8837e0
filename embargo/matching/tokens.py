"""How alike two name tokens are, in [0, 1], and why.

A token pair is compared on what lists actually get wrong or write
differently: the same letters (1.0); a shared equivalence class such as the
given-name group of Aliaksandr / Alexander / Aleksandr or the legal form of
OOO / LLC (0.92); the same phonetic key, i.e. the same name in another
romanization (0.88 and up); a typo within the edit budget for the token's
length; an initial against a name with that first letter; in an organisation's
name, an adjective of place against its place (0.85: ``Syzranskiy`` / ``Syzran``). Anything further
apart falls off steeply, so Lukashevich is not Lukashenko.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import icu
from rapidfuzz.distance import DamerauLevenshtein

from embargo.matching._abjad import skeletons_differ
from embargo.matching._lookalikes import different_names, east_slavic_key, east_slavic_text, feminine_pair, from_abugida
from embargo.matching.pairing import Reason
from embargo.names import Token, detect_script, phonetic_key, token_bridge_keys
from embargo.names.places import PLACE_PREFIX, PLACE_SIMILARITY, same_place
from embargo.names.spelling import phonetic_letters, typo_budget

__all__ = ["SYMBOL_SIMILARITY", "token_similarity", "written_in_syllables"]

#: Similarity of two different spellings that share an equivalence class.
SYMBOL_SIMILARITY = 0.92
#: Similarity of two spellings with the same phonetic key, before the
#: letter-level similarity is added.
PHONETIC_BASE = 0.85
#: Letters two words must share at their end to be compared by their stems (:func:`_different_stems`).
SHARED_ENDING = 5
#: Most an abjad word and a Latin word that do not spell the same letters keep (below alignment's MIN_PAIR).
UNLIKE_SKELETONS = 0.3
#: An initial against a full name starting with the same letter.
INITIAL_SIMILARITY = 0.6


def token_similarity(q: Token, c: Token) -> tuple[float, Reason]:
    """Similarity of a query token and a listed token, with the reason in words.

    Returns:
        ``(similarity, reason)``; reason is one of ``same``, ``equivalent``,
        ``phonetic``, ``typo``, ``initial``, ``different``.
    """
    # Called for every pair of words of every aligned name: fields are read once into locals.
    qt, ct, qo, co = q.text, c.text, q.original, c.original
    if qt == ct:
        if qo != co and other_characters(qo, co):
            # Two Han words read alike but written with other characters: homophones, another name.
            return 0.0, "different"
        return 1.0, "same"
    qtag, ctag = q.tag, c.tag
    if qtag != ctag and "patronymic" in (qtag, ctag) and _patronymic_against_surname(q, c):
        return 0.0, "different"
    if qtag == "number" or ctag == "number":
        # "III" and "3" are one number; any other pair of numbers is two ("Bank 1", "Bank 2").
        if _number(q) is not None and _number(q) == _number(c):
            return SYMBOL_SIMILARITY, "equivalent"
        return 0.0, "different"
    if qtag == "initial" or ctag == "initial":
        if qt[:1] == ct[:1]:
            return INITIAL_SIMILARITY, "initial"
        return 0.0, "different"
    qs, cs = q.symbols, c.symbols
    shared = bool(qs) and bool(cs) and not qs.isdisjoint(cs)
    q_ascii, c_ascii = qo.isascii(), co.isascii()
    if not q_ascii and not c_ascii and written_in_syllables(qo) and written_in_syllables(co):
        # Both written in Chinese or Korean script: their romanizations come from the same
        # table, so differing letters are a different syllable (김정은 / 김정일), not a typo.
        # A shared symbol links a Hangul reading to its Chinese character (김 / 金); two
        # different syllables of one script share one only through rigour's long lists of
        # names a syllable may belong to (유 / 영 both in 杨), which says nothing.
        if shared and detect_script(qo) != detect_script(co):
            return SYMBOL_SIMILARITY, "equivalent"
        return 0.0, "different"
    cp = c.phonetic
    same_phonetic = q.phonetic == cp and bool(cp)
    if not same_phonetic and "patronymic" in (qtag, ctag):
        same_phonetic = _slavic_key(qt) == _slavic_key(ct)
    if not same_phonetic and cp and ("j" in qt or "c" in qt):
        same_phonetic = _bridged(q, c)
    # an ASCII word is not written in an abugida: most pairs need no script lookup
    vowels_written = (q_ascii or not from_abugida(qo)) and (c_ascii or not from_abugida(co))
    two_names = not shared and qtag == "given" and ctag == "given" and different_names(q, c)
    best, reason = _letters(qt, ct, same_phonetic, shared, two_names, vowels_written)
    if best < PLACE_SIMILARITY and ((qs and _has_place(qs)) or (cs and _has_place(cs))) and same_place(qt, qs, ct, cs):
        # two organisation words that name one place (:mod:`embargo.names.places`); only organisation
        # words carry ``place:`` symbols, so a surname in ``-sky`` is never read so
        return PLACE_SIMILARITY, "equivalent"
    if reason in ("phonetic", "typo") and not (q_ascii and c_ascii) and skeletons_differ(qo, qt, co, ct):
        # An abjad word against a Latin one: the Latin word does not spell the letters the abjad writes
        # (هلیا / Khalil), whatever the phonetic key says (:mod:`._abjad`).
        return (SYMBOL_SIMILARITY, "equivalent") if shared else (min(best**3, UNLIKE_SKELETONS), "different")
    return best, reason


#: Endings of East Slavic family names made from a name (Aleksandrov, Aleksandrova, Ivanou, Ilyin).
_SURNAME_FORM = re.compile(r"(?:[oe]v|[oe]va|[oae]u|in|ina)$")
#: Endings of East Slavic patronymics (Aleksandrovich, Aleksandrovna, Aliaksandravich, Oleksandrivna).
_SLAVIC_PATRONYMIC = re.compile(r"(?:vich|vych|vna|wna|una|ichna|ivna)$")


def _patronymic_against_surname(q: Token, c: Token) -> bool:
    """A patronymic against a word with a family name's ending: one father's name made into two parts.

    ``Aleksandrovna`` (daughter of Aleksandr) and ``Aleksandrova`` (of the Aleksandrov family) are
    one letter apart and say nothing of each other: a woman listed as Oksana Aleksandrovna
    Chigrina is not every Oksana Aleksandrova.
    """
    patronymic, other = (q, c) if q.tag == "patronymic" else (c, q)
    return bool(_SLAVIC_PATRONYMIC.search(patronymic.text) and _SURNAME_FORM.search(other.text))


@lru_cache(maxsize=65536)
def _has_place(symbols: frozenset[str]) -> bool:
    return any(s.startswith(PLACE_PREFIX) for s in symbols)


def _bridged(q: Token, c: Token) -> bool:
    """The listed word's phonetic key once the query's ``j``, ``ch`` or ``c`` is read as in Spanish, German,
    French or Polish.

    Only the query is read so (:mod:`embargo.names.bridges`): lists romanize for
    English readers. Words read from Han or Hangul are left out: their ``j`` and
    ``ch`` are Pinyin or Korean letters (家豪 -> ``jiahao`` is not ``Jiachao``).
    """
    return c.phonetic in token_bridge_keys(q)


def _different_stems(qt: str, ct: str) -> bool:
    """Two compound names with one ending and different first elements (Jónsdóttir / Tómasdóttir).

    Patronymic and compound names share long endings (-dóttir, -uddin,
    -ullah, -shvili, -opoulos) with thousands of unrelated names; their
    identity is the first element, so its differences are measured against
    its own length, not the whole word's. Only typos are judged so: another
    romanization of the whole word (Aleksandr / Alyaksandr) is not a typo.
    """
    shared = 0
    for a, b in zip(reversed(qt), reversed(ct), strict=False):
        if a != b:
            break
        shared += 1
    if shared < SHARED_ENDING:
        return False
    q_stem, c_stem = qt[:-shared], ct[:-shared]
    longest = max(len(q_stem), len(c_stem))
    # One edit stays a typo however short the stem (Sencora / Cencora).
    return DamerauLevenshtein.distance(q_stem, c_stem) > max(1, typo_budget(longest))


def _other_ending(qt: str, ct: str) -> bool:
    """Two words of one length that differ in both of their last two letters and nowhere else.

    That is another ending, not two slips: a family name's suffix (Andreyko / Andreyev) or another
    name (Khaled / Khalil). Called only when the words' phonetic keys differ, so another spelling of
    one ending (``-ovich`` / ``-ovitj``) is not one.
    """
    return len(qt) == len(ct) and qt[:-2] == ct[:-2] and qt[-1] != ct[-1] and qt[-2] != ct[-2]


def _typo_budget_of(lq: int, lc: int) -> int:
    """Edits tolerated between two words of ``lq`` and ``lc`` letters: the longer word's budget, and no
    more than a word one letter longer than the shorter would get.

    A typo drops a letter or two of a long word, not most of a short one: ``Lilla`` is not
    ``Lavilla`` less two letters, while ``Jon`` / ``John`` and ``Muhamad`` / ``Mohammad`` stay typos.
    Both budgets grow with length, so this is the budget of the shorter word plus one, capped by the longer's.
    """
    return typo_budget(lq + 1 if lq < lc else lc + 1 if lc < lq else lq)


def _doubled_letter(qt: str, ct: str) -> bool:
    """One word is the other with one letter written twice ("Uun" / "Un", "Lii" / "Li").

    A key held down is the commonest slip of all, and words of up to three letters, which
    have no typo budget, are where it cannot otherwise be forgiven.
    """
    short, long_ = (qt, ct) if len(qt) < len(ct) else (ct, qt)
    if len(long_) != len(short) + 1:
        return False
    return any(long_[i] == long_[i - 1] and long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_)))


def _number(token: Token) -> str | None:
    return next((s for s in token.symbols if s.startswith("num:")), None)


@lru_cache(maxsize=50_000)
def other_characters(a: str, b: str) -> bool:
    """Two words in Chinese characters that are other characters, not one name in two scripts.

    A Chinese character is read with one of about 400 syllables, so many
    characters share a reading (石 and 市 are both ``shi``, 张 and 章 both
    ``zhang``): equal romanizations of two different characters are two
    names. Traditional and Simplified forms of one character (習 / 习) are
    one character (ICU's Traditional-Simplified transform).
    """
    if not (written_in_syllables(a) and written_in_syllables(b)):
        return False
    if detect_script(a) != "Han" or detect_script(b) != "Han":
        return False
    return _simplified(a) != _simplified(b)


@lru_cache(maxsize=50_000)
def _simplified(word: str) -> str:
    return str(_to_simplified().transliterate(word))


@cache
def _to_simplified() -> icu.Transliterator:
    # Built on first use: most processes never compare two Chinese-character words.
    return icu.Transliterator.createInstance("Traditional-Simplified")


@lru_cache(maxsize=50_000)
def written_in_syllables(original: str) -> bool:
    """A word written in Han or Hangul (each character one syllable of a fixed reading).

    Args:
        original: a token's word as written.
    """
    return not original.isascii() and detect_script(original) in ("Han", "Hangul")


@lru_cache(maxsize=50_000)
def _slavic_key(text: str) -> str:
    """Phonetic key with Cyrillic г read one way: Russian romanization writes it
    g, Belarusian and Ukrainian h (Grigoryevich, Hryhoryavich, Hryhorovych).
    Used for patronymics, which are East Slavic by construction."""
    return phonetic_key(text.replace("kh", "x").replace("h", "g"))


@lru_cache(maxsize=200_000)
def _letters(
    qt: str, ct: str, same_phonetic: bool, shared: bool, two_names: bool, vowels_written: bool = True
) -> tuple[float, Reason]:
    """The letter-level part of :func:`token_similarity`, cached: batches meet the same pairs again and again.

    ``two_names``: both words are given names rigour knows apart (:mod:`._lookalikes`).
    ``vowels_written``: neither word is romanized from an abugida, whose romanizations add or drop
    vowels freely; the typo budget then also holds for the shorter word (:func:`_typo_budget_of`).
    """
    best: float = 0.0
    reason: Reason = "different"
    if shared:
        best, reason = SYMBOL_SIMILARITY, "equivalent"
    lq, lc = len(qt), len(ct)
    longest = lq if lq > lc else lc
    distance = DamerauLevenshtein.distance(qt, ct)
    letters = 1.0 - distance / longest
    budget = _typo_budget_of(lq, lc) if vowels_written else typo_budget(longest)
    within = distance <= budget or (distance == 1 and _doubled_letter(qt, ct))
    typo = (
        within and not _different_stems(qt, ct) and not (distance == 2 and not same_phonetic and _other_ending(qt, ct))
    )
    if two_names:
        if feminine_pair(qt, ct):
            return 0.0, "different"
        # A known name is no typo of another (Maria / Marina); a Belarusian / Russian scheme difference is
        # none, and reads as the same name by sound too (Siarhei / Sergei, Volha / Olga).
        typo = typo and east_slavic_key(qt) == east_slavic_key(ct)
        # the two spellings differ in the schemes' letters alone
        same_phonetic = same_phonetic or east_slavic_text(qt) == east_slavic_text(ct)
    # Short words keep one or two consonants in their key: demand more of their letters.
    if same_phonetic and letters >= phonetic_letters(longest):
        value = PHONETIC_BASE + (1.0 - PHONETIC_BASE) * letters
        if value > best:
            best, reason = value, "phonetic"
    if typo:
        # One typo in a ten-letter name costs little; the same in a four-letter name costs more.
        value = 1.0 - 0.6 * distance / longest
        if value > best:
            best, reason = value, "typo"
    elif best == 0.0 and not two_names:
        # Far apart: keep a small, steeply falling value so that a near miss ranks above a stranger.
        value = max(0.0, letters) ** 3
        if value > best:
            best = value
    return best, reason
