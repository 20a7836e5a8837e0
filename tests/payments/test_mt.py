"""embargo.payments.mt: SWIFT MT103, MT202 and MT202 COV read field by field; broken input refused in one line."""

from __future__ import annotations

import contextlib
import random
import timeit
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.errors import MessageError
from embargo.payments.message import Message, Party
from embargo.payments.mt import FIELD_ROLES, MAX_MESSAGE_BYTES, read_mt, read_mt_counted
from tests.conftest import FIXTURES, shared_file

MT = FIXTURES / "payments" / "mt"
MT103_F = MT / "mt103_50f_59f_crlf.fin"
MT202COV = MT / "mt202cov_output.fin"


def party(message: Message, path: str) -> Party:
    found = [p for p in message.parties if p.path == path]
    assert len(found) == 1, f"{path} in {[p.path for p in message.parties]}"
    return found[0]


def remark(message: Message, path: str) -> str:
    return next(r.text for r in message.remarks if r.path == path)


# --- the public sample files (../shared/data/payments/mt) -------------------------------------------------------

# file, payment messages, service messages skipped, types, first id, first sender, first receiver
SHARED = [
    ("MT103_prowide_core_bulk_with_ack_3msg.rje", 3, 3, {"MT103"}, "234234233", "BBBBUS33XXX", "AAAAUSLAXXX"),
    ("MT103_prowide_core_out_13msg.rje", 13, 0, {"MT103"}, "22342343", "BBBBUS3NXXX", "BICFOOYYXXX"),
    ("MT103_prowide_examples_stp.fin", 1, 0, {"MT103"}, "0061350113089908", "ESPBESMMXXX", "BICFOOYYXXX"),
    ("MT103_prowide_examples_2msg.dos", 2, 2, {"MT103"}, "DET 12/13/3724", "BBBBBBBBXXX", "AAAAAAAAXXX"),
    ("MT103_goplasmatic_stp.fin", 1, 0, {"MT103"}, "STP2024123456", "CHASUS33XXX", "DEUTDEFFXXX"),
    ("MT202_goplasmatic_core.fin", 1, 0, {"MT202"}, "FI2024123456789", "BANKBEBBXXX", "BANKDEFFXXX"),
    ("MT202COV_goplasmatic.fin", 1, 0, {"MT202COV"}, "FT220315001", "BANKUS33XXX", "BANKDE55XXX"),
]


def read_shared(shared_data: Path, name: str) -> tuple[list[Message], int]:
    path = shared_file(shared_data, f"payments/mt/{name}")
    return read_mt_counted(path.read_bytes(), path.name)


@pytest.mark.parametrize(("name", "count", "skipped", "types", "first_id", "sender", "receiver"), SHARED)
def test_every_public_file_reads(
    shared_data: Path, name: str, count: int, skipped: int, types: set[str], first_id: str, sender: str, receiver: str
) -> None:
    messages, service = read_shared(shared_data, name)
    assert (len(messages), service) == (count, skipped)
    assert {m.type for m in messages} == types
    assert all(m.family == m.type and m.transactions == 1 and len(m.amounts) == 1 for m in messages)
    first = messages[0]
    assert (first.id, first.sender, first.receiver) == (first_id, sender, receiver)
    assert [p.role for p in first.parties[:2]] == ["Fr", "To"]
    if count > 1:
        assert [m.source for m in messages] == [f"{name}, message {n}" for n in range(1, count + 1)]
    else:
        assert first.source == name
    # Every message names its debtor and creditor (the cover names them twice).
    for m in messages:
        roles = [p.role for p in m.parties]
        assert "Dbtr" in roles and "Cdtr" in roles


def test_bulk_with_acks_output_messages(shared_data: Path) -> None:
    messages, _ = read_shared(shared_data, "MT103_prowide_core_bulk_with_ack_3msg.rje")
    first, second, third = messages
    debtor = party(first, "50K")
    assert (debtor.role, debtor.name, debtor.account) == ("Dbtr", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "0000000000")
    assert debtor.address is not None and debtor.address.lines == ("NO. 62/64 FOO ROAD BENIN CITY", "EDO STATE")
    # Written in words: no country code is guessed from "NIGERIA".
    assert party(third, "50K").address.country == ""  # type: ignore[union-attr]
    assert (party(first, "52A").role, party(first, "52A").bic) == ("DbtrAgt", "CCCCNGLA")
    assert (party(first, "53B").role, party(first, "53B").account) == ("InstgRmbrsmntAgt", "00000000000000")
    assert (party(first, "59").role, party(first, "59").name) == ("Cdtr", "BBBBBBBBBBBBBBBB")
    # Output message: the sender is in block 2's input reference, the receiver in block 1.
    assert (party(first, "block 2").role, party(first, "block 1").role) == ("Fr", "To")
    assert remark(first, "72") == "/INS/DEUTSCHE BANK TRUST CO. //AMERICAS NEW YORK, NY 10015"
    assert remark(second, "70") == "TITHE"
    assert (second.service, second.sender, second.amounts) == ("STP", "BKTRUS33XXX", ("USD 1321.00",))
    assert (first.amounts, third.amounts) == (("USD 3700",), ("USD 1417.8",))


def test_thirteen_messages_with_a_stray_brace(shared_data: Path) -> None:
    messages, _ = read_shared(shared_data, "MT103_prowide_core_out_13msg.rje")
    bank = party(messages[0], "52D")
    assert (bank.role, bank.kind, bank.name) == ("DbtrAgt", "Organization", "NORTH FOO BANK")
    assert bank.address is not None and bank.address.lines == ("999 BROAD FOO RD", "MELVILLE, NY 11747")
    assert party(messages[0], "59").name == "MERCADOS Y GESTION DE VALORES SA"
    assert remark(messages[0], "70").startswith("FINDERS FEES-JULY,2007-  10.00, AUG UST,2007")
    # The message before the stray "-}{" and the one after it are both read.
    assert party(messages[10], "50K").name == "MORGAN STANLEY FOOOOOO CONSERV"
    assert party(messages[11], "50K").name == "MS FOOOOOO MODERADO FIMF"
    # 54A //RT: a clearing code, not an account.
    fifth = next(m for m in messages if m.sender == "CRESLULLXXX")
    assert (party(fifth, "54A").identifiers, party(fifth, "54A").bic) == (("//RT",), "BICFOOYY")
    assert sum(m.service == "STP" for m in messages) == 7


def test_dos_pcc_framing(shared_data: Path) -> None:
    messages, _ = read_shared(shared_data, "MT103_prowide_examples_2msg.dos")
    assert [party(m, "50K").name for m in messages] == ["DDDDDDDDDDDD", "RRRRRRRRRRR"]
    assert [party(m, "57A").bic for m in messages] == ["UNCRITMMXXX", "MIDLGB2141P"]
    assert party(messages[1], "59").account == "GB32MIDL40050851376993"
    assert remark(messages[0], "70") == "/INV/ REG FACTURE NR 001016-02 DD 28.05.2013"


def test_input_message_with_regulatory_reporting(shared_data: Path) -> None:
    (message,) = read_shared(shared_data, "MT103_goplasmatic_stp.fin")[0]
    assert (party(message, "block 1").role, party(message, "block 2").role) == ("Fr", "To")
    creditor = party(message, "59A")
    assert (creditor.role, creditor.bic, creditor.account) == ("Cdtr", "DEUTDEFF", "DE89370400440532013000")
    assert [(r.path, r.role) for r in message.remarks] == [
        ("70", "RmtInf/Ustrd"),
        ("72", "InstrForNxtAgt"),
        ("77B", "RgltryRptg"),
    ]
    # 23E and 26T are codes, not screened.
    assert {p.path for p in message.parties} == {"block 1", "block 2", "50K", "52A", "53A", "54A", "57A", "59A"}


def test_mt202_roles(shared_data: Path) -> None:
    (message,) = read_shared(shared_data, "MT202_goplasmatic_core.fin")[0]
    assert [(p.path, p.role, p.bic) for p in message.parties[2:]] == [
        ("52A", "Dbtr", "BANKBEBBXXX"),
        ("53A", "InstgRmbrsmntAgt", "BNPAFRPPXXX"),
        ("56A", "IntrmyAgt1", "DEUTDEFFXXX"),
        ("57A", "CdtrAgt", "CHASUS33XXX"),
        ("58A", "Cdtr", "CHASUS33XXX"),
    ]
    assert remark(message, "72").startswith("/ACC/PRIORITY PROCESSING /INS/BNPAFRPPXXX")


def test_mt202cov_sequence_b(shared_data: Path) -> None:
    (message,) = read_shared(shared_data, "MT202COV_goplasmatic.fin")[0]
    assert message.service == "COV"
    debtor = party(message, "B/50K")
    assert (debtor.role, debtor.name) == ("Dbtr", "ACME CORPORATION")
    # The last address line is the code "US".
    assert debtor.address is not None and debtor.address.country == "US"
    assert (party(message, "B/59").role, party(message, "B/59").name) == ("Cdtr", "SINGAPORE TECH PTE LTD")
    assert (party(message, "52A").role, party(message, "58A").role) == ("Dbtr", "Cdtr")
    assert [r.path for r in message.remarks] == ["B/70", "B/72"]


# --- the project's own messages ----------------------------------------------------------------------------------


def test_structured_parties_and_named_banks() -> None:
    data = MT103_F.read_bytes()
    assert b"\r\n" in data
    (message,) = read_mt(data, "mt103.fin")
    assert (message.type, message.id, message.source) == ("MT103", "EMB103F0001", "mt103.fin")
    assert (message.sender, message.receiver, message.amounts) == ("BANKDEFFXXX", "BANKGB2LXXX", ("EUR 25000.50",))
    debtor = party(message, "50F")
    assert (debtor.role, debtor.name, debtor.kind) == ("Dbtr", "HOSSEINI, ALI REZA", "Person")
    assert debtor.address is not None
    assert (debtor.address.lines, debtor.address.town, debtor.address.country) == (
        ("12 VALIASR STREET",),
        "TEHRAN",
        "IR",
    )
    assert (debtor.birth_date, debtor.birth_country, debtor.birth_place) == ("1970-01-15", "IR", "MASHHAD")
    assert debtor.identifiers == ("CCPT/IR/K12345678", "IR/1234567890")
    creditor = party(message, "59F")
    assert (creditor.role, creditor.name, creditor.kind) == (
        "Cdtr",
        "PERSIAN TRADING COMPANY PRIVATE JOINT STOCK",
        None,
    )
    assert creditor.account == "IR580540105180021273113007"
    assert creditor.address is not None and (creditor.address.town, creditor.address.country) == ("TEHRAN", "IR")
    ordering = party(message, "52D")
    assert (ordering.role, ordering.kind, ordering.name, ordering.account) == (
        "DbtrAgt",
        "Organization",
        "BANK MELLI IRAN",
        "123456",
    )
    assert ordering.address is not None
    assert (ordering.address.lines, ordering.address.country) == (("HEAD OFFICE", "TEHRAN", "IR"), "IR")
    account_with = party(message, "57D")
    assert (account_with.role, account_with.name) == ("CdtrAgt", "BANK SEPAH")
    assert account_with.address is not None and account_with.address.country == "IR"
    assert remark(message, "70") == "/INV/2025-0314 PAYMENT FOR INDUSTRIAL PUMPS SHIPPED VIA BANDAR ABBAS"
    assert remark(message, "72") == "/INS/BANK MELLI IRAN"
    # Text and bytes, CRLF and LF, read alike.
    assert read_mt(data.decode().replace("\r\n", "\n"), "mt103.fin") == [message]
    assert read_mt(data.replace(b"\r\n", b"\r"), "mt103.fin") == [message]


def test_mt202cov_output_message() -> None:
    (message,) = read_mt(MT202COV.read_bytes(), "cov.fin")
    assert (message.type, message.service, message.sender, message.receiver) == (
        "MT202COV",
        "COV",
        "SENDUS33XXX",
        "RECVGB2LXXX",
    )
    assert [(p.path, p.role) for p in message.parties] == [
        ("block 2", "Fr"),
        ("block 1", "To"),
        ("52A", "Dbtr"),
        ("57A", "CdtrAgt"),
        ("58A", "Cdtr"),
        ("B/50F", "Dbtr"),
        ("B/52A", "DbtrAgt"),
        ("B/57A", "CdtrAgt"),
        ("B/59", "Cdtr"),
    ]
    debtor = party(message, "B/50F")
    assert (debtor.name, debtor.kind, debtor.birth_date, debtor.account) == (
        "JOHN SMITH",
        "Person",
        "1980-02-29",
        "US12345678901234",
    )
    assert party(message, "B/59").address.country == "GB"  # type: ignore[union-attr]
    assert [(r.path, r.role, r.text) for r in message.remarks] == [("B/70", "RmtInf/Ustrd", "INVOICE 4471 WIDGETS")]
    assert message.amounts == ("USD 750000",)


def test_a_202_with_an_ordering_customer_is_read_as_a_cover() -> None:
    # Without {119:COV} the customer fields would otherwise go unscreened.
    data = MT202COV.read_text().replace("{119:COV}", "")
    (message,) = read_mt(data)
    assert (message.type, message.service) == ("MT202COV", "")
    assert party(message, "B/50F").role == "Dbtr"


def test_several_messages_and_service_messages() -> None:
    ack = "{1:F21BANKDEFFAXXX1234123456}{4:{177:2503141200}{451:0}}"
    system = "{1:F01BANKDEFFAXXX1234123456}{2:O0151200250314BANKDEFFAXXX12341234562503141200S}{4:{108:X}}"
    one = MT103_F.read_text()
    messages, skipped = read_mt_counted(f"{ack}{one}\n$\n{system}\x01{one}\x03   ", "batch")
    assert skipped == 2
    assert [m.source for m in messages] == ["batch, message 1", "batch, message 2"]
    assert read_mt(ack) == []


def test_bom_and_latin1_bytes() -> None:
    data = MT103_F.read_bytes().replace(b"BANK SEPAH", "BANK SÉPAH".encode("latin-1"))
    (message,) = read_mt(b"\xef\xbb\xbf" + data)
    assert party(message, "57D").name == "BANK SÉPAH"
    (utf8,) = read_mt("\ufeff" + MT103_F.read_text())
    assert utf8.id == "EMB103F0001"


def test_roles_table_covers_each_type() -> None:
    assert set(FIELD_ROLES) == {"MT103", "MT202", "MT202COV"}
    assert FIELD_ROLES["MT103"]["59a"] == FIELD_ROLES["MT202"]["58a"] == FIELD_ROLES["MT202COV"]["B/59a"] == "Cdtr"


def test_reads_fast() -> None:
    data = MT103_F.read_text()
    seconds = min(timeit.repeat(lambda: read_mt(data), number=200, repeat=3)) / 200
    # The target is well under 0.2 ms; ten times that only catches a runaway regex, not a slow machine.
    assert seconds < 0.002


# --- broken and hostile input ------------------------------------------------------------------------------------

GOOD = MT103_F.read_text().replace("\r\n", "\n")
BODY = GOOD.split("{4:", 1)[1]

# input, words the one-line error must hold
BROKEN = [
    ("", "empty"),
    ("  \n$\n", "empty"),
    ("hello, world", "not a SWIFT MT message"),
    ("\x00\x01\xff\xfe binary \x89PNG", "not a SWIFT MT message"),
    (GOOD[: GOOD.index(":71A:")], "block 4: not closed"),
    (GOOD.replace("\n-}", "\n"), "block 4: not closed"),
    (GOOD.replace(":59F:", ":79:"), "field 59a"),
    (GOOD.replace(":50F:", ":79:"), "field 50a"),
    (GOOD.replace(":20:EMB103F0001\n", ""), "field 20"),
    (GOOD.replace(":71A:SHA\n", ""), "field 71A"),
    (GOOD.replace(":57D:BANK SEPAH", ":57A:BANK SEPAH"), "field 57A"),
    (GOOD.replace(":70:", ":52A:DEUTDEFF\nCHASUS33\n:70:"), "field 52A"),  # two BIC lines
    (GOOD.replace(":57D:BANK SEPAH\nFERDOWSI AVENUE\nIR/TEHRAN", ":57A:DEUT1EFF"), "field 57A"),
    (GOOD.replace("250314EUR25000,50", "250314EUR25000.50"), "field 32A"),
    (GOOD.replace("250314EUR25000,50", "251314EUR25000,50"), "field 32A"),
    (GOOD.replace("{4:\n", "{4:\nPAYMENT\n"), "before the first field tag"),
    (GOOD.replace("{4:" + BODY, "{4:\n-}"), "block 4: the text holds no fields"),
    (GOOD.replace("{4:" + BODY, ""), "block 4"),
    (GOOD.replace("I103", "I940"), "MT940"),
    (GOOD.replace("I103", "I199"), "MT199"),
    (GOOD.replace("{2:I103BANKGB2LXXXXN}", ""), "block 2"),
    (GOOD.replace("{2:I103BANKGB2LXXXXN}", "{2:I103BANKGB2LXXXXN"), "block 2: not closed"),
    (GOOD.replace("}{2:", "{2:", 1), "block 1: not closed"),
    (GOOD.replace("}}{4:", "}{4:", 1), "block 3: not closed"),
    (GOOD.replace("{2:I103", "{2:X103"), "block 2"),
    (GOOD.replace("{2:I103", "{2:O103"), "output header"),
    (GOOD + "{2:I103BANKGB2LXXXXN}", "block 2: appears twice"),
    (GOOD + " trailing words", "unexpected text"),
    ("preamble " + GOOD, "unexpected text"),
    (GOOD + "{1:F01BANKDEFFAXXX1234123456}{2:I103BANK", "message 2, block 2: not closed"),
]


@pytest.mark.parametrize(("data", "words"), BROKEN)
def test_broken_input_is_one_clear_error(data: str, words: str) -> None:
    with pytest.raises(MessageError) as info:
        read_mt(data, "in.fin")
    text = str(info.value)
    assert words in text
    assert text.startswith("in.fin") and "\n" not in text


def test_mt940_file_names_the_types_read() -> None:
    with pytest.raises(MessageError, match=r"MT940 .*MT103, MT202, MT202COV"):
        read_mt((MT / "mt940_statement.fin").read_bytes(), "stmt.fin")


def test_cover_without_sequence_b_creditor() -> None:
    data = MT202COV.read_text().replace(":59:", ":79:")
    with pytest.raises(MessageError, match="field B/59a"):
        read_mt(data)


def test_huge_input_is_refused_before_reading() -> None:
    with pytest.raises(MessageError, match="over the limit"):
        read_mt(b"{1:" + b" " * MAX_MESSAGE_BYTES)


def test_every_cut_and_flip_is_read_or_refused() -> None:
    data = MT103_F.read_bytes()
    for end in range(len(data)):
        with contextlib.suppress(MessageError):
            read_mt(data[:end])
    rng = random.Random(7)
    for _ in range(500):
        flipped = bytearray(data)
        for _ in range(3):
            flipped[rng.randrange(len(flipped))] = rng.choice(b"{}:-$\r\n/\x00\xffA1")
        with contextlib.suppress(MessageError):
            read_mt(bytes(flipped))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(alphabet="{}12345:-$\n/AZ09 FI", max_size=300))
def test_any_input_raises_only_message_error(data: bytes | str) -> None:
    with contextlib.suppress(MessageError):
        read_mt(data)
