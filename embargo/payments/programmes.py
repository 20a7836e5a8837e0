"""Countries and places of a message against the policy's country-wide programmes.

A party's country comes from its address (``Ctry``), its residence, its
birth country, its BIC (the fifth and sixth letters) and its IBAN (the first
two); the countries an address or a free text names in words (Iran,
IRANIAN, Tehran, Корея) are read with the text screener's country words
(rigour's territory names). A programme's regions are found by their
ISO 3166-2 code in an address's subdivision, and by their places named in
words in an address or a text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from embargo.names.identifiers import normalize_identifier
from embargo.payments.message import Party, Remark
from embargo.payments.policy import Policy
from embargo.payments.verdict import PaymentHit
from embargo.text._keys import split_text
from embargo.text.countries import text_countries
from embargo.text.mentions import text_language

__all__ = ["party_programmes", "text_programmes", "word_countries"]

_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def word_countries(text: str) -> list[str]:
    """The countries ``text`` names in words (Iran, IRANIAN, Tehran, Корея...), by rigour's territory names."""
    return sorted(text_countries(split_text(text), text_language(text)))


def party_programmes(policy: Policy, party: Party, named: Callable[[str], list[str]]) -> list[PaymentHit]:
    """Hits of a party's countries and places on the policy's programmes.

    Args:
        named: :func:`word_countries`, or a cache of it.
    """
    found: list[tuple[str, str, str]] = []  # (code, what it is, the value)
    address = party.address
    if address is not None:
        if address.country:
            found.append((address.country, "address country", address.country))
        words = [w for w in (*address.lines, address.town, address.region) if w]
        if words:
            text = ", ".join(words)
            found += [(code, "country named in the address", text) for code in named(text)]
    if party.residence:
        found.append((party.residence, "country of residence", party.residence))
    if party.birth_country:
        found.append((party.birth_country, "country of birth", party.birth_country))
    if party.bic and _BIC.match(party.bic):
        found.append((party.bic[4:6], "BIC country", party.bic))
    account = normalize_identifier(party.account)
    if _IBAN.match(account):
        found.append((account[:2], "IBAN country", party.account))
    hits = _country_hits(policy, party.path, party.role, found)
    if address is not None:
        region = address.region.upper()
        if _SUBDIVISION.match(region):
            for programme in policy.subdivision_programmes(region):
                hits.append(
                    PaymentHit(
                        path=party.path,
                        role=party.role,
                        kind="place",
                        value=address.region,
                        score=1.0,
                        detail=f"address subdivision {region}: {programme.title}",
                        programme=programme.name,
                    )
                )
        hits.extend(_place_hits(policy, party.path, party.role, address.text(), "address"))
    return hits


def text_programmes(policy: Policy, remark: Remark, countries: list[str]) -> list[PaymentHit]:
    """Hits of the countries (``countries``: those it names) and places a free text names."""
    found = [(code, "country named in the text", remark.text) for code in countries]
    return [
        *_country_hits(policy, remark.path, remark.role, found),
        *_place_hits(policy, remark.path, remark.role, remark.text, "the text"),
    ]


def _country_hits(policy: Policy, path: str, role: str, found: list[tuple[str, str, str]]) -> list[PaymentHit]:
    out: list[PaymentHit] = []
    for code, what, value in found:
        for programme in policy.country_programmes(code.upper()):
            shown = "" if value == code else f" ({short(value)})"
            out.append(
                PaymentHit(
                    path=path,
                    role=role,
                    kind="country",
                    value=value,
                    score=1.0,
                    detail=f"{what} {code.upper()}{shown}: {programme.title}",
                    programme=programme.name,
                )
            )
    return out


def _place_hits(policy: Policy, path: str, role: str, text: str, where: str) -> list[PaymentHit]:
    out: list[PaymentHit] = []
    for programme in policy.programmes:
        place = programme.find_place(text)
        if place is not None:
            out.append(
                PaymentHit(
                    path=path,
                    role=role,
                    kind="place",
                    value=short(text),
                    score=1.0,
                    detail=f"{where} names {place}: {programme.title}",
                    programme=programme.name,
                )
            )
    return out


def short(text: str, size: int = 80) -> str:
    """``text`` cut to ``size`` characters (an ellipsis says so)."""
    return text if len(text) <= size else text[: size - 1] + "…"
