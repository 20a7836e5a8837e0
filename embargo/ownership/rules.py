"""Each authority's test of when ownership or control makes an entity blocked, as named, versioned rules.

A rule is data, like a matching algorithm: the threshold, whether it must be
passed or only reached, whether the holdings of several blocked owners add up,
and whether control alone suffices. The computation (:mod:`embargo.ownership.compute`)
is one for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from embargo.errors import QueryError

__all__ = ["EU", "OFAC", "RULES", "UK", "Rule", "rule"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One authority's ownership-and-control test.

    Attributes:
        name: ``ofac``, ``eu`` or ``uk``.
        version: the rule's version (the date of the guidance it follows).
        authority: who applies it.
        threshold: the share, in percent, that blocks.
        strict: the share must pass the threshold (more than 50%), not only reach it (50% or more).
        aggregate: the holdings of several blocked owners add up.
        control: control alone (a director, "controlled by", a parent) blocks.
        title: the rule in words.
    """

    name: str
    version: str
    authority: str
    threshold: float
    strict: bool
    aggregate: bool
    control: bool
    title: str

    def reaches(self, percent: float) -> bool:
        """Whether a share of ``percent`` blocks under this rule."""
        return percent > self.threshold if self.strict else percent >= self.threshold


#: OFAC's 50 Percent Rule (guidance of 13 August 2014; FAQs 398 to 402): entities owned 50 percent or more,
#: directly or indirectly, individually or in the aggregate, by blocked persons are blocked. "Indirectly"
#: means through entities themselves 50 percent or more owned by blocked persons (FAQ 401); the holdings
#: of persons blocked under different programmes add up (FAQ 399); control without such ownership does not
#: block (FAQ 398).
OFAC = Rule(
    name="ofac",
    version="2014-08-13",
    authority="US OFAC",
    threshold=50.0,
    strict=False,
    aggregate=True,
    control=False,
    title="OFAC's 50 Percent Rule: owned 50% or more, in the aggregate, by blocked persons",
)

#: The EU: the Council's best practices for the effective implementation of restrictive measures (as
#: updated in July 2024): an entity owned 50% or more by designated persons, whose holdings are added
#: up, or controlled by them, has its funds frozen with theirs.
EU = Rule(
    name="eu",
    version="2024-07",
    authority="EU",
    threshold=50.0,
    strict=False,
    aggregate=True,
    control=True,
    title="EU best practices: owned 50% or more, in the aggregate, or controlled by designated persons",
)

#: The UK: the sanctions regulations' "owned or controlled directly or indirectly" test, as OFSI's general
#: guidance on financial sanctions explains it: a designated person holding more than 50% of the shares or
#: voting rights, or controlling the entity; the holdings of different designated persons are not added
#: up unless they hold them jointly (a joint holding is one link here).
UK = Rule(
    name="uk",
    version="2017-regulations",
    authority="UK OFSI",
    threshold=50.0,
    strict=True,
    aggregate=False,
    control=True,
    title="UK: more than 50% held, or control, by a designated person",
)

RULES: dict[str, Rule] = {r.name: r for r in (OFAC, EU, UK)}


def rule(name: str) -> Rule:
    """The rule called ``name`` (``ofac``, ``eu``, ``uk``).

    Raises:
        QueryError: no such rule.
    """
    found = RULES.get(name.strip().lower())
    if found is None:
        raise QueryError(f"unknown ownership rule {name!r} (use one of: {', '.join(RULES)})")
    return found
