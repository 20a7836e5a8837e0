"""The pieces of an ISO 20022 message that screening reads: parties, banks, addresses and free texts.

:mod:`.iso20022` finds the message and walks its transactions; the elements it
meets on the way are read here into :class:`~.message.Party` and
:class:`~.message.Remark` values. Everything is matched by local name, so the
same code reads every version (001.03 to 001.12) and every namespace or prefix
a wrapper puts on the elements.

The ISO 20022 components read here:

* a party (``PartyIdentification``): ``Nm``, ``PstlAdr``, ``Id/OrgId`` or
  ``Id/PrvtId``, ``CtryOfRes``;
* a bank (``BranchAndFinancialInstitutionIdentification``): ``FinInstnId`` with
  ``BICFI`` (``BIC`` before version 04), ``ClrSysMmbId``, ``LEI``, ``Nm``,
  ``PstlAdr``, ``Othr``;
* a party that may be either (pacs.004's ``RtrChain`` and ``OrgnlTxRef``
  parties, ``Party40Choice``): ``Pty`` or ``Agt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from embargo.errors import MessageError
from embargo.payments.message import Address, Party, Remark

__all__ = [
    "REPEATED",
    "Collector",
    "child_path",
    "local",
    "read_bank",
    "read_instruction",
    "read_leaves",
    "read_party",
    "read_purpose",
    "read_regulatory",
    "read_related",
    "read_remittance",
    "read_return_reason",
    "read_role",
    "text",
]

Element = etree._Element

# The published pattern (BICFIDec2014Identifier) allows digits in the bank code, but no BIC is issued
# with one; the stricter form catches a field that holds an account or a name instead of a BIC.
_BIC = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")
_COUNTRY = re.compile(r"[A-Za-z]{2}")

#: Elements the message definitions let repeat: their paths carry a 1-based index (``Ustrd[2]``).
REPEATED = frozenset(
    {
        "PmtInf",
        "CdtTrfTxInf",
        "TxInf",
        "Ustrd",
        "Strd",
        "RfrdDocInf",
        "AddtlRmtInf",
        "LineDtls",
        "Desc",
        "InstrForCdtrAgt",
        "InstrForNxtAgt",
        "RgltryRptg",
        "Dtls",
        "Inf",
        "ChrgsInf",
        "RtrRsnInf",
        "AddtlInf",
        "RltdRmtInf",
        "RmtLctnDtls",
    }
)

# Free texts of structured remittance information worth screening; codes, dates and amounts are not.
_STRD_TEXTS = frozenset({"Nb", "Ref", "AddtlRmtInf", "Desc", "RefNb", "AddtlInf"})
# Parties named inside structured remittance information (invoicer, invoicee, garnishment parties).
_STRD_PARTIES = frozenset({"Invcr", "Invcee", "Grnshee", "GrnshmtAdmstr"})
_RLTD_TEXTS = frozenset({"RmtId", "ElctrncAdr", "RmtLctnElctrncAdr", "Nm"})


@dataclass(slots=True)
class Collector:
    """What a read has found so far, in message order, and where errors are reported."""

    source: str
    parties: list[Party] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)

    def error(self, message: str, location: str | None) -> MessageError:
        """A :class:`MessageError` for this message (to raise)."""
        return MessageError(message, self.source, location)


_LOCAL_NAMES: dict[object, str] = {}
_LOCAL_NAMES_MAX = 4096


def local(el: Element) -> str:
    """Local name of an element ("" for anything but an element)."""
    tag = el.tag
    try:
        # Messages use a few hundred distinct tags: a lookup halves the cost of the slicing below,
        # which itself is several times faster than etree.QName(el).localname.
        return _LOCAL_NAMES[tag]
    except KeyError:
        name = tag[tag.rfind("}") + 1 :] if isinstance(tag, str) else ""
        # Bounded, so that a hostile stream of made-up tags cannot grow it without end.
        if len(_LOCAL_NAMES) < _LOCAL_NAMES_MAX:
            _LOCAL_NAMES[tag] = name
        return name


def text(el: Element) -> str:
    """An element's text, whitespace runs (line breaks of a wrapped name) folded to one space."""
    value = el.text
    if not value:
        return ""
    return " ".join(value.split())


def child_path(path: str, name: str, counts: dict[str, int]) -> str:
    """Path of a child ``name`` below ``path``, indexed when the element may repeat."""
    if name in REPEATED:
        index = counts[name] = counts.get(name, 0) + 1
        name = f"{name}[{index}]"
    return f"{path}/{name}" if path else name


def _country(value: str, where: str, out: Collector) -> str:
    if not _COUNTRY.fullmatch(value):
        raise out.error(f"{where.rsplit('/', 1)[-1]} {value!r} is not a two-letter country code", where)
    return value.upper()


def _bic(value: str, where: str, out: Collector) -> str:
    bic = value.upper()
    if not _BIC.fullmatch(bic):
        raise out.error(
            f"{where.rsplit('/', 1)[-1]} {value!r} is not a BIC (8 or 11 characters: bank code, country, "
            "location, optional branch)",
            where,
        )
    return bic


def read_address(el: Element, path: str, out: Collector) -> Address | None:
    """A ``PstlAdr``: structured parts, ``AdrLine`` lines, or both; None when it holds nothing."""
    lines: list[str] = []
    street = number = building = town = subdivision = district = post_code = country = ""
    for child in el:
        name = local(child)
        value = text(child)
        if not value:
            continue
        if name == "AdrLine":
            lines.append(value)
        elif name == "StrtNm":
            street = value
        elif name == "BldgNb":
            number = value
        elif name == "BldgNm":
            building = value
        elif name == "TwnNm":
            town = value
        elif name == "CtrySubDvsn":
            subdivision = value
        elif name == "DstrctNm":
            district = value
        elif name == "PstCd":
            post_code = value
        elif name == "Ctry":
            country = _country(value, f"{path}/Ctry", out)
    line = " ".join(p for p in (street, number) if p)
    line = ", ".join(p for p in (line, building) if p)
    address = Address(tuple(lines), line, town, subdivision or district, post_code, country)
    if not (lines or line or town or address.region or post_code or country):
        return None
    return address


def _account(el: Element | None) -> str:
    """The ``Id/IBAN`` or ``Id/Othr/Id`` of a ``DbtrAcct``-like element."""
    if el is None:
        return ""
    for ident in el:
        if local(ident) != "Id":
            continue
        for choice in ident:
            name = local(choice)
            if name == "IBAN":
                return text(choice)
            if name == "Othr":
                for other in choice:
                    if local(other) == "Id":
                        return text(other)
    return ""


def _others(el: Element, identifiers: list[str]) -> None:
    """Append the ``Id`` of an ``Othr`` element."""
    for child in el:
        if local(child) == "Id":
            value = text(child)
            if value:
                identifiers.append(value)


def read_party(el: Element, path: str, where: str, role: str, account: str, out: Collector) -> Party:
    """A ``PartyIdentification`` (``Dbtr``, ``UltmtCdtr``, a header's ``OrgId``).

    Args:
        el: the element holding ``Nm``, ``PstlAdr``, ``Id``...
        path: the party's path as reported (``TxInf[1]/RtrChain/Dbtr``).
        where: the path of ``el`` itself, for errors (``TxInf[1]/RtrChain/Dbtr/Pty``).
        role: the policy role.
        account: the account read from the sibling ``...Acct`` element.
        out: the read in progress.
    """
    name = residence = bic = lei = birth_date = birth_place = birth_country = ""
    address: Address | None = None
    kind: str | None = None
    identifiers: list[str] = []
    for child in el:
        tag = local(child)
        if tag == "Nm":
            name = text(child)
        elif tag == "PstlAdr":
            address = read_address(child, f"{where}/PstlAdr", out)
        elif tag == "CtryOfRes":
            value = text(child)
            if value:
                residence = _country(value, f"{where}/CtryOfRes", out)
        elif tag == "Id":
            for ident in child:
                choice = local(ident)
                base = f"{where}/Id/{choice}"
                if choice == "OrgId":
                    kind = "Organization"
                    for part in ident:
                        item = local(part)
                        value = text(part)
                        if item in ("AnyBIC", "BICOrBEI", "BIC") and value:
                            bic = _bic(value, f"{base}/{item}", out)
                        elif item == "LEI":
                            lei = value
                        elif item == "Othr":
                            _others(part, identifiers)
                elif choice == "PrvtId":
                    kind = "Person"
                    for part in ident:
                        item = local(part)
                        if item == "Othr":
                            _others(part, identifiers)
                        elif item == "DtAndPlcOfBirth":
                            for birth in part:
                                fact = local(birth)
                                value = text(birth)
                                if fact == "BirthDt":
                                    birth_date = value
                                elif fact == "CityOfBirth":
                                    birth_place = value
                                elif fact == "CtryOfBirth" and value:
                                    birth_country = _country(value, f"{base}/DtAndPlcOfBirth/CtryOfBirth", out)
    return Party(
        path,
        role,
        name,
        address,
        kind,
        bic,
        lei,
        tuple(identifiers),
        account,
        birth_date,
        birth_place,
        birth_country,
        residence,
    )


def read_bank(el: Element, path: str, where: str, role: str, out: Collector) -> Party:
    """A ``BranchAndFinancialInstitutionIdentification`` (``CdtrAgt``, pacs.009's ``Dbtr``, a header's ``FIId``).

    The branch (``BrnchId``) and the bank's own account are not read: the bank is screened by its
    identification, which a branch shares.
    """
    name = bic = lei = ""
    address: Address | None = None
    identifiers: list[str] = []
    for fin in el:
        if local(fin) != "FinInstnId":
            continue
        base = f"{where}/FinInstnId"
        for child in fin:
            tag = local(child)
            if tag in ("BICFI", "BIC"):
                value = text(child)
                if value:
                    bic = _bic(value, f"{base}/{tag}", out)
            elif tag == "Nm":
                name = text(child)
            elif tag == "LEI":
                lei = text(child)
            elif tag == "PstlAdr":
                address = read_address(child, f"{base}/PstlAdr", out)
            elif tag == "ClrSysMmbId":
                for member in child:
                    if local(member) == "MmbId":
                        value = text(member)
                        if value:
                            identifiers.append(value)
            elif tag == "Othr":
                _others(child, identifiers)
    return Party(path, role, name, address, "Organization", bic, lei, tuple(identifiers))


def read_role(el: Element, path: str, role: str, account: Element | None, out: Collector) -> Party:
    """Whatever a party element holds: a party, a bank (``FinInstnId``), or pacs.004's ``Pty``/``Agt`` choice."""
    # The first child tells: a bank starts with FinInstnId, the choice holds Pty or Agt alone.
    first = next(iter(el), None)
    tag = local(first) if first is not None else ""
    if tag == "FinInstnId":
        return read_bank(el, path, path, role, out)
    if tag == "Pty" and first is not None:
        return read_party(first, path, f"{path}/Pty", role, _account(account), out)
    if tag == "Agt" and first is not None:
        return read_bank(first, path, f"{path}/Agt", role, out)
    return read_party(el, path, path, role, _account(account), out)


def read_leaves(
    el: Element,
    path: str,
    role: str,
    wanted: frozenset[str],
    out: Collector,
    parties: frozenset[str] = frozenset(),
) -> None:
    """Every non-empty leaf named in ``wanted`` below ``el`` as a remark; ``parties`` read as parties."""
    counts: dict[str, int] = {}
    for child in el:
        name = local(child)
        if not name:
            continue
        where = child_path(path, name, counts)
        if name in parties:
            out.parties.append(read_role(child, where, name, None, out))
        elif len(child):
            read_leaves(child, where, role, wanted, out, parties)
        elif name in wanted:
            value = text(child)
            if value:
                out.remarks.append(Remark(where, role, value))


def read_remittance(el: Element, path: str, out: Collector) -> None:
    """``RmtInf``: each ``Ustrd`` line, and the free texts and parties of each ``Strd``."""
    counts: dict[str, int] = {}
    for child in el:
        name = local(child)
        if name == "Ustrd":
            where = child_path(path, name, counts)
            value = text(child)
            if value:
                out.remarks.append(Remark(where, "RmtInf/Ustrd", value))
        elif name == "Strd":
            where = child_path(path, name, counts)
            read_leaves(child, where, "RmtInf/Strd", _STRD_TEXTS, out, _STRD_PARTIES)


def read_purpose(el: Element, path: str, out: Collector) -> None:
    """``Purp``: its ISO code (``Cd``) or proprietary text (``Prtry``), either screened as text."""
    for child in el:
        name = local(child)
        value = text(child)
        if value and name in ("Cd", "Prtry"):
            out.remarks.append(Remark(f"{path}/{name}", "Purp", value))


def read_instruction(el: Element, path: str, out: Collector) -> None:
    """``InstrForCdtrAgt``, ``InstrForNxtAgt``, ``InstrForDbtrAgt``: the free ``InstrInf`` (not the code)."""
    role = local(el)
    if not len(el):
        # pain.001 before version 10 gives InstrForDbtrAgt as text itself.
        value = text(el)
        if value:
            out.remarks.append(Remark(path, role, value))
        return
    for child in el:
        if local(child) == "InstrInf":
            value = text(child)
            if value:
                out.remarks.append(Remark(f"{path}/InstrInf", role, value))


def read_regulatory(el: Element, path: str, out: Collector) -> None:
    """``RgltryRptg``: the free texts of its details (``Dtls/Inf``)."""
    read_leaves(el, path, "RgltryRptg", frozenset({"Inf"}), out)


def read_related(el: Element, path: str, out: Collector) -> None:
    """``RltdRmtInf``: the remittance id, and where the remittance advice is sent (address, name)."""
    read_leaves(el, path, "RltdRmtInf", _RLTD_TEXTS, out)


def read_return_reason(el: Element, path: str, out: Collector) -> None:
    """pacs.004 ``RtrRsnInf``: its originator (a party) and its free texts (``AddtlInf``)."""
    counts: dict[str, int] = {}
    for child in el:
        name = local(child)
        if name == "Orgtr":
            out.parties.append(read_role(child, f"{path}/Orgtr", "Orgtr", None, out))
        elif name == "AddtlInf":
            where = child_path(path, name, counts)
            value = text(child)
            if value:
                out.remarks.append(Remark(where, "RtrRsnInf", value))
