"""What a rule of the matching algorithm is: a named effect on an aligned pair of names, and its bound.

Pairing tokens gives a score from coverage alone (:mod:`.alignment`); the rules then say
what the words mean. Each :class:`Rule` applies to some kinds of party (people, or
organisations and objects), reads the alignment (:class:`Aligned`) and lowers its score,
caps it, or sets one of its own, noting why when the explanation should say so.

Most rules only lower a score. A rule that can raise one (a series sibling, two Chinese
or Korean names agreeing syllable by syllable) says by how much at most: ``lift`` for one
pair of token readings, ``lift_names`` for a query name against all the names of an
entity. The pruning bounds (:func:`.alignment.score_bound`, :func:`.alignment.names_bound`)
take the coverage bound and loop over these, so a new rule that raises a score is bounded
where it is written, not in a copy in the bounds. The algorithm's rules, in the order they
apply, are :data:`.rules.RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from embargo.matching.pairing import TokenPair, Used
from embargo.names import AnalyzedName, Token

__all__ = ["BOUND_MARGIN", "Aligned", "Kind", "LiftNames", "LiftPair", "Rule"]

#: How far below a floor a bound must fall before what it bounds is skipped (room for rounding:
#: a skipped alignment must score below the floor for certain).
BOUND_MARGIN = 1e-9
#: The kind of party a name is of (:attr:`embargo.names.AnalyzedName.kind`).
Kind = Literal["person", "org", "object"]
#: The highest score a rule can give a pair of token readings, or None when it never raises one.
LiftPair = Callable[[tuple[Token, ...], tuple[Token, ...]], float | None]
#: The same for a query name against every name of an entity (every word of them given too),
#: at the floor the caller needs (None: any); None when no pair can be raised.
LiftNames = Callable[[AnalyzedName, Sequence[AnalyzedName], tuple[Token, ...], float | None], float | None]


@dataclass(slots=True)
class Aligned:
    """An alignment as the rules see it: the tokens, their pairing, and the score so far.

    Attributes:
        q_tokens: the query's reading (initials written together already split).
        c_tokens: the listed name's reading.
        used: the pairing: listed position, similarity and reason of each paired query position.
        pairs: every pair and unmatched token, as the explanation shows them (a rule may re-pair).
        substitutions: parts on each side that found no partner, paired off.
        score: the score so far; a rule changes it.
        notes: (feature, detail in words) of the rules that weighed, for the explanation.
    """

    q_tokens: tuple[Token, ...]
    c_tokens: tuple[Token, ...]
    used: Used
    pairs: list[TokenPair]
    substitutions: int
    score: float
    notes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the algorithm.

    Attributes:
        name: what it is called in docs and tests.
        kinds: the kinds of party whose names it applies to.
        apply: its effect: changes the :class:`Aligned`'s score (and notes, pairs).
        lift: its bound for one pair of readings: the highest score it can set, whatever
            the letters align to; None for a rule that never raises a score.
        lift_names: the same for a query name against every name of an entity.
    """

    name: str
    kinds: frozenset[Kind]
    apply: Callable[[Aligned], None]
    lift: LiftPair | None = None
    lift_names: LiftNames | None = None
