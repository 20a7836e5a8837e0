"""Each authority's test of when ownership or control makes an entity blocked, as named, versioned rules.

A rule is data, like a matching algorithm: the threshold, whether it must be
passed or only reached, whether the holdings of several blocked owners add up,
and whether control alone suffices. The computation (:mod:`embargo.ownership.compute`)
is one for all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from embargo.errors import QueryError
from embargo.model import Designation

__all__ = ["EU", "OFAC", "RULES", "UK", "Rule", "rule"]

#: The UN Security Council's designations, which the EU and the UK give effect to without listing them again.
_UN_LISTS = ("un_",)
_UN = r"united nations|\bun security council\b|^un\b"


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
        lists: prefixes of the embargo list names whose designations the rule starts from.
        authorities: a pattern (case-insensitive) of the authorities whose designations it starts from
            (lists read from another publisher's export, such as OpenSanctions' FtM, name the authority).
    """

    name: str
    version: str
    authority: str
    threshold: float
    strict: bool
    aggregate: bool
    control: bool
    title: str
    lists: tuple[str, ...] = ()
    authorities: str = r"(?!)"

    def starts_from(self, designation: Designation, on: str | None = None) -> bool:
        """Whether ``designation`` makes its party designated under this rule (on ``on``, an ISO date).

        A designation that ended before ``on`` (or before today, when it is None), or that was made
        after ``on``, does not.
        """
        if designation.end_date and designation.end_date <= (on or _today()):
            return False
        listed = designation.listing_date
        if on and listed and listed > on[: len(listed)]:  # not yet designated on that day
            return False
        if designation.list.startswith(self.lists):
            return True
        return re.search(self.authorities, designation.authority.strip(), re.IGNORECASE) is not None

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
    lists=("us_ofac",),
    authorities=r"\bofac\b|office of foreign assets control",
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
    lists=("eu_", *_UN_LISTS),
    authorities=rf"^eu\b|european union|council of the eu|directorate.general for financial stability|{_UN}",
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
    lists=("uk_", "gb_", *_UN_LISTS),
    authorities=rf"^uk\b|\bofsi\b|hm treasury|foreign,? commonwealth|united kingdom|{_UN}",
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


def _today() -> str:
    return datetime.now(UTC).date().isoformat()
