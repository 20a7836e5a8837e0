"""A payment message as screening reads it: its parties, its banks and its free texts, each with its place.

The readers (:mod:`.iso20022`, :mod:`.mt`) turn a message of any supported
type into one :class:`Message`. Every party, bank and text keeps the path of
the element (``CdtTrfTxInf[1]/Cdtr``) or the field (``59``, ``B/50K`` in an
MT202 COV's sequence B) it was read from, and a *role*: the name of the ISO
20022 element it is (``Dbtr``, ``CdtrAgt``, ``RmtInf/Ustrd``). The screening
policy (:mod:`.policy`) is written by role, so an MT103's field 59 and a
pacs.008's ``Cdtr`` are screened by the same rule; the MT fields take the
roles SWIFT's MT to ISO 20022 translation rules give them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Address", "Message", "Party", "Remark"]


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address as written: structured parts, free lines, or both (a hybrid address).

    Attributes:
        lines: ``AdrLine`` values, or an MT field's address lines, as written.
        street: street name and building number.
        town: town name.
        region: country subdivision or district (``CtrySubDvsn``, ``DstrctNm``).
        post_code: post code.
        country: the ``Ctry`` code, upper case, as written (a reader does not check it).
    """

    lines: tuple[str, ...] = ()
    street: str = ""
    town: str = ""
    region: str = ""
    post_code: str = ""
    country: str = ""

    def text(self) -> str:
        """Every part on one line, for places named in words (a town, a region)."""
        parts = [*self.lines, self.street, self.post_code, self.town, self.region, self.country]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Party:
    """A party or a bank of a message (``Dbtr``, ``CdtrAgt``, an MT field 50K...), as the message names it.

    Attributes:
        path: where in the message: the element path (``CdtTrfTxInf[2]/UltmtCdtr``,
            1-based indexes on repeated elements) or the MT field (``50K``, ``B/59``).
        role: the ISO 20022 element name the screening policy knows it by (``Dbtr``,
            ``IntrmyAgt1``, ``InstgAgt``; the business application header's ``Fr`` and ``To``).
        name: the name as written ("" if the message gives none).
        address: the postal address, if any.
        kind: ``Person`` or ``Organization`` when the message says (a private or an organisation
            identification, a financial institution); None when it does not.
        bic: the BIC (BICFI, AnyBIC, MT option A), upper case.
        lei: the LEI.
        identifiers: other identifiers as written (``Othr/Id``, clearing member ids, tax ids).
        account: the party's account (IBAN or other id), if the message gives it.
        birth_date: date of birth (``DtAndPlcOfBirth/BirthDt``).
        birth_place: city of birth.
        birth_country: country of birth code.
        residence: country of residence code (``CtryOfRes``).
    """

    path: str
    role: str
    name: str = ""
    address: Address | None = None
    kind: str | None = None
    bic: str = ""
    lei: str = ""
    identifiers: tuple[str, ...] = ()
    account: str = ""
    birth_date: str = ""
    birth_place: str = ""
    birth_country: str = ""
    residence: str = ""

    def is_empty(self) -> bool:
        """Whether it names nothing that can be screened (an empty ``<FinInstnId/>``)."""
        return not (self.name or self.bic or self.lei or self.identifiers or self.account or self.address)


@dataclass(frozen=True, slots=True)
class Remark:
    """A free text of a message: remittance information, a purpose, an instruction to a bank.

    Attributes:
        path: the element path or MT field (``CdtTrfTxInf[1]/RmtInf/Ustrd[2]``, ``70``).
        role: its policy name (``RmtInf/Ustrd``, ``RmtInf/Strd``, ``Purp``, ``InstrForNxtAgt``, ``RgltryRptg``).
        text: the text as written (an MT field's lines joined by a space).
    """

    path: str
    role: str
    text: str


@dataclass(frozen=True, slots=True)
class Message:
    """One payment message, read.

    Attributes:
        type: the message definition (``pacs.008.001.08``, ``pain.001.001.03``, ``MT103``, ``MT202COV``).
        family: what is screened alike: ``pacs.008``, ``pacs.009``, ``pacs.004``, ``pain.001``, ``MT103``,
            ``MT202``, ``MT202COV``.
        id: the message's own reference: the header's ``BizMsgIdr``, else ``GrpHdr/MsgId`` (ISO 20022);
            field 20 (MT).
        source: where it was read (a file, ``file, message 3``, ``request body``), for errors and reports.
        sender: the sending bank's BIC (header ``Fr``, MT block 1 or 2), "" if not given.
        receiver: the receiving bank's BIC (header ``To``, MT block 2), "" if not given.
        parties: every party and bank, in message order.
        remarks: every free text screened, in message order.
        transactions: how many transactions it carries (``CdtTrfTxInf``, ``TxInf``; 1 for an MT).
        amounts: each transaction's settlement or instructed amount, ``EUR 1000.00``.
        service: the header's business service (``swift.cbprplus.03``), MT block 3 field 119 (``STP``,
            ``COV``), "" if none.
        raw: the message as received (an MT file's own message, not the whole file), kept with a held
            message's alert; empty when a reader was given none.
    """

    type: str
    family: str
    id: str
    source: str
    sender: str = ""
    receiver: str = ""
    parties: tuple[Party, ...] = ()
    remarks: tuple[Remark, ...] = ()
    transactions: int = 1
    amounts: tuple[str, ...] = ()
    service: str = ""
    raw: bytes = field(default=b"", repr=False, compare=False)
