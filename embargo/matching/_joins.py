"""Tokens left over after pairing that meet several tokens of the other name.

Lists and customers split and join name parts freely: "RamiMakhlouf" is
"Rami Makhlouf", "Abdulrahman" is "Abdul Rahman". An organization is also
known by its initials: "PLA" is the People's Liberation Army, "U.S." the
United States.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from embargo.matching.tokens import other_characters, typo_budget, written_in_syllables
from embargo.names import Token

__all__ = ["ACRONYM_SIMILARITY", "Joined", "join_pass"]

#: Similarity of an acronym and the words it abbreviates: initials drop
#: information (PLA may stand for other words), so below a spelling variant.
ACRONYM_SIMILARITY = 0.85
_WEAK = frozenset({"particle", "legal_form", "generic"})
#: Words an acronym usually skips ("Department of State" -> DoS, DS).
_SKIPPED = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "y", "et", "und"})


@dataclass(slots=True)
class Joined:
    """Similarity of each query and listed token that found partners by joining."""

    query: dict[int, float]
    listed: dict[int, float]


def join_pass(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    used_q: dict[int, tuple[int, float, str]],
    used_c: set[int],
    org: bool = False,
) -> Joined:
    """Match a left-over token against adjacent left-over tokens of the other name written together.

    Args:
        org: the names are organization names, whose acronyms are tried too.
    """
    joined = Joined({}, {})
    free_q = [i for i in range(len(q_tokens)) if i not in used_q]
    free_c = [j for j in range(len(c_tokens)) if j not in used_c]
    if not free_q or not free_c:
        return joined
    _join_side(q_tokens, free_q, c_tokens, free_c, joined.query, joined.listed)
    free_q = [i for i in free_q if i not in joined.query]
    free_c = [j for j in free_c if j not in joined.listed]
    _join_side(c_tokens, free_c, q_tokens, free_q, joined.listed, joined.query)
    if org:
        free_q = [i for i in free_q if i not in joined.query]
        free_c = [j for j in free_c if j not in joined.listed]
        _acronyms(q_tokens, free_q, c_tokens, free_c, joined.query, joined.listed)
        free_q = [i for i in free_q if i not in joined.query]
        free_c = [j for j in free_c if j not in joined.listed]
        _acronyms(c_tokens, free_c, q_tokens, free_q, joined.listed, joined.query)
    return joined


def _join_side(
    singles: tuple[Token, ...],
    single_free: list[int],
    others: tuple[Token, ...],
    other_free: list[int],
    single_out: dict[int, float],
    other_out: dict[int, float],
) -> None:
    free = set(other_free)
    for i in single_free:
        word = singles[i].text
        if len(word) < 4 or singles[i].tag in _WEAK:
            continue
        syllabic = written_in_syllables(singles[i].original)
        for start in other_free:
            if not word.startswith(others[start].text[:2]):
                continue
            for size in (2, 3):
                span = list(range(start, start + size))
                if not all(k in free for k in span):
                    break
                combined = "".join(others[k].text for k in span)
                if abs(len(combined) - len(word)) > 3:
                    continue
                dist = DamerauLevenshtein.distance(word, combined)
                longest = max(len(word), len(combined))
                # Syllables read from Han or Hangul have no typos: a different letter is another syllable.
                exact = syllabic and all(written_in_syllables(others[k].original) for k in span)
                if exact and other_characters(singles[i].original, "".join(others[k].original for k in span)):
                    continue  # homophones written with other characters (石 / 市)
                if dist <= (0 if exact else typo_budget(longest)):
                    sim = 1.0 - 0.6 * dist / longest
                    single_out[i] = sim
                    for k in span:
                        other_out[k] = sim
                        free.discard(k)
                    break
            if i in single_out:
                break


def _acronyms(
    singles: tuple[Token, ...],
    single_free: list[int],
    others: tuple[Token, ...],
    other_free: list[int],
    single_out: dict[int, float],
    other_out: dict[int, float],
) -> None:
    """A short token spelled by the first letters of consecutive left-over words ("pla": People's Liberation Army)."""
    free = set(other_free)
    for i in single_free:
        word = singles[i].text
        if not 2 <= len(word) <= 6 or not word.isalpha() or singles[i].tag == "legal_form":
            continue
        for start in other_free:
            if others[start].text[:1] != word[0]:
                continue
            span: list[int] = []
            letters = ""
            k = start
            while k in free and len(letters) < len(word):
                text = others[k].text
                if text not in _SKIPPED or not span:
                    letters += text[:1]  # a token can be empty (a lone mark): no letter
                span.append(k)
                k += 1
            if letters == word and len(span) >= 2:
                single_out[i] = ACRONYM_SIMILARITY
                for k in span:
                    other_out[k] = ACRONYM_SIMILARITY
                    free.discard(k)
                break
