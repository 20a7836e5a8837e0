"""Reading an ISO 20022 payment message (pacs.008, pacs.009, pacs.004, pain.001) for screening.

An ISO 20022 message is a ``Document`` whose one child names the message
(``FIToFICstmrCdtTrf`` for a pacs.008), often preceded by a business
application header (``AppHdr``, head.001) naming the sending and receiving
banks. Networks and products wrap the two differently (SWIFT's ``Envelope``,
FedNow's ``FedNowIncoming``, TCH RTP's ``Message``, a ``RequestPayload``...)
and put them in namespaces of their own, so :func:`read_iso20022` finds them
by local name wherever they sit, and reads every element by local name.

What is read is what screening needs, from every transaction, in document
order: each party and bank (:class:`~.message.Party`, with the element path it
came from and its role, the element name), each free text
(:class:`~.message.Remark`: remittance information, purposes, instructions to
banks, regulatory details), the message's identity, the amounts. Anything else
(dates, codes, charges amounts) is left alone.

The input is untrusted (it may come from an API request), so it is refused
before parsing when it is too large or declares a DTD or entities (entity
expansion attacks), and parsed with no DTD, no entity resolution and no
network. Every failure is one :class:`~embargo.errors.MessageError` naming
the element.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from lxml import etree

from embargo.errors import MessageError
from embargo.payments._iso_parts import (
    Collector,
    Element,
    child_path,
    local,
    read_bank,
    read_instruction,
    read_party,
    read_purpose,
    read_regulatory,
    read_related,
    read_remittance,
    read_return_reason,
    read_role,
    text,
)
from embargo.payments.message import Message
from embargo.sources.xml import DTD, READ_ERRORS, SAFE_XML

__all__ = ["MAX_MESSAGE_BYTES", "read_iso20022"]

#: The largest message read, in bytes: a bulk pain.001 of a few thousand transactions fits; more is refused.
MAX_MESSAGE_BYTES = 10_000_000

#: The message roots read, by the family they belong to.
ROOTS = {
    "FIToFICstmrCdtTrf": "pacs.008",
    "FICdtTrf": "pacs.009",
    "PmtRtr": "pacs.004",
    "CstmrCdtTrfInitn": "pain.001",
}
_READ = ", ".join(f"{root} ({family})" for root, family in ROOTS.items())

_BOM = b"\xef\xbb\xbf"
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
# A message definition identifier (pacs.008.001.08), with a national variant's suffix (.ch.02).
_DEFINITION = re.compile(r"[a-z]{4}\.\d{3}\.\d{3}\.\d{2}(?:\.[A-Za-z0-9]+)*")
_LOCATION = re.compile(r",? line \d+, column \d+$")

# Elements naming a party or a bank, read wherever the walk meets them; pacs.009's Dbtr and Cdtr are
# banks, told apart by their FinInstnId.
_PARTIES = frozenset({"Dbtr", "Cdtr", "UltmtDbtr", "UltmtCdtr", "InitgPty"})
_BANKS = frozenset(
    {
        "DbtrAgt",
        "CdtrAgt",
        "IntrmyAgt1",
        "IntrmyAgt2",
        "IntrmyAgt3",
        "InstgAgt",
        "InstdAgt",
        "PrvsInstgAgt1",
        "PrvsInstgAgt2",
        "PrvsInstgAgt3",
        "InstgRmbrsmntAgt",
        "InstdRmbrsmntAgt",
        "ThrdRmbrsmntAgt",
        "FwdgAgt",
        "ChrgsAcctAgt",
    }
)
# Containers walked into for the parties and texts they hold.
_CONTAINERS = frozenset({"GrpHdr", "SttlmInf", "RtrChain", "OrgnlTxRef"})
_TEXTS: dict[str, Callable[[Element, str, Collector], None]] = {
    "RmtInf": read_remittance,
    "Purp": read_purpose,
    "InstrForCdtrAgt": read_instruction,
    "InstrForNxtAgt": read_instruction,
    "InstrForDbtrAgt": read_instruction,
    "RgltryRptg": read_regulatory,
    "RltdRmtInf": read_related,
    "RtrRsnInf": read_return_reason,
}
# Parties each transaction must name (the message definitions make them mandatory); a message
# without them cannot be screened whole.
_REQUIRED = {"pacs.008": ("Dbtr", "Cdtr"), "pacs.009": ("Dbtr", "Cdtr"), "pacs.004": (), "pain.001": ()}
_NAMES = {"Dbtr": "debtor", "Cdtr": "creditor"}

_local_parser = threading.local()


def _parser() -> etree.XMLParser:
    # One parser per thread: an lxml parser object must not be used by two threads at once.
    parser: etree.XMLParser | None = getattr(_local_parser, "parser", None)
    if parser is None:
        # Indentation between elements is not kept: a third less to build, and nothing read is lost.
        parser = etree.XMLParser(**SAFE_XML, remove_blank_text=True)
        _local_parser.parser = parser
    return parser


class _Read(Collector):
    """A read in progress: a :class:`Collector` that also counts transactions and their amounts."""

    __slots__ = ("amounts", "family", "transactions")

    def __init__(self, source: str, family: str) -> None:
        super().__init__(source)
        self.family = family
        self.transactions = 0
        self.amounts: list[str] = []


def read_iso20022(data: bytes, source: str = "<message>") -> Message:
    """Read one ISO 20022 payment message: its parties, banks, free texts and amounts.

    Args:
        data: the XML, as received: a ``Document`` (any namespace), with or without an ``AppHdr``,
            either possibly inside any wrapper element.
        source: where it comes from (a file name, ``request body``), for errors and reports.

    Returns:
        The message, every party and remark with the path of the element it was read from.

    Raises:
        MessageError: empty, too large, not well-formed XML, a DTD or entity declaration, an HTML
            page, no ``Document``, a message type not read, no transaction, a transaction without a
            mandatory party, a country code or BIC not of its form.
    """
    root = _parse(data, source)
    header, message = _locate(root, source)
    family = ROOTS[local(message)]
    out = _Read(source, family)
    identifier = service = definition = sender = receiver = ""
    if header is not None:
        identifier, service, definition, sender, receiver = _read_header(header, out)
    kind = _definition(message, family, definition, source)
    _read_message(message, out)
    if not identifier:
        identifier = _group_id(message)
    return Message(
        type=kind,
        family=family,
        id=identifier,
        source=source,
        sender=sender,
        receiver=receiver,
        parties=tuple(out.parties),
        remarks=tuple(out.remarks),
        transactions=out.transactions,
        amounts=tuple(out.amounts),
        service=service,
        raw=data,
    )


def _parse(data: bytes, source: str) -> Element:
    """The root element, after the checks that must come before any parsing."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise MessageError(
            f"the message is {len(data):,} bytes, more than the {MAX_MESSAGE_BYTES:,} read; refused", source
        )
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if not data or data.isspace():
        raise MessageError("the message is empty", source)
    if b"\x00" in data[:4] or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16/32 would hide a DOCTYPE from the byte check below; ISO 20022 messages are UTF-8.
        raise MessageError("the message is not UTF-8 (ISO 20022 messages are UTF-8 encoded)", source)
    if _HTML.search(data, 0, 2048):
        raise MessageError("this is an HTML page, not an ISO 20022 message", source)
    if DTD.search(data):
        raise MessageError(
            "the XML declares a DTD or entities; refused (no payment message does, and entities can "
            "be used to attack the reader)",
            source,
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        detail = _LOCATION.sub("", str(exc.msg or exc).strip())
        where = f"line {exc.lineno}" if exc.lineno else None
        raise MessageError(f"not well-formed XML: {detail}", source, where) from exc
    except READ_ERRORS as exc:
        raise MessageError(f"not readable XML: {exc}", source) from exc
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise MessageError("the XML declares a DTD; refused", source)
    return root


def _locate(root: Element, source: str) -> tuple[Element | None, Element]:
    """The header (if any) and the message root element, wherever they sit below ``root``."""
    name = local(root)
    if name.lower() == "html":
        raise MessageError("this is an HTML page, not an ISO 20022 message", source)
    headers: list[Element] = []
    found: list[Element] = []
    if name == "Document" or name in ROOTS:
        found.append(root)
    else:
        # Breadth first through the wrappers, never into a header or a message, so a large message is
        # not walked twice.
        queue = [root]
        for element in queue:
            for child in element:
                tag = local(child)
                if tag == "Document" or tag in ROOTS:
                    found.append(child)
                elif tag == "AppHdr":
                    headers.append(child)
                elif tag and len(child):
                    queue.append(child)
    if not found:
        raise MessageError(f"no ISO 20022 Document found (the root element is {name or '?'})", source)
    if len(found) > 1:
        # Screening the first and passing the rest unread would let a payment through unscreened.
        raise MessageError(f"{len(found)} messages in one input; send one message at a time", source)
    document = found[0]
    if local(document) != "Document":
        return (headers[0] if headers else None), document
    message = next((child for child in document if local(child)), None)
    if message is None:
        raise MessageError("the Document is empty", source, "Document")
    tag = local(message)
    if tag not in ROOTS:
        what = _namespace_definition(document) or _namespace_definition(message)
        named = f"{tag} ({what})" if what else tag
        raise MessageError(f"the Document holds {named}, which is not read; read are {_READ}", source, tag)
    return (headers[0] if headers else None), message


def _namespace_definition(el: Element) -> str:
    """The message definition a namespace names (``pacs.008.001.08``, ``pain.001.001.03.ch.02``), or ""."""
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    namespace = tag[1 : tag.index("}")].strip()
    last = namespace[max(namespace.rfind(":"), namespace.rfind("/")) + 1 :].removesuffix(".xsd")
    return last if _DEFINITION.fullmatch(last) else ""


def _definition(message: Element, family: str, header: str, source: str) -> str:
    """The message type: from the namespace, else the header's ``MsgDefIdr``, else the family alone."""
    parent = message.getparent()
    candidates = (
        ("namespace", _namespace_definition(parent) if parent is not None and local(parent) == "Document" else ""),
        ("namespace", _namespace_definition(message)),
        ("header MsgDefIdr", header if _DEFINITION.fullmatch(header) else ""),
    )
    for what, value in candidates:
        if value:
            if not value.startswith(family + "."):
                # A namespace and an element that disagree are a broken or forged message; which one to
                # believe cannot be known.
                raise MessageError(
                    f"the {what} names {value} but the message is {local(message)} ({family})",
                    source,
                    local(message),
                )
            return value
    return family


def _read_header(header: Element, out: _Read) -> tuple[str, str, str, str, str]:
    """The header's id, service, message definition, and its ``Fr`` and ``To`` banks (as parties)."""
    identifier = service = definition = sender = receiver = ""
    for child in header:
        tag = local(child)
        if tag in ("Fr", "To"):
            for choice in child:
                kind = local(choice)
                path = f"AppHdr/{tag}"
                if kind == "FIId":
                    party = read_bank(choice, path, f"{path}/FIId", tag, out)
                elif kind == "OrgId":
                    party = read_party(choice, path, f"{path}/OrgId", tag, "", out)
                else:
                    continue
                if party.is_empty():
                    continue
                out.parties.append(party)
                if tag == "Fr":
                    sender = party.bic
                else:
                    receiver = party.bic
        elif tag == "BizMsgIdr":
            identifier = text(child)
        elif tag == "MsgDefIdr":
            definition = text(child)
        elif tag == "BizSvc":
            service = text(child)
    return identifier, service, definition, sender, receiver


def _group_id(message: Element) -> str:
    for child in message:
        if local(child) == "GrpHdr":
            for item in child:
                if local(item) == "MsgId":
                    return text(item)
    return ""


def _read_message(message: Element, out: _Read) -> None:
    """Every transaction of the message, with what its group header and payment information name."""
    if out.family == "pain.001":
        payments = 0
        counts: dict[str, int] = {}
        for child in message:
            tag = local(child)
            if tag == "GrpHdr":
                _walk(child, "GrpHdr", out)
            elif tag == "PmtInf":
                payments += 1
                path = child_path("", tag, counts)
                before = out.transactions
                seen = _walk(child, path, out)
                if "Dbtr" not in seen:
                    raise out.error("the payment information names no Dbtr (debtor), which pain.001 requires", path)
                if out.transactions == before:
                    raise out.error("the payment information carries no CdtTrfTxInf", path + "/CdtTrfTxInf")
        if not payments:
            raise out.error("the pain.001 message carries no PmtInf (no transaction)", "PmtInf")
        return
    _walk(message, "", out)
    if not out.transactions:
        tx = "TxInf" if out.family == "pacs.004" else "CdtTrfTxInf"
        raise out.error(f"the {out.family} message carries no {tx} (no transaction)", tx)


def _walk(container: Element, path: str, out: _Read) -> dict[str, Element]:
    """Read the parties, banks, texts and transactions below ``container``; return its children by name."""
    seen: dict[str, Element] = {}
    counts: dict[str, int] = {}
    for child in container:
        tag = local(child)
        if not tag:
            continue
        if tag not in seen:
            seen[tag] = child
        if tag in _PARTIES:
            # The message definitions put a party's account right after it (Dbtr, DbtrAcct).
            account = child.getnext()
            if account is not None and local(account) != tag + "Acct":
                account = None
            out.parties.append(read_role(child, child_path(path, tag, counts), tag, account, out))
        elif tag in _BANKS:
            out.parties.append(read_role(child, child_path(path, tag, counts), tag, None, out))
        elif tag in _CONTAINERS:
            _walk(child, child_path(path, tag, counts), out)
        elif tag == "CdtTrfTxInf" or tag == "TxInf":
            _transaction(child, child_path(path, tag, counts), out)
        elif tag == "ChrgsInf":
            where = child_path(path, tag, counts)
            for agent in child:
                if local(agent) == "Agt":
                    out.parties.append(read_role(agent, f"{where}/Agt", "Agt", None, out))
        elif tag == "UndrlygCstmrCdtTrf":
            where = child_path(path, tag, counts)
            _require(_walk(child, where, out), ("Dbtr", "Cdtr"), where, "an underlying customer transfer", out)
        else:
            reader = _TEXTS.get(tag)
            if reader is not None:
                reader(child, child_path(path, tag, counts), out)
    return seen


def _transaction(el: Element, path: str, out: _Read) -> None:
    out.transactions += 1
    seen = _walk(el, path, out)
    _require(seen, _REQUIRED[out.family], path, out.family, out)
    amount = _amount(seen)
    if amount:
        out.amounts.append(amount)


def _require(seen: dict[str, Element], required: tuple[str, ...], path: str, what: str, out: _Read) -> None:
    for tag in required:
        if tag not in seen:
            raise out.error(f"the transaction names no {tag} ({_NAMES[tag]}), which {what} requires", path)


def _amount(seen: dict[str, Element]) -> str:
    """``CCY 123.45``: the settlement amount, else the instructed amount (pain.001: ``Amt``)."""
    amount = seen.get("IntrBkSttlmAmt")
    if amount is None:
        amount = seen.get("RtrdIntrBkSttlmAmt")
    if amount is None:
        amount = seen.get("InstdAmt")
    if amount is None and "Amt" in seen:
        # pain.001: Amt holds InstdAmt or EqvtAmt/Amt (an amount given in another currency).
        for choice in seen["Amt"]:
            kind = local(choice)
            if kind == "InstdAmt":
                amount = choice
            elif kind == "EqvtAmt":
                amount = next((part for part in choice if local(part) == "Amt"), None)
    if amount is None:
        return ""
    currency = (amount.get("Ccy") or "").strip()
    return f"{currency} {text(amount)}".strip()
