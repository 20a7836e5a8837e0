"""SWIFT MT (FIN) payment messages: MT103, MT202 and MT202 COV read into :class:`Message`.

A FIN message is a row of blocks, ``{1:...}{2:...}{3:...}{4:...}{5:...}``:

- block 1, the basic header: application id (``F01`` for FIN; ``F21`` for an ACK/NAK) and the
  logical terminal (LT) address of the bank that sends an input message or receives an output one;
- block 2, the application header: ``I103BANKDEFFAXXXN`` for a message input to the network
  (the receiver's LT), or ``O103`` + input time + the message input reference (input date, the
  *sender's* LT, session, sequence) + output date and time + priority for one delivered by it;
- block 3, the user header: ``{119:STP}``, ``{119:COV}``, ``{121:UETR}``;
- block 4, the text: ``:tag:value`` fields on lines (CRLF in real FIN), closed by a ``-}`` line;
  a service message (an ACK) carries ``{177:...}{451:0}`` sub-blocks instead;
- block 5 and ``S``, trailers (checksums), not read.

Files hold one message or many: back to back, separated by ``$`` (RJE), or framed by SOH/ETX and
padded with spaces (DOS-PCC); ACKs come before the messages they acknowledge. Service messages
are counted and skipped; every payment field that names a party, a bank or a free text becomes a
:class:`Party` or :class:`Remark` with the field it came from as its path and the role SWIFT's MT to
ISO 20022 translation gives that field (:data:`FIELD_ROLES`), so the screening policy treats field
59 and a pacs.008 ``Cdtr`` alike.
"""

from __future__ import annotations

import re

from embargo.errors import MessageError
from embargo.payments._mt_fields import FieldError, read_party
from embargo.payments.message import Message, Party, Remark

__all__ = [
    "FIELD_ROLES",
    "MANDATORY_FIELDS",
    "MAX_MESSAGE_BYTES",
    "READ_TYPES",
    "read_mt",
    "read_mt_counted",
    "read_mt_each",
]

MAX_MESSAGE_BYTES = 10_000_000
"""The largest input read (bytes; characters for a ``str``): a FIN message is at most 10,000 characters."""

READ_TYPES = ("MT103", "MT202", "MT202COV")
"""The message types read; any other payment-network type is refused by name."""

_MT202_ROLES = {
    "52a": "Dbtr",
    "53a": "InstgRmbrsmntAgt",
    "54a": "InstdRmbrsmntAgt",
    "56a": "IntrmyAgt1",
    "57a": "CdtrAgt",
    "58a": "Cdtr",
    "72": "InstrForNxtAgt",
}

FIELD_ROLES: dict[str, dict[str, str]] = {
    # ``50a`` is field 50 in any option (50A, 50F, 50K); a tag without a letter (``70``) is that field only.
    # Fields not listed (20, 23B, 23E, 26T, 32A, 33B, 71A...) name no party and are not screened as text.
    "MT103": {
        "50a": "Dbtr",
        "51A": "InstgAgt",
        "52a": "DbtrAgt",
        "53a": "InstgRmbrsmntAgt",
        "54a": "InstdRmbrsmntAgt",
        "55a": "ThrdRmbrsmntAgt",
        "56a": "IntrmyAgt1",
        "57a": "CdtrAgt",
        "59a": "Cdtr",
        "70": "RmtInf/Ustrd",
        "72": "InstrForNxtAgt",
        "77B": "RgltryRptg",
    },
    # MT202: the ordering and beneficiary institutions are the debtor and creditor (pacs.009).
    "MT202": _MT202_ROLES,
    # MT202 COV: sequence A as MT202, sequence B (from its first 50a) the underlying customer credit transfer.
    "MT202COV": {
        **_MT202_ROLES,
        "B/50a": "Dbtr",
        "B/52a": "DbtrAgt",
        "B/56a": "IntrmyAgt1",
        "B/57a": "CdtrAgt",
        "B/59a": "Cdtr",
        "B/70": "RmtInf/Ustrd",
        "B/72": "InstrForNxtAgt",
    },
}
"""Field -> ISO 20022 role, per message type, after SWIFT's MT to ISO 20022 (CBPR+) translation rules."""

MANDATORY_FIELDS: dict[str, tuple[str, ...]] = {
    "MT103": ("20", "23B", "32A", "50a", "59a", "71A"),
    "MT202": ("20", "21", "32A", "58a"),
    "MT202COV": ("20", "21", "32A", "58a", "B/50a", "B/59a"),
}
"""The fields a message of each type must carry; without one it is refused, not screened in part."""

_REMARK_TAGS = frozenset({"70", "72", "77B"})
# Block 4 sub-blocks of an ACK/NAK: the time (177), accepted or not (451), the reason of a NAK (405).
_SERVICE_TAGS = frozenset({"177", "451", "405"})

# Between messages: white space, RJE ``$``, DOS-PCC SOH/ETX framing, and stray braces (one file ends ``-}{``).
_SEPARATORS = re.compile(r"(?:[\s$\x01\x03}]|\{(?![1-5S]:))*")
_BLOCK_GAP = re.compile(r"[ \t\r\n]*")
_BLOCK_ID = re.compile(r"\{([1-5S]):")
_FLAT_BLOCK = re.compile(r"\{[12]:([^{}]*)\}")
_NESTED_BLOCK = re.compile(r"\{[345S]:((?:\{[^{}]*\})*)\}")
_SUB_BLOCK = re.compile(r"\{([^:{}]+):([^{}]*)\}")
_FIELD_TAG = re.compile(r"^:(\d\d[A-Z]?):", re.MULTILINE)
_INPUT_HEADER = re.compile(r"I\d{3}([A-Z0-9]{8})([A-Z0-9]{4})?")
_OUTPUT_HEADER = re.compile(r"O\d{3}\d{4}\d{6}([A-Z0-9]{12})")
_AMOUNT_32A = re.compile(r"\d{2}(\d{2})(\d{2})([A-Z]{3})(\d{1,15}),(\d*)")


def read_mt(data: bytes | str, source: str = "<message>") -> list[Message]:
    """Every payment message of a FIN, RJE or DOS-PCC input, in input order; service messages skipped.

    Args:
        data: one or many MT messages, bytes (UTF-8, else Latin-1) or text, LF or CRLF line ends.
        source: where the input comes from, for the messages' ``source`` and for errors.

    Returns:
        The MT103, MT202 and MT202 COV messages read.

    Raises:
        MessageError: the input is not MT, is broken, or holds a message of a type not read.
    """
    return read_mt_counted(data, source)[0]


def read_mt_counted(data: bytes | str, source: str = "<message>") -> tuple[list[Message], int]:
    """Like :func:`read_mt`, and how many service messages (ACK/NAK, system messages) were skipped.

    Args:
        data: one or many MT messages, bytes or text.
        source: where the input comes from.

    Returns:
        The payment messages read, and the number of service messages skipped.

    Raises:
        MessageError: the input is not MT, is broken, or holds a message of a type not read (the first such).
    """
    each, skipped = read_mt_each(data, source)
    for item in each:
        if isinstance(item, MessageError):
            raise item
    return [m for m in each if isinstance(m, Message)], skipped


def read_mt_each(data: bytes | str, source: str = "<message>") -> tuple[list[Message | MessageError], int]:
    """Each payment message of an input, or the error that keeps it from being read, in input order; and how
    many service messages were skipped.

    A day's file with one broken message still gives the others: a message cut off (a block not closed) is
    one error, and reading goes on at the next message's basic header (``{1:``).

    Raises:
        MessageError: the input as a whole is no MT (empty, no basic header, too large).
    """
    text = _decode(data, source)
    raws, skipped = _split(text, source)
    many = len(raws) > 1
    out: list[Message | MessageError] = []
    for n, item in enumerate(raws, 1):
        if isinstance(item, MessageError):
            out.append(item)
            continue
        blocks, raw = item
        try:
            out.append(_build(blocks, f"{source}, message {n}" if many else source, raw))
        except MessageError as exc:
            out.append(exc)
    return out, skipped


def _decode(data: bytes | str, source: str) -> str:
    if len(data) > MAX_MESSAGE_BYTES:
        raise MessageError(f"input of {len(data):,} bytes is over the limit of {MAX_MESSAGE_BYTES:,}", source)
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # FIN's own character set is ASCII; Latin-1 reads any byte, so odd exports are still screened.
            text = data.decode("latin-1")
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip(" \t\r\n\x00\x01\x03$"):
        raise MessageError("the input is empty", source)
    if "{1:" not in text:
        raise MessageError("not a SWIFT MT message: no basic header block '{1:'", source)
    # Two replaces over the whole input (CRLF from FIN, a bare CR from old exports), so every later step
    # sees LF only.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split(text: str, source: str) -> tuple[list[tuple[dict[str, str], str] | MessageError], int]:
    """The blocks and the text of each payment message (or why it cannot be read), and the number of service
    messages passed over; after a broken message, reading goes on at the next ``{1:``."""
    many = text.count("{1:") > 1
    payments: list[tuple[dict[str, str], str] | MessageError] = []
    skipped = 0
    pos, end = 0, len(text)
    while True:
        pos = _SEPARATORS.match(text, pos).end()  # type: ignore[union-attr]  # a * pattern always matches
        if pos >= end:
            return payments, skipped
        # Numbered as the payment message it would be, so an error names what the user will count.
        where = f"{source}, message {len(payments) + 1}" if many else source
        if not text.startswith("{1:", pos):
            after = f" after message {len(payments)}" if payments else " before the first message"
            payments.append(MessageError(f"unexpected text {text[pos : pos + 20]!r}{after}", source))
            pos = _resume(text, pos)
            continue
        start = pos
        try:
            blocks, pos = _read_blocks(text, pos, where)
        except MessageError as exc:
            payments.append(exc)
            pos = _resume(text, start + 3)
            continue
        if _is_service(blocks):
            skipped += 1
        else:
            payments.append((blocks, text[start:pos].rstrip()))


def _resume(text: str, pos: int) -> int:
    """Where reading goes on after something unreadable: the next basic header, else the end."""
    found = text.find("{1:", pos)
    return len(text) if found < 0 else found


def _read_blocks(text: str, pos: int, where: str) -> tuple[dict[str, str], int]:
    """The blocks of the message starting at ``pos`` (on its ``{1:``), by block id, and where it ends."""
    blocks: dict[str, str] = {}
    while True:
        found = _BLOCK_ID.match(text, pos)
        if found is None or (found.group(1) == "1" and blocks):
            return blocks, pos
        block = found.group(1)
        if block in blocks:
            raise MessageError("appears twice in one message", where, f"block {block}")
        if block == "4" and not text.startswith("{", found.end()):
            start = found.end()
            close = text.find("\n-}", start)
            # FIN's character set has no braces: one before the closing line means block 4 was cut off.
            brace = text.find("{", start, close if close >= 0 else len(text))
            if close < 0 or brace >= 0:
                raise MessageError("not closed by a '-}' line (cut off?)", where, "block 4")
            blocks["4"] = text[start : close + 1]
            pos = close + 3
        else:
            pattern = _FLAT_BLOCK if block in "12" else _NESTED_BLOCK
            whole = pattern.match(text, pos)
            if whole is None:
                raise MessageError("not closed by '}' (cut off?)", where, f"block {block}")
            blocks[block] = whole.group(1)
            pos = whole.end()
        pos = _BLOCK_GAP.match(text, pos).end()  # type: ignore[union-attr]  # a * pattern always matches


def _is_service(blocks: dict[str, str]) -> bool:
    """An ACK/NAK (application id other than F01), a system message (MT0nn) or an ACK-like block 4."""
    if not blocks["1"].startswith("F01"):
        return True
    if blocks.get("2", "")[1:2] == "0":
        return True
    body = blocks.get("4", "")
    if body.startswith("{"):
        tags = {tag for tag, _ in _SUB_BLOCK.findall(body)}
        return tags <= _SERVICE_TAGS
    return False


def _lt_bic(lt: str) -> str:
    """The BIC of a logical terminal address: 8 characters, then the branch after the terminal letter."""
    lt = lt.upper()
    if len(lt) == 12:
        return lt[:8] + lt[9:]
    # An 11-character LT (one sample leaves out the terminal letter) is already a BIC.
    return lt[:11]


def _header(blocks: dict[str, str], where: str) -> tuple[str, str, str, str, str]:
    """Message type, sender, receiver, and the blocks each was read from."""
    head = blocks.get("2")
    if head is None:
        raise MessageError("the application header is missing", where, "block 2")
    mt = head[1:4]
    basic = blocks["1"][3:]
    # F01 + LT + session (4) + sequence (6); the LT is read from the end so an 11-character one still works.
    lt = basic[:-10] if len(basic) > 10 and basic[-10:].isdigit() else basic[:12]
    if head.startswith("I"):
        found = _INPUT_HEADER.match(head)
        if found is None:
            raise MessageError(f"{head!r} is not an input header (I103BANKDEFFAXXXN)", where, "block 2")
        branch = found.group(2)
        return mt, _lt_bic(lt), found.group(1) + (branch[1:] if branch else ""), "block 1", "block 2"
    if head.startswith("O"):
        found = _OUTPUT_HEADER.match(head)
        if found is None:
            raise MessageError(f"{head!r} is not an output header (O103 + time + MIR)", where, "block 2")
        # An output message's block 1 is the receiver's LT; the sender is in the message input reference.
        return mt, _lt_bic(found.group(1)), _lt_bic(lt), "block 2", "block 1"
    raise MessageError(f"{head!r} is neither an input (I) nor an output (O) header", where, "block 2")


def _fields(body: str, where: str) -> list[tuple[str, list[str]]]:
    parts = _FIELD_TAG.split(body)
    lead = parts[0].strip()
    if lead:
        raise MessageError(f"a line before the first field tag: {lead.splitlines()[0][:40]!r}", where, "block 4")
    if len(parts) == 1:
        raise MessageError("the text holds no fields", where, "block 4")
    # Lines are kept as written; each reader strips what it uses (a per-line pass here costs a third of the split).
    return [(parts[i], parts[i + 1].strip("\n").split("\n")) for i in range(1, len(parts), 2)]


def _amount(lines: list[str], where: str) -> str:
    value = "".join(lines).strip()
    found = _AMOUNT_32A.fullmatch(value)
    if found is None or not ("01" <= found.group(1) <= "12" and "01" <= found.group(2) <= "31"):
        raise MessageError(
            f"{value!r} is not a value date, currency and amount (YYMMDD, CCY, 1234,56)", where, "field 32A"
        )
    units, cents = found.group(4), found.group(5)
    return f"{found.group(3)} {units}.{cents}" if cents else f"{found.group(3)} {units}"


def _build(blocks: dict[str, str], where: str, raw: str = "") -> Message:
    mt, sender, receiver, sender_block, receiver_block = _header(blocks, where)
    user = dict(_SUB_BLOCK.findall(blocks.get("3", "")))
    service = user.get("119", "")
    if mt not in ("103", "202"):
        raise MessageError(
            f"MT{mt} is not a payment message read here (read: {', '.join(READ_TYPES)})", where, "block 2"
        )
    body = blocks.get("4")
    if body is None or body.startswith("{"):
        raise MessageError("the text (fields, closed by '-}') is missing", where, "block 4")
    fields = _fields(body, where)
    family = "MT103"
    if mt == "202":
        # A 202 carrying an ordering customer (50a) is a cover whatever block 3 says: read as MT202 its
        # sequence B would go unscreened.
        cover = service == "COV" or any(tag[:2] == "50" for tag, _ in fields)
        family = "MT202COV" if cover else "MT202"
    roles = FIELD_ROLES[family]
    parties: list[Party] = []
    if sender:
        parties.append(Party(path=sender_block, role="Fr", kind="Organization", bic=sender))
    if receiver:
        parties.append(Party(path=receiver_block, role="To", kind="Organization", bic=receiver))
    remarks: list[Remark] = []
    present: set[str] = set()
    values: dict[str, list[str]] = {}
    prefix = ""
    for tag, lines in fields:
        if family == "MT202COV" and not prefix and tag[:2] == "50":
            prefix = "B/"
        path = prefix + tag
        generic = f"{prefix}{tag[:2]}a"
        present.update((path, generic))
        values.setdefault(path, lines)
        role = roles.get(path) or roles.get(generic)
        if role is None:
            continue
        if tag in _REMARK_TAGS:
            remarks.append(Remark(path=path, role=role, text=" ".join(line.strip() for line in lines if line.strip())))
            continue
        try:
            parties.append(read_party(tag, path, role, lines))
        except FieldError as e:
            raise MessageError(str(e), where, f"field {path}") from e
    for key in MANDATORY_FIELDS[family]:
        if key not in present:
            raise MessageError(f"missing; an {family} must have it", where, f"field {key}")
    return Message(
        type=family,
        family=family,
        id=" ".join(values["20"]).strip(),
        source=where,
        sender=sender,
        receiver=receiver,
        parties=tuple(parties),
        remarks=tuple(remarks),
        transactions=1,
        amounts=(_amount(values["32A"], where),),
        service=service,
        raw=raw.encode("utf-8"),  # this message's own text (line ends as LF), not the whole input's
    )
