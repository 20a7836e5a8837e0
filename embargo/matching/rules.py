"""The rules of the matching algorithm, in the order they apply to an aligned pair of names.

Part of the versioned algorithm (:data:`.algorithm.ALGORITHM`, which re-exports
:data:`RULES`): adding, removing or reordering a rule changes scores, and so the version.
Each rule is a :class:`.rule.Rule`: the alignment (:mod:`.alignment`) applies those of the
query's kind one after the other, and its pruning bounds loop over the same rules' bounds.
The order matters where rules cap and set scores: the syllables of a Chinese or Korean
name set a score that the caps after them (common names, abjads) may still lower, and a
series sibling is raised last.
"""

from __future__ import annotations

from embargo.matching._cjk_rules import SYLLABLES
from embargo.matching._org_rules import LEGAL_FORMS, ONE_WORD, PLACES, QUALIFIERS
from embargo.matching._person_rules import (
    ACROSS_ABJAD,
    COMMON_NAMES_ONLY,
    FATHERS_SWAPPED,
    SINGLE_WORD,
    SURNAME_LOOKALIKE,
)
from embargo.matching._series import SERIES
from embargo.matching.rule import Rule

__all__ = ["ORG_RULES", "PERSON_RULES", "RULES", "rules_for"]

#: Every rule, in the order it applies.
RULES: tuple[Rule, ...] = (
    # people
    FATHERS_SWAPPED,
    SINGLE_WORD,
    SURNAME_LOOKALIKE,
    SYLLABLES,
    COMMON_NAMES_ONLY,
    ACROSS_ABJAD,
    # organisations and objects (vessels, aircraft)
    LEGAL_FORMS,
    QUALIFIERS,
    PLACES,
    ONE_WORD,
    SERIES,
)
#: The rules of a person's name, in order.
PERSON_RULES = tuple(r for r in RULES if "person" in r.kinds)
#: The rules of an organisation's (or an object's) name, in order.
ORG_RULES = tuple(r for r in RULES if "org" in r.kinds)


def rules_for(person: bool) -> tuple[Rule, ...]:
    """The rules of a person's name, or of an organisation's or object's (which share theirs)."""
    return PERSON_RULES if person else ORG_RULES
