"""Tokens left over after pairing that meet several tokens of the other name.

Lists and customers split and join name parts freely: "RamiMakhlouf" is
"Rami Makhlouf", "Abdulrahman" is "Abdul Rahman". An organization is also
known by its initials: "PLA" is the People's Liberation Army, "U.S." the
United States.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from embargo.matching.pairing import Used
from embargo.matching.tokens import other_characters, written_in_syllables
from embargo.names import WEAK_TAGS, Token, detect_script
from embargo.names.org_structure import ABBREVIATIONS
from embargo.names.orgs import ACRONYM_LONGEST, ACRONYM_SCRIPTS, compound_initials, initial_letters, trade_initials
from embargo.names.spelling import typo_budget

__all__ = ["ACRONYM_SIMILARITY", "SHORT_ACRONYM_SIMILARITY", "Joined", "join_pass", "join_reach"]

#: Similarity of an acronym and the words it abbreviates: initials drop
#: information (PLA may stand for other words), so below a spelling variant.
ACRONYM_SIMILARITY = 0.85
#: Similarity of an acronym of two or three letters and the words it abbreviates, on either side:
#: thousands of names spell such initials ("SDS": "Sensoy Demir Sanayi"; "AST": "Asia Sun Trading",
#: "Atlantic Shipping & Trans"), so a name agreeing only through one stays below the threshold,
#: where other evidence must agree ("PLA" alone is not "People's Liberation Army").
SHORT_ACRONYM_SIMILARITY = 0.7
#: Letters up to which an acronym is short.
SHORT_ACRONYM = 3


@dataclass(slots=True)
class Joined:
    """Similarity of each query and listed token that found partners by joining."""

    query: dict[int, float]
    listed: dict[int, float]


def join_pass(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    used_q: Used,
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
    for spans in (_spans, _acronym_spans) if org else (_spans,):
        _claim(q_tokens, free_q, c_tokens, free_c, joined.query, joined.listed, spans)
        free_q = [i for i in free_q if i not in joined.query]
        free_c = [j for j in free_c if j not in joined.listed]
        _claim(c_tokens, free_c, q_tokens, free_q, joined.listed, joined.query, spans)
        free_q = [i for i in free_q if i not in joined.query]
        free_c = [j for j in free_c if j not in joined.listed]
    return joined


#: The runs of ``free`` tokens of the other name (starting at the given starts, in order) that one
#: token stands for, each with the similarity of the pair.
Spans = Callable[[Token, tuple[Token, ...], Iterable[int], Container[int]], Iterator[tuple[Sequence[int], float]]]


def _claim(
    singles: tuple[Token, ...],
    single_free: list[int],
    others: tuple[Token, ...],
    other_free: list[int],
    single_out: dict[int, float],
    other_out: dict[int, float],
    spans: Spans,
) -> None:
    """Give each free single token the first free run it stands for; the run's tokens are taken."""
    free = set(other_free)
    for i in single_free:
        for span, sim in spans(singles[i], others, other_free, free):
            single_out[i] = sim
            for k in span:
                other_out[k] = sim
                free.discard(k)
            break


def _spans(
    single: Token, others: tuple[Token, ...], starts: Iterable[int], free: Container[int]
) -> Iterator[tuple[range, float]]:
    """The runs of adjacent ``free`` tokens of ``others`` that ``single`` spells written together, with the similarity.

    Runs start at ``starts``, in that order, the shorter first at each start.
    """
    word = single.text
    if len(word) < 4 or single.tag in WEAK_TAGS:
        return
    syllabic = written_in_syllables(single.original)
    for start in starts:
        if not word.startswith(others[start].text[:2]):
            continue
        for size in (2, 3):
            span = range(start, start + size)
            if not all(k in free for k in span):
                break
            combined = "".join(others[k].text for k in span)
            if abs(len(combined) - len(word)) > 3:
                continue
            dist = DamerauLevenshtein.distance(word, combined)
            longest = max(len(word), len(combined))
            # Syllables read from Han or Hangul have no typos: a different letter is another syllable.
            exact = syllabic and all(written_in_syllables(others[k].original) for k in span)
            if exact and other_characters(single.original, "".join(others[k].original for k in span)):
                continue  # homophones written with other characters (石 / 市)
            if dist <= (0 if exact else typo_budget(longest)):
                yield span, 1.0 - 0.6 * dist / longest


def join_reach(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], org: bool = False) -> Joined:
    """Every token that some join could give a partner, with the best similarity a join could give it.

    What :func:`join_pass` could find whichever tokens pairing leaves over: an
    upper bound on its result, for a caller that bounds an alignment's score
    before making it (an acronym counts at :data:`ACRONYM_SIMILARITY`).
    """
    reach = Joined({}, {})
    for spans in (_spans, _acronym_spans) if org else (_spans,):
        _reach(q_tokens, c_tokens, reach.query, reach.listed, spans)
        _reach(c_tokens, q_tokens, reach.listed, reach.query, spans)
    return reach


def _reach(
    singles: tuple[Token, ...],
    others: tuple[Token, ...],
    single_out: dict[int, float],
    other_out: dict[int, float],
    spans: Spans,
) -> None:
    """Every run each single token could stand for, whatever is free: the best similarity each token could get."""
    everywhere = range(len(others))
    for i, single in enumerate(singles):
        for span, sim in spans(single, others, everywhere, everywhere):
            _raise(single_out, i, sim)
            for k in span:
                _raise(other_out, k, sim)


def _raise(out: dict[int, float], at: int, value: float) -> None:
    if value > out.get(at, 0.0):
        out[at] = value


def _acronym_spans(
    single: Token, others: tuple[Token, ...], starts: Iterable[int], free: Container[int]
) -> Iterator[tuple[list[int], float]]:
    """The runs of consecutive ``free`` tokens of ``others`` whose initials spell ``single``
    (:func:`embargo.names.orgs.spelled_initials`, with or without standard abbreviations kept whole:
    "pla": People's Liberation Army, "dnpp": Dolgoprudnenskoye NPP), at :data:`ACRONYM_SIMILARITY`
    (:data:`SHORT_ACRONYM_SIMILARITY` for an acronym of up to :data:`SHORT_ACRONYM` letters)."""
    word = single.text
    if not 2 <= len(word) <= ACRONYM_LONGEST or not word.isalpha() or single.tag == "legal_form":
        return
    if detect_script(single.original) not in ACRONYM_SCRIPTS:
        return  # a word in Hangul, Chinese characters or an abjad spells no Latin initials (네오 / New Eastern Outlook)
    for start in starts:
        if others[start].text[:1] != word[0]:
            continue
        span: list[int] = []
        texts: list[str] = []
        # the run's spelled_initials (embargo.names.orgs) without and with the standard abbreviations kept
        # whole, a word at a time
        first = whole = compound = ""
        k = start
        # only words of an alphabet have initials: an abjad's or a syllabary's romanized words do not
        # spell the letters their writers would abbreviate them by
        # and an initial is a letter already, not a word an acronym abbreviates ("S.Coop.")
        while k in free and others[k].tag != "initial" and detect_script(others[k].original) in ACRONYM_SCRIPTS:
            text = others[k].text
            first += initial_letters(text, not span)
            whole += initial_letters(text, not span, ABBREVIATIONS)
            # a Russian compound name spells the initials of its parts (Stroygazmontazh: SGM)
            compound += compound_initials(text) or initial_letters(text, not span)
            span.append(k)
            texts.append(text)
            k += 1
            if (len(span) >= 2 and word in (first, whole, trade_initials(texts, ABBREVIATIONS))) or (
                word == compound and compound != first
            ):
                yield span, SHORT_ACRONYM_SIMILARITY if len(word) <= SHORT_ACRONYM else ACRONYM_SIMILARITY
                break
            if min(len(first), len(whole), len(compound)) >= len(word):
                break
