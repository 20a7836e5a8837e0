"""The party fields of a SWIFT MT payment (50a, 59a, 52a-58a), read into :class:`Party`.

A party field's *option letter* says how its lines are laid out:

- ``A``: an optional party identifier line (``/account``, ``/C/account``, ``//clearing code``), then a BIC.
- ``B``: an optional party identifier line, then a location (a branch or a town).
- ``C``: a party identifier only.
- ``D``, ``K`` and no letter (``59``): an optional ``/account`` line, then free name and address lines.
- ``F``: structured: a party identifier line, then numbered lines ``1/`` name, ``2/`` address,
  ``3/`` country and town, ``4/`` birth date, ``5/`` birth place, ``6/`` and ``7/`` identity numbers,
  ``8/`` a continuation of the identifier before it.

Free lines are kept as written: a reader cannot tell a street from a town in ``50K``, and a country
is only taken where the message writes it as a code (a line that is ``US``, or ``IR/TEHRAN``), never
guessed from a word such as ``NIGERIA``; the screening layer reads names of places on its own.
"""

from __future__ import annotations

import re

from embargo.payments.message import Address, Party

__all__ = ["BANK_FIELDS", "FieldError", "read_party"]

# Fields whose party is a financial institution whatever the option (ordering, sender's and receiver's
# correspondents, third reimbursement, intermediary, account with, beneficiary institution).
BANK_FIELDS = frozenset({"51", "52", "53", "54", "55", "56", "57", "58"})

# 50F party identifier codes that identify a natural person (passport, driving licence, national id,
# social security, alien registration); CUST, EMPL, TXID and IBEI are used for organisations too.
_PERSON_CODES = frozenset({"ARNU", "CCPT", "DRLC", "NIDN", "SOSE"})

_BIC = re.compile(r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")
_NUMBERED = re.compile(r"([1-8])/(.*)")
# A free address line that is a country code, alone or before a town (``US``, ``IR/TEHRAN``).
_COUNTRY_LINE = re.compile(r"([A-Z]{2})(?:/.*)?")
_BIRTH_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


class FieldError(ValueError):
    """A party field that cannot be read; the message reader adds the message and the field to it."""


def read_party(tag: str, path: str, role: str, lines: list[str]) -> Party:
    """One party field, read by its option letter.

    Args:
        tag: the field tag with its option (``50K``, ``59``, ``52A``).
        path: where it is in the message (``50K``, ``B/50K`` in an MT202 COV's sequence B).
        role: its ISO 20022 role (``Dbtr``, ``CdtrAgt``).
        lines: the field's lines as written (each reader strips what it uses).

    Returns:
        The party as the field names it.

    Raises:
        FieldError: an option A field does not hold a BIC.
    """
    option = tag[2:]
    kind = "Organization" if tag[:2] in BANK_FIELDS else None
    if option == "A":
        # A BIC, even a customer's (50A, 59A), identifies an institution: ISO 20022 puts it in OrgId/AnyBIC.
        return _option_a(path, role, lines)
    if option == "F":
        return _option_f(path, role, lines, kind)
    if option in ("B", "C"):
        return _option_bc(path, role, lines, kind)
    # D, K, no letter, and any letter this reader does not know: lines of free text, screened as written
    # rather than dropped.
    return _free(path, role, lines, kind)


def _identifier(line: str) -> tuple[str, str]:
    """A party identifier line as (account, other identifier)."""
    line = line.strip()
    if line.startswith("//"):
        # A clearing system code (//FW021000018, //RT): it names a bank's member id, not an account.
        return "", line
    body = line[1:]
    if body[:2] in ("C/", "D/"):
        # The debit/credit mark of ``[/1!a][/34x]``.
        body = body[2:]
    return body, ""


def _option_a(path: str, role: str, lines: list[str]) -> Party:
    account, ident = "", ""
    rest = lines
    if rest and rest[0].startswith("/"):
        account, ident = _identifier(rest[0])
        rest = rest[1:]
    bic = rest[0].strip().upper() if rest else ""
    if len(rest) != 1 or _BIC.fullmatch(bic) is None:
        shown = " / ".join(line.strip() for line in rest) or "nothing"
        raise FieldError(f"option A needs a BIC (8 or 11 letters and digits, e.g. DEUTDEFF), found {shown!r}")
    return Party(
        path=path,
        role=role,
        kind="Organization",
        bic=bic,
        account=account,
        identifiers=(ident,) if ident else (),
    )


def _option_bc(path: str, role: str, lines: list[str], kind: str | None) -> Party:
    account, ident = "", ""
    rest = lines
    if rest and rest[0].startswith("/"):
        account, ident = _identifier(rest[0])
        rest = rest[1:]
    location = tuple(line.strip() for line in rest if line.strip())
    return Party(
        path=path,
        role=role,
        kind=kind,
        account=account,
        identifiers=(ident,) if ident else (),
        address=Address(lines=location) if location else None,
    )


def _free(path: str, role: str, lines: list[str], kind: str | None) -> Party:
    account, ident = "", ""
    rest = [line.strip() for line in lines]
    if rest and rest[0].startswith("/"):
        account, ident = _identifier(rest[0])
        rest = rest[1:]
    rest = [line for line in rest if line]
    name = rest[0] if rest else ""
    address = None
    if len(rest) > 1:
        country = ""
        for line in rest[1:]:
            found = _COUNTRY_LINE.fullmatch(line)
            if found is not None:
                country = found.group(1)
                break
        address = Address(lines=tuple(rest[1:]), country=country)
    return Party(
        path=path,
        role=role,
        name=name,
        address=address,
        kind=kind,
        account=account,
        identifiers=(ident,) if ident else (),
    )


def _option_f(path: str, role: str, lines: list[str], kind: str | None) -> Party:
    account = ""
    identifiers: list[str] = []
    names: list[str] = []
    street: list[str] = []
    country = town = birth_date = birth_place = birth_country = ""
    person = False
    # Where an unnumbered line goes: the sender broke the format, but its text must still be screened.
    last: list[str] = names
    rows = [line.strip() for line in lines if line.strip()]
    if rows and _NUMBERED.fullmatch(rows[0]) is None:
        first = rows.pop(0)
        if first.startswith("/"):
            account, ident = _identifier(first)
            if ident:
                identifiers.append(ident)
        else:
            # CODE/CC/ID: a passport, a national id, a customer number... kept whole, code and country with it.
            identifiers.append(first)
            person = first[:4] in _PERSON_CODES
        last = identifiers
    for row in rows:
        numbered = _NUMBERED.fullmatch(row)
        if numbered is None:
            last.append(row)
            continue
        number, text = numbered.groups()
        if number == "1":
            names.append(text)
            last = names
        elif number == "2":
            street.append(text)
            last = street
        elif number == "3":
            if country:
                # A second 3/ line continues the town.
                town = f"{town} {text}".strip()
            else:
                code, _, town = text.partition("/")
                country = code.upper()
        elif number == "4":
            found = _BIRTH_DATE.fullmatch(text)
            birth_date = "-".join(found.groups()) if found else text
            person = True
        elif number == "5":
            code, _, birth_place = text.partition("/")
            birth_country = code.upper()
            person = True
        elif number == "8" and identifiers:
            # 8/ continues the identifier on the line before (a 6/, a 7/ or the party identifier).
            identifiers[-1] += text
        else:
            # 6/ CC/ISSUER/NUMBER, 7/ CC/NUMBER (a national identity number: a person's).
            identifiers.append(text)
            last = identifiers
            person = person or number == "7"
    address = None
    if street or town or country:
        address = Address(lines=tuple(street), town=town, country=country)
    return Party(
        path=path,
        role=role,
        name=" ".join(names),
        address=address,
        kind="Person" if person else kind,
        account=account,
        identifiers=tuple(identifiers),
        birth_date=birth_date,
        birth_place=birth_place,
        birth_country=birth_country,
    )
