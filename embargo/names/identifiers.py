"""Identifiers by kind: the canonical form of a listed one, how a query's meets it, and whether it identifies alone.

A list gives identifiers in properties that say their kind (``imoNumber``,
``swiftBic``, ``leiCode``, ``innCode``...) or in generic ones (``idNumber``,
``registrationNumber``) whose values may still show their kind by their
form: an IMO number written ``IMO 9187655``, an IBAN, an LEI, a digital
currency address. A query's id number comes without a kind, so it is read
as each listed identifier's kind reads it: ``9187655``, ``IMO 9187655`` and
``imo-9187655`` are one IMO number; a BIC with a branch code
(``BKMTIRTH123``) is its bank's (``BKMTIRTH``).

Check digits are verified with python-stdnum where the kind has them (IMO,
LEI by ISO 7064, IBAN, Russian INN and OGRN) and a BIC is checked for its
format. A failing check never stops a comparison, it is only said: lists
carry numbers with wrong check digits, and a query's number is looked up as
written.

An identifier *identifies* its holder alone (:func:`identifies`) when its
kind is assigned to one holder (not an MMSI or a call sign, which are
reassigned) and its value is distinctive: six significant characters or
more, and not a plain value (``000000``, ``123456``, ``UNKNOWN``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from itertools import pairwise

__all__ = [
    "KINDS",
    "MIN_SIGNIFICANT",
    "PROPERTY_KINDS",
    "IdKind",
    "agreement",
    "check",
    "distinctive",
    "has_form",
    "identifies",
    "index_key",
    "kind_of",
    "listed_identifiers",
    "normalize_identifier",
    "query_keys",
    "shown",
]

_ID = re.compile(r"[^0-9A-Z]")


def normalize_identifier(value: str) -> str:
    """Upper-case letters and digits only (``IMO 9354521`` -> ``IMO9354521``)."""
    return _ID.sub("", value.upper())


@dataclass(frozen=True, slots=True)
class IdKind:
    """One kind of identifier.

    Attributes:
        label: written before a value (``IMO 9187655``, ``passport number X``).
        title: the kind in words, in an explanation's parentheses.
        assigned: assigned to one holder for good (an MMSI or a call sign
            moves with a ship's flag, a generic id may be anything).
    """

    label: str
    title: str
    assigned: bool = True


KINDS: dict[str, IdKind] = {
    "imo": IdKind("IMO", "IMO number"),
    "bic": IdKind("BIC", "SWIFT/BIC code"),
    "lei": IdKind("LEI", "legal entity identifier"),
    "iban": IdKind("IBAN", "IBAN"),
    "crypto": IdKind("digital currency address", "digital currency address"),
    "inn": IdKind("INN", "Russian taxpayer number"),
    "ogrn": IdKind("OGRN", "Russian state registration number"),
    "okpo": IdKind("OKPO", "Russian statistical code"),
    "vat": IdKind("VAT number", "VAT number"),
    "tax": IdKind("tax number", "tax number"),
    "registration": IdKind("registration number", "registration number"),
    "passport": IdKind("passport number", "passport number"),
    "ssn": IdKind("social security number", "social security number"),
    "id": IdKind("id number", "id number"),
    "mmsi": IdKind("MMSI", "MMSI (reassigned with the flag)", assigned=False),
    "callsign": IdKind("call sign", "call sign (reassigned with the flag)", assigned=False),
}

#: The kind of each identifier property (``embargo.index.IDENTIFIER_PROPERTIES``), most specific first:
#: a value given under two properties keeps the first one's kind.
PROPERTY_KINDS: dict[str, str] = {
    "imoNumber": "imo",
    "swiftBic": "bic",
    "leiCode": "lei",
    "innCode": "inn",
    "ogrnCode": "ogrn",
    "okpoCode": "okpo",
    "vatCode": "vat",
    "passportNumber": "passport",
    "socialSecurityNumber": "ssn",
    "taxNumber": "tax",
    "registrationNumber": "registration",
    "idNumber": "id",
    "mmsi": "mmsi",
    "callSign": "callsign",
}
_RANK = {p: i for i, p in enumerate(PROPERTY_KINDS)}
#: Kinds whose values may be of a more specific kind, told by their form.
_GENERIC = frozenset({"id", "registration", "tax"})

_IMO = re.compile(r"^(?:IMO)?(\d{7})$")
_BIC = re.compile(r"^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
_LEI = re.compile(r"^[A-Z0-9]{18}\d{2}$")
#: Digital currency addresses as lists give them (OFAC's XBT, ETH, USDT, TRX, LTC, XMR...): the form
#: tells the kind; the value is compared in upper case like any identifier.
_CRYPTO = re.compile(
    r"^(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}"  # Bitcoin (base58)
    r"|(?:bc1|BC1|ltc1|LTC1)[0-9A-Za-z]{11,87}"  # Bitcoin, Litecoin (bech32)
    r"|0x[0-9A-Fa-f]{40}"  # Ethereum and its tokens
    r"|T[1-9A-HJ-NP-Za-km-z]{33}"  # Tron
    r"|[LM][1-9A-HJ-NP-Za-km-z]{26,33}"  # Litecoin
    r"|[48][1-9A-HJ-NP-Za-km-z]{94,105})$"  # Monero
)
_FORMS = {"imo": _IMO, "bic": _BIC, "lei": _LEI, "iban": _IBAN}
#: Fewer significant characters than this do not identify a holder alone.
MIN_SIGNIFICANT = 6


def kind_of(prop: str, raw: str, value: str) -> str:
    """The kind of a listed value: its property's, or, for a generic property, the one its form shows."""
    kind = PROPERTY_KINDS.get(prop, "id")
    if kind not in _GENERIC:
        return kind
    if _IMO.match(value) and value.startswith("IMO"):
        return "imo"
    if _CRYPTO.match(raw.strip()):
        return "crypto"
    if _IBAN.match(value) and _valid("iban", value):
        return "iban"
    if _LEI.match(value) and _valid("lei", value):
        return "lei"
    return kind


def _canonical(kind: str, value: str) -> str:
    """A listed value in its kind's form: an IMO number as ``IMO`` and its seven digits."""
    if kind == "imo":
        m = _IMO.match(value)
        if m:
            return "IMO" + m.group(1)
    return value


def listed_identifiers(props: Mapping[str, Sequence[str]], properties: Iterable[str]) -> list[tuple[str, str]]:
    """The (kind, canonical value) of every identifier of an entity, each value once, specific kinds first.

    Values of fewer than four letters and digits are left out (a ``No. 1``
    is no identifier).
    """
    order = sorted((p for p in properties if p in props), key=lambda p: _RANK.get(p, len(_RANK)))
    found: dict[str, str] = {}
    for prop in order:
        for raw in props[prop]:
            value = normalize_identifier(raw)
            if len(value) < 4:
                continue
            kind = kind_of(prop, raw, value)
            found.setdefault(_canonical(kind, value), kind)
    return [(kind, value) for value, kind in found.items()]


def index_key(kind: str, value: str) -> str:
    """The key a listed identifier is found under: its canonical value; a BIC's first eight characters (the bank)."""
    if kind == "bic" and _BIC.match(value):
        return value[:8]
    return value


def query_keys(qid: str) -> tuple[str, ...]:
    """Every key a query's id number (:func:`.normalize_identifier`'s form) may be listed under."""
    keys = [qid]
    m = _IMO.match(qid)
    if m:
        keys += ["IMO" + m.group(1), m.group(1)]
    if _BIC.match(qid):
        keys.append(qid[:8])
    return tuple(dict.fromkeys(keys))


def agreement(qid: str, kind: str, value: str) -> str | None:
    """How a query's id number agrees with a listed identifier: ``same``, ``same bank`` (a BIC's branch), or None."""
    if qid == value:
        return "same"
    if kind == "imo":
        q, v = _IMO.match(qid), _IMO.match(value)
        return "same" if q and v and q.group(1) == v.group(1) else None
    if kind == "bic" and _BIC.match(qid) and _BIC.match(value) and qid[:8] == value[:8]:
        # XXX is the head office's branch code: BKMTIRTHXXX is BKMTIRTH
        return "same" if qid[8:] in ("", "XXX") and value[8:] in ("", "XXX") else "same bank"
    return None


def identifies(kind: str, value: str) -> bool:
    """Whether a listed identifier, met exactly, tells its holder alone: an assigned kind and a distinctive value."""
    return KINDS.get(kind, KINDS["id"]).assigned and distinctive(kind, value)


def distinctive(kind: str, value: str) -> bool:
    """Six significant characters or more (leading zeros and an IMO prefix are not), and not a plain value.

    Plain: fewer than three different characters (``111111``, ``121212``),
    consecutive digits (``123456``), or no digit where a number is expected
    (``UNKNOWN``; a BIC or a digital currency address may have none).
    """
    significant = _IMO.sub(r"\1", value) if kind == "imo" else value.lstrip("0")
    if len(significant) < MIN_SIGNIFICANT or len(set(significant)) < 3:
        return False
    if kind not in ("bic", "crypto") and not any(c.isdigit() for c in significant):
        return False
    return not _digit_run(significant)


def _digit_run(value: str) -> bool:
    """``123456``, ``987654``: consecutive digits, a placeholder rather than a number."""
    if not value.isdigit():
        return False
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(value)}
    return steps in ({1}, {9})


@lru_cache(maxsize=8192)
def shown(kind: str, value: str) -> str:
    """A value as an explanation writes it, with its kind: ``IMO 9187655``, ``BIC BKMTIRTH``."""
    m = _IMO.match(value) if kind == "imo" else None
    return f"{KINDS.get(kind, KINDS['id']).label} {m.group(1) if m else value}"


def check(kind: str, value: str) -> tuple[bool, str] | None:
    """Whether ``value`` passes its kind's check (read as that kind), and the check in words; None without one."""
    if kind == "imo":
        if not _IMO.match(value):
            return False, "not seven digits"
        ok = _valid("imo", value)
        return ok, "check digit valid" if ok else "check digit fails"
    if kind == "bic":
        ok = _valid("bic", value)
        return ok, "valid format" if ok else "not a valid BIC format"
    if kind == "lei":
        ok = _valid("lei", value)
        return ok, "ISO 7064 check valid" if ok else "ISO 7064 check fails"
    if kind == "iban":
        ok = _valid("iban", value)
        return ok, "check digits valid" if ok else "check digits fail"
    if kind in ("inn", "ogrn"):
        ok = _valid(kind, value)
        return ok, "check digit valid" if ok else "check digit fails"
    return None


def has_form(kind: str, qid: str) -> bool:
    """Whether a query's id number is written as a value of ``kind`` is (so that its check means something)."""
    form = _FORMS.get(kind)
    if form is not None:
        return form.match(qid) is not None
    if kind == "inn":
        return qid.isdigit() and len(qid) in (10, 12)
    if kind == "ogrn":
        return qid.isdigit() and len(qid) in (13, 15)
    return False


#: python-stdnum's module for each kind it checks.
_CHECKERS = {
    "imo": "stdnum.imo",
    "bic": "stdnum.bic",
    "lei": "stdnum.lei",
    "iban": "stdnum.iban",
    "inn": "stdnum.ru.inn",
    "ogrn": "stdnum.ru.ogrn",
}


@lru_cache(maxsize=4096)
def _valid(kind: str, value: str) -> bool:
    """python-stdnum's verdict (imported on first use: screening without identifiers never loads it)."""
    return bool(import_module(_CHECKERS[kind]).is_valid(value))
