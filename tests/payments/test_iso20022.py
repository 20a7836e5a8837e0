"""The ISO 20022 reader: the 16 public sample messages, the project's own fixtures, and hostile input."""

from __future__ import annotations

import contextlib
import timeit
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embargo.errors import MessageError
from embargo.payments.iso20022 import MAX_MESSAGE_BYTES, read_iso20022
from embargo.payments.message import Message, Party, Remark
from tests.conftest import FIXTURES, shared_file

OWN = FIXTURES / "payments" / "iso20022"
PACS008 = OWN / "pacs.008.001.12_listed_creditor.xml"
PACS009_COV = OWN / "pacs.009.001.10_cov_vessel.xml"
PACS004 = OWN / "pacs.004.001.11_return.xml"
PAIN001 = OWN / "pain.001.001.11_two_batches.xml"


def _read(path: Path) -> Message:
    return read_iso20022(path.read_bytes(), path.name)


def _sample(shared: Path, name: str) -> Message:
    return _read(shared_file(shared, f"payments/iso20022/{name}"))


def _party(message: Message, path: str) -> Party:
    found = [p for p in message.parties if p.path == path]
    assert len(found) == 1, f"{path}: {[p.path for p in message.parties]}"
    return found[0]


def _remark(message: Message, path: str) -> Remark:
    found = [r for r in message.remarks if r.path == path]
    assert len(found) == 1, f"{path}: {[r.path for r in message.remarks]}"
    return found[0]


# --- the public samples -----------------------------------------------------------------------------

# file, type, family, id, transactions, sender, receiver, service, amounts, number of parties, of remarks
SAMPLES = [
    (
        "pacs.008.001.07_prowide_apphdr.xml",
        "pacs.008.001.07",
        "pacs.008",
        "12312312312",
        1,
        "MLCOUS33XXX",
        "MLCOUS33XXX",
        "",
        ("USD 5000",),
        8,
        0,
    ),
    (
        "pacs.008.001.08_cbpr_2025_max.xml",
        "pacs.008.001.08",
        "pacs.008",
        "EXMsgId",
        1,
        "ABCDGBEFXXX",
        "PQRSUSNOXXX",
        "swift.cbprplus.03",
        ("EUR 1000.00",),
        21,
        7,
    ),
    (
        "pacs.008.001.08_cbpr_2026_min.xml",
        "pacs.008.001.08",
        "pacs.008",
        "EXMsgId",
        1,
        "",
        "",
        "",
        ("EUR 1000.00",),
        6,
        0,
    ),
    (
        "pacs.008.001.08_fednow_frb_sample.xml",
        "pacs.008.001.08",
        "pacs.008",
        "20230604111111111Sc01Step1MsgId",
        1,
        "",
        "",
        "",
        ("USD 51.74",),
        8,
        1,
    ),
    (
        "pacs.008.001.08_rtp_tch.xml",
        "pacs.008.001.08",
        "pacs.008",
        "M20230713234567891T1BOTS02083825666",
        1,
        "",
        "",
        "",
        ("USD 46154.49",),
        6,
        1,
    ),
    (
        "pacs.009.001.07_prowide_apphdr.xml",
        "pacs.009.001.07",
        "pacs.009",
        "ASDFASDF22342",
        1,
        "MLCOUS33XXX",
        "MLCOUS33XXX",
        "",
        ("USD 22423",),
        10,
        0,
    ),
    (
        "pacs.009.001.08_cbpr_2025_max.xml",
        "pacs.009.001.08",
        "pacs.009",
        "EXMsgId",
        1,
        "BCDEGBPQXXX",
        "QRSTUSMNXXX",
        "swift.cbprplus.03",
        ("EUR 1000.00",),
        None,
        None,
    ),
    (
        "pacs.009.001.08_cbpr_cov_2025_max.xml",
        "pacs.009.001.08",
        "pacs.009",
        "EXMsgId",
        1,
        "BCDEGBPQXXX",
        "QRSTUSMNXXX",
        "swift.cbprplus.cov.03",
        ("EUR 1000.00",),
        None,
        None,
    ),
    (
        "pacs.009.001.08_cbpr_cov_2026_min.xml",
        "pacs.009.001.08",
        "pacs.009",
        "EXMsgId",
        1,
        "",
        "",
        "",
        ("EUR 1000.00",),
        8,
        0,
    ),
    (
        "pacs.009.001.09_prowide_examples_apphdr.xml",
        "pacs.009.001.09",
        "pacs.009",
        "DDDFFFF222",
        1,
        "TESTARZZXXX",
        "AAAAUSXXXXX",
        "",
        ("USD 12345.67",),
        4,
        0,
    ),
    (
        "pacs.004.001.09_cbpr_2025_max.xml",
        "pacs.004.001.09",
        "pacs.004",
        "EXMsgId",
        1,
        "WXYZGB67XXX",
        "LMNOUSRSXXX",
        "swift.cbprplus.03",
        ("EUR 1000.00",),
        None,
        3,
    ),
    (
        "pacs.004.001.09_cbpr_2026_min.xml",
        "pacs.004.001.09",
        "pacs.004",
        "EXMsgId",
        1,
        "",
        "",
        "",
        ("EUR 1000.00",),
        4,
        0,
    ),
    (
        "pain.001.001.09_cbpr_2025_max.xml",
        "pain.001.001.09",
        "pain.001",
        "EXMsgId",
        1,
        "UVWXGBKLXXX",
        "JKLMUSTUXXX",
        "swift.cbprplus.03",
        ("EUR 1000.00",),
        None,
        None,
    ),
    (
        "pain.001.001.03_abc_corporation_3tx.xml",
        "pain.001.001.03",
        "pain.001",
        "ABC/090928/CCT001",
        3,
        "",
        "",
        "",
        ("JPY 10000000", "EUR 500000", "USD 1000000"),
        9,
        7,
    ),
    (
        "pain.001.001.03_lt_rub_to_ru.xml",
        "pain.001.001.03",
        "pain.001",
        "MSGID0003",
        1,
        "",
        "",
        "",
        ("RUB 1000.00",),
        5,
        1,
    ),
    (
        "pain.001.001.03.ch.02_postfinance_8tx.xml",
        "pain.001.001.03.ch.02",
        "pain.001",
        "MsgId-001",
        8,
        "",
        "",
        "",
        ("CHF 6.20", "CHF 1.80", "CHF 12.00", "CHF 5.00", "CHF 2.00", "CHF 1", "CHF 4", "CHF 6"),
        20,
        8,
    ),
]


@pytest.mark.parametrize("row", SAMPLES, ids=[row[0] for row in SAMPLES])
def test_every_public_sample_reads(shared_data: Path, row: tuple) -> None:
    name, kind, family, ident, transactions, sender, receiver, service, amounts, parties, remarks = row
    message = _sample(shared_data, name)
    assert (message.type, message.family, message.id) == (kind, family, ident)
    assert (message.sender, message.receiver, message.service) == (sender, receiver, service)
    assert message.transactions == transactions
    assert message.amounts == amounts
    assert message.source == name
    if parties is not None:
        assert len(message.parties) == parties, [p.path for p in message.parties]
    if remarks is not None:
        assert len(message.remarks) == remarks, [r.path for r in message.remarks]
    # Every party has a place and a role, every role is the last step of its path (or the header's).
    for party in message.parties:
        assert party.path and party.role
        assert party.path.rsplit("/", 1)[-1].split("[")[0] == party.role


def test_the_prowide_pacs008_wrapper_header_and_agents(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.008.001.07_prowide_apphdr.xml")
    assert [p.path for p in message.parties[:2]] == ["AppHdr/Fr", "AppHdr/To"]
    assert message.parties[0].role == "Fr" and message.parties[0].bic == "MLCOUS33XXX"
    instg = _party(message, "GrpHdr/InstgAgt")
    assert (instg.name, instg.bic, instg.kind, instg.identifiers) == (
        "Lionel Messi",
        "CITTGB2LPBG",
        "Organization",
        ("2342342342",),
    )
    instd = _party(message, "GrpHdr/InstdAgt")
    assert (
        instd.address is not None and instd.address.town == "Los Angeles" and instd.address.street == "My Street 23423"
    )
    debtor = _party(message, "CdtTrfTxInf[1]/Dbtr")
    assert (debtor.role, debtor.name, debtor.residence) == ("Dbtr", "JOHN DOE", "AR")
    assert debtor.address is not None and (debtor.address.town, debtor.address.country, debtor.address.region) == (
        "Buenos Aires",
        "AR",
        "CABA",
    )
    assert _party(message, "CdtTrfTxInf[1]/Cdtr").name == "Mike Smith"
    assert _party(message, "CdtTrfTxInf[1]/CdtrAgt").bic == "USTBUS31XXX"


def test_the_cbpr_pacs008_max_reads_every_party_and_text(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.008.001.08_cbpr_2025_max.xml")
    roles = [p.role for p in message.parties]
    for role in (
        "Fr",
        "To",
        "InstgRmbrsmntAgt",
        "InstdRmbrsmntAgt",
        "ThrdRmbrsmntAgt",
        "Agt",
        "PrvsInstgAgt1",
        "PrvsInstgAgt3",
        "InstgAgt",
        "InstdAgt",
        "IntrmyAgt1",
        "IntrmyAgt3",
        "UltmtDbtr",
        "InitgPty",
        "Dbtr",
        "DbtrAgt",
        "CdtrAgt",
        "Cdtr",
        "UltmtCdtr",
    ):
        assert role in roles, role
    assert _party(message, "CdtTrfTxInf[1]/ChrgsInf[1]/Agt").bic == "ABCDGBEFXXX"
    cdtr = _party(message, "CdtTrfTxInf[1]/Cdtr")
    assert (cdtr.kind, cdtr.birth_date, cdtr.birth_place, cdtr.birth_country, cdtr.residence, cdtr.account) == (
        "Person",
        "2026-01-01",
        "EXCityOfBirth",
        "GB",
        "GB",
        "EXId",
    )
    # A hybrid address: the structured parts and the free line together.
    assert cdtr.address is not None
    assert (cdtr.address.lines, cdtr.address.street, cdtr.address.town, cdtr.address.country) == (
        ("EXAdrLine",),
        "EXStrtNm EXBldgNb, EXBldgNm",
        "EXTwnNm",
        "GB",
    )
    fr = _party(message, "AppHdr/Fr")
    assert (fr.lei, fr.name, fr.identifiers) == ("097900YZ01234567EF25", "EXNm", ("EXMmbId", "EXId"))
    assert [(r.role, r.text) for r in message.remarks] == [
        ("InstrForCdtrAgt", "EXInstrInf"),
        ("InstrForNxtAgt", "EXInstrInf"),
        ("Purp", "EXCd"),
        ("RgltryRptg", "EXInf"),
        ("RltdRmtInf", "EXRmtId"),
        ("RltdRmtInf", "EXElctrncAdr"),
        ("RltdRmtInf", "EXNm"),
    ]
    assert _remark(message, "CdtTrfTxInf[1]/RgltryRptg[1]/Dtls[1]/Inf[1]").text == "EXInf"


def test_the_cbpr_min_messages_skip_empty_header_parties(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.008.001.08_cbpr_2026_min.xml")
    assert not any(p.role in ("Fr", "To") for p in message.parties)
    assert [p.name for p in message.parties if p.role in ("Dbtr", "Cdtr")] == ["EXAMPLE PARTY NV"] * 2
    # An empty <FinInstnId/> is kept, for the policy to see that the message names no bank there.
    assert _party(message, "CdtTrfTxInf[1]/DbtrAgt").is_empty()


def test_the_cbpr_cov_sample_reads_the_underlying_customer_transfer(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.009.001.08_cbpr_cov_2025_max.xml")
    cover_debtor = _party(message, "CdtTrfTxInf[1]/Dbtr")
    assert (cover_debtor.bic, cover_debtor.kind) == ("BCDEGBPQXXX", "Organization")
    assert _party(message, "CdtTrfTxInf[1]/Cdtr").bic == "QRSTUSMNXXX"
    under = [p for p in message.parties if "/UndrlygCstmrCdtTrf/" in p.path]
    assert {p.role for p in under} >= {"Dbtr", "Cdtr", "UltmtDbtr", "UltmtCdtr", "InitgPty", "DbtrAgt", "CdtrAgt"}
    debtor = _party(message, "CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Dbtr")
    assert (debtor.name, debtor.kind, debtor.birth_date) == ("EXNm", "Person", "2026-01-01")
    assert debtor.address is not None and debtor.address.country == "GB"
    assert _remark(message, "CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/RmtInf/Ustrd[1]").role == "RmtInf/Ustrd"


def test_the_cbpr_cov_min_sample(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.009.001.08_cbpr_cov_2026_min.xml")
    assert _party(message, "CdtTrfTxInf[1]/Dbtr").is_empty()
    assert _party(message, "CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr").name == "EXAMPLE PARTY NV"


def test_the_prowide_pacs009_banks_and_wrapped_name(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.009.001.07_prowide_apphdr.xml")
    # The name spans lines in the file; its whitespace is folded.
    assert _party(message, "GrpHdr/InstdAgt").name == "ASDF AF ASDFSDF ASDFSDF"
    debtor = _party(message, "CdtTrfTxInf[1]/Dbtr")
    assert (debtor.role, debtor.bic, debtor.name, debtor.kind) == ("Dbtr", "SSTYPLP1XXX", "SDFGS SDFGD", "Organization")
    assert _party(message, "CdtTrfTxInf[1]/CdtrAgt").identifiers == ("FFFF", "sdsdfgdfg33")
    assert _party(message, "CdtTrfTxInf[1]/IntrmyAgt1").bic == "RRPLZAJJXXX"


def test_the_cbpr_pacs004_reads_return_chain_and_original_parties(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.004.001.09_cbpr_2025_max.xml")
    for path in (
        "TxInf[1]/RtrChain/Dbtr",
        "TxInf[1]/RtrChain/Cdtr",
        "TxInf[1]/RtrChain/UltmtDbtr",
        "TxInf[1]/RtrChain/InitgPty",
        "TxInf[1]/OrgnlTxRef/Dbtr",
        "TxInf[1]/OrgnlTxRef/Cdtr",
        "TxInf[1]/OrgnlTxRef/UltmtCdtr",
    ):
        party = _party(message, path)
        assert (party.name, party.kind) == ("EXNm", "Person")
    assert _party(message, "TxInf[1]/RtrRsnInf[1]/Orgtr").role == "Orgtr"
    assert _party(message, "TxInf[1]/RtrChain/IntrmyAgt2").bic == "WXYZGB67XXX"
    assert _remark(message, "TxInf[1]/RtrRsnInf[1]/AddtlInf[1]").role == "RtrRsnInf"
    assert _remark(message, "TxInf[1]/OrgnlTxRef/RmtInf/Ustrd[1]").text == "EXUstrd"


def test_the_cbpr_pacs004_min_wraps_parties_in_pty(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.004.001.09_cbpr_2026_min.xml")
    assert [(p.path, p.name) for p in message.parties if p.role in ("Dbtr", "Cdtr")] == [
        ("TxInf[1]/RtrChain/Dbtr", "EXAMPLE PARTY NV"),
        ("TxInf[1]/RtrChain/Cdtr", "EXAMPLE PARTY NV"),
    ]


def test_fednow_names_banks_by_aba_routing_number(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.008.001.08_fednow_frb_sample.xml")
    assert (message.sender, message.receiver) == ("", "")
    assert _party(message, "AppHdr/Fr").identifiers == ("111111111",)
    assert _party(message, "AppHdr/To").identifiers == ("021150706",)
    agent = _party(message, "CdtTrfTxInf[1]/DbtrAgt")
    assert (agent.name, agent.bic, agent.identifiers) == ("BankA", "", ("111111111",))
    assert _party(message, "CdtTrfTxInf[1]/CdtrAgt").identifiers == ("333333333",)
    debtor = _party(message, "CdtTrfTxInf[1]/Dbtr")
    assert (debtor.name, debtor.account) == ("Individual A", "44444444444")
    assert debtor.address is not None
    assert (debtor.address.street, debtor.address.town, debtor.address.region, debtor.address.country) == (
        "Dream Road 450",
        "Lisle",
        "IL",
        "US",
    )
    assert _remark(message, "CdtTrfTxInf[1]/RmtInf/Strd[1]/RfrdDocInf[1]/Nb") == Remark(
        "CdtTrfTxInf[1]/RmtInf/Strd[1]/RfrdDocInf[1]/Nb", "RmtInf/Strd", "INV34563"
    )


def test_rtp_prefixed_message_without_document_and_birth_dates(shared_data: Path) -> None:
    message = _sample(shared_data, "pacs.008.001.08_rtp_tch.xml")
    debtor = _party(message, "CdtTrfTxInf[1]/Dbtr")
    assert (debtor.name, debtor.kind, debtor.birth_date, debtor.birth_place, debtor.birth_country) == (
        "MRS. GREEN",
        "Person",
        "1984-01-01",
        "New York",
        "US",
    )
    assert debtor.account == "US88664715164441"
    creditor = _party(message, "CdtTrfTxInf[1]/Cdtr")
    assert (creditor.name, creditor.birth_date, creditor.birth_place) == (
        "Participant Valid model",
        "1989-01-09",
        "LOS ANGELES",
    )
    assert _party(message, "CdtTrfTxInf[1]/InstgAgt").identifiers == ("234567891",)
    assert _remark(message, "CdtTrfTxInf[1]/RltdRmtInf[1]/RmtId").text == "20230713152936OTS00752775034"


def test_the_postfinance_swiss_variant_reads_eight_transactions(shared_data: Path) -> None:
    message = _sample(shared_data, "pain.001.001.03.ch.02_postfinance_8tx.xml")
    creditors = [p for p in message.parties if p.role == "Cdtr"]
    assert len(creditors) == 8
    assert [p.path for p in creditors][:3] == [
        "PmtInf[1]/CdtTrfTxInf[1]/Cdtr",
        "PmtInf[2]/CdtTrfTxInf[1]/Cdtr",
        "PmtInf[2]/CdtTrfTxInf[2]/Cdtr",
    ]
    italian = _party(message, "PmtInf[4]/CdtTrfTxInf[1]/Cdtr")
    assert italian.address is not None and (italian.address.lines, italian.address.country) == (
        ("Via 10", "Florenz"),
        "IT",
    )
    assert italian.account == "IT1122334455667788991122334"
    assert _party(message, "PmtInf[1]/Dbtr").account == "CH0309000000250090342"
    assert _party(message, "PmtInf[4]/CdtTrfTxInf[1]/CdtrAgt").bic == "AABBCCDDXXX"
    assert _remark(message, "PmtInf[5]/CdtTrfTxInf[2]/RmtInf/Strd[1]/CdtrRefInf/Ref").text == "RF18539007547034"


def test_the_rub_payment_names_a_russian_bank_by_clearing_code(shared_data: Path) -> None:
    # The file starts with a UTF-8 byte order mark.
    message = _sample(shared_data, "pain.001.001.03_lt_rub_to_ru.xml")
    agent = _party(message, "PmtInf[1]/CdtTrfTxInf[1]/CdtrAgt")
    assert (agent.name, agent.bic, agent.identifiers, agent.kind) == (
        "UNICREDIT BANK AO",
        "",
        ("044525593",),
        "Organization",
    )
    assert agent.address is not None and (agent.address.country, agent.address.lines) == ("RU", ("Russia",))
    debtor = _party(message, "PmtInf[1]/Dbtr")
    assert (debtor.kind, debtor.identifiers, debtor.account) == ("Organization", ("123456789",), "LT007180000000000000")
    assert _party(message, "PmtInf[1]/DbtrAgt").bic == "CBSBLT26XXX"
    assert [r.text for r in message.remarks] == ["PREPAYMENT RUB 1000,00"]


def test_the_abc_corporation_sample(shared_data: Path) -> None:
    message = _sample(shared_data, "pain.001.001.03_abc_corporation_3tx.xml")
    assert _party(message, "GrpHdr/InitgPty").name == "ABC Corporation"
    assert _party(message, "PmtInf[1]/DbtrAgt").bic == "BBBBUS33"  # an 8-character BIC
    lines = _party(message, "PmtInf[1]/CdtTrfTxInf[1]/Cdtr").address
    assert lines is not None and lines.lines == ("Corn Exchange 5th Floor", "Mark Lane 55", "EC3R7NE London", "GB")
    assert [r.text for r in message.remarks if r.role == "Purp"] == ["CINV", "GDDS", "INTC"]
    assert _remark(message, "PmtInf[1]/CdtTrfTxInf[2]/InstrForCdtrAgt[1]/InstrInf").text == "+32/2/2222222"


def test_the_cbpr_pain001_max(shared_data: Path) -> None:
    message = _sample(shared_data, "pain.001.001.09_cbpr_2025_max.xml")
    assert _party(message, "GrpHdr/InitgPty").name == "EXNm"
    assert _party(message, "GrpHdr/FwdgAgt").bic == "UVWXGBKLXXX"
    assert _party(message, "PmtInf[1]/Dbtr").role == "Dbtr"
    assert _party(message, "PmtInf[1]/CdtTrfTxInf[1]/CdtrAgt").bic == "JKLMUSTUXXX"
    assert _remark(message, "PmtInf[1]/InstrForDbtrAgt").text == "EXInstrForDbtrAgt"


# --- the project's own messages ---------------------------------------------------------------------


def test_pacs008_v12_with_a_listed_looking_creditor() -> None:
    message = _read(PACS008)
    assert (message.type, message.family, message.id, message.service) == (
        "pacs.008.001.12",
        "pacs.008",
        "EMB-P8-12-0001",
        "swift.cbprplus.03",
    )
    assert (message.sender, message.receiver, message.transactions) == ("ALPHDEFFXXX", "BETAAEADXXX", 2)
    assert message.amounts == ("EUR 48250.00", "EUR 1200.00")
    creditor = _party(message, "CdtTrfTxInf[1]/Cdtr")
    assert (creditor.name, creditor.kind, creditor.bic, creditor.identifiers, creditor.account) == (
        "HESA TRADE CENTER",
        "Organization",
        "HESAAEADXXX",
        ("TRN100234567800003",),
        "AE070331234567890123456",
    )
    assert creditor.address is not None
    assert creditor.address.lines == ("Office 1204", "c/o Iran Aircraft Manufacturing Industries")
    assert (creditor.address.street, creditor.address.town, creditor.address.country) == (
        "Sheikh Zayed Road 17, Al Saqr Tower",
        "Dubai",
        "AE",
    )
    debtor = _party(message, "CdtTrfTxInf[1]/Dbtr")
    assert (debtor.lei, debtor.identifiers, debtor.residence, debtor.account) == (
        "529900EMBARGOTEST042",
        ("HRB 98765",),
        "DE",
        "DE89370400440532013000",
    )
    assert debtor.address is not None and (debtor.address.street, debtor.address.town) == (
        "Königsallee 92a",
        "Düsseldorf",
    )
    ultimate = _party(message, "CdtTrfTxInf[1]/UltmtCdtr")
    assert (
        ultimate.name,
        ultimate.kind,
        ultimate.birth_date,
        ultimate.birth_place,
        ultimate.birth_country,
        ultimate.residence,
    ) == ("Hasan NASRALLAH", "Person", "1960-08-31", "Beirut", "LB", "LB")
    assert _party(message, "CdtTrfTxInf[1]/UltmtDbtr").identifiers == ("C01X00T47",)
    assert _party(message, "CdtTrfTxInf[1]/CdtrAgt").identifiers == ("302620122",)
    invoicee = _party(message, "CdtTrfTxInf[1]/RmtInf/Strd[1]/Invcee")
    assert invoicee.role == "Invcee" and invoicee.address is not None and invoicee.address.country == "IR"
    assert _party(message, "CdtTrfTxInf[2]/DbtrAgt").bic == "ALPHDEFF"
    assert [(r.path, r.role, r.text) for r in message.remarks] == [
        ("CdtTrfTxInf[1]/InstrForCdtrAgt[1]/InstrInf", "InstrForCdtrAgt", "Call the beneficiary before crediting"),
        ("CdtTrfTxInf[1]/InstrForNxtAgt[1]/InstrInf", "InstrForNxtAgt", "Cover via Gamma Exchange Bank Dubai"),
        ("CdtTrfTxInf[1]/Purp/Cd", "Purp", "GDDS"),
        ("CdtTrfTxInf[1]/RgltryRptg[1]/Dtls[1]/Inf[1]", "RgltryRptg", "Export licence EX-2026-0815 for aircraft parts"),
        ("CdtTrfTxInf[1]/RmtInf/Ustrd[1]", "RmtInf/Ustrd", "Invoice 2026-117 spare parts"),
        ("CdtTrfTxInf[1]/RmtInf/Ustrd[2]", "RmtInf/Ustrd", "for aircraft maintenance at Isfahan"),
        ("CdtTrfTxInf[1]/RmtInf/Strd[1]/RfrdDocInf[1]/Nb", "RmtInf/Strd", "2026-117"),
        ("CdtTrfTxInf[1]/RmtInf/Strd[1]/CdtrRefInf/Ref", "RmtInf/Strd", "RF712348231"),
        ("CdtTrfTxInf[1]/RmtInf/Strd[1]/AddtlRmtInf[1]", "RmtInf/Strd", "Shipment via Bandar Abbas"),
        ("CdtTrfTxInf[2]/Purp/Prtry", "Purp", "Monthly rent"),
        ("CdtTrfTxInf[2]/RmtInf/Ustrd[1]", "RmtInf/Ustrd", "Rent March 2026"),
    ]
    # Parties come in message order: the header first, then each transaction's in document order.
    assert [p.role for p in message.parties[:7]] == [
        "Fr",
        "To",
        "InstgAgt",
        "InstdAgt",
        "IntrmyAgt1",
        "UltmtDbtr",
        "Dbtr",
    ]


def test_pacs009_cov_with_prefixed_elements() -> None:
    message = _read(PACS009_COV)
    assert (message.type, message.family, message.service, message.amounts) == (
        "pacs.009.001.10",
        "pacs.009",
        "swift.cbprplus.cov.03",
        ("USD 750000.00",),
    )
    assert (message.sender, message.receiver) == ("EPSIGB2LXXX", "ZETAUS33XXX")
    cover = _party(message, "CdtTrfTxInf[1]/Cdtr")
    assert (cover.name, cover.bic, cover.kind) == ("Iota Commercial Bank", "IOTAAEADXXX", "Organization")
    creditor = _party(message, "CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr")
    assert (creditor.name, creditor.kind, creditor.account) == ("SOVCOMFLOT MARITIME SERVICES FZE", None, "0011223344")
    assert creditor.address is not None and (creditor.address.region, creditor.address.country) == ("Free Zone", "AE")
    assert (
        _remark(message, "CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/RmtInf/Ustrd[1]").text
        == "Charter hire April, MV NS CHAMPION IMO 9312793"
    )


def test_pacs004_return_chain_with_a_party_and_a_bank() -> None:
    message = _read(PACS004)
    assert (message.type, message.id, message.transactions, message.amounts) == (
        "pacs.004.001.11",
        "EMB-RTR-2026-0042",
        2,
        ("EUR 15000.00", "EUR 320.50"),
    )
    assert (message.sender, message.receiver) == ("", "")
    debtor = _party(message, "TxInf[1]/RtrChain/Dbtr")
    assert (debtor.role, debtor.name, debtor.kind) == ("Dbtr", "Kappa Logistics BV", None)
    bank = _party(message, "TxInf[1]/RtrChain/Cdtr")
    assert (bank.role, bank.name, bank.bic, bank.kind) == (
        "Cdtr",
        "Belarusbank Trade House",
        "MUUUBYBBXXX",
        "Organization",
    )
    original = _party(message, "TxInf[1]/OrgnlTxRef/Cdtr")
    assert (original.name, original.kind, original.identifiers) == ("Belaruskali OAO", "Organization", ("600122610",))
    assert _party(message, "TxInf[1]/OrgnlTxRef/Dbtr").account == "NL91ABNA0417164300"
    assert _party(message, "TxInf[1]/RtrRsnInf[1]/Orgtr").name == "Lambda Bank SA"
    assert _party(message, "TxInf[2]/RtrChain/Cdtr").name == "Mu Office Supplies"
    assert [(r.path, r.role) for r in message.remarks] == [
        ("TxInf[1]/RtrRsnInf[1]/AddtlInf[1]", "RtrRsnInf"),
        ("TxInf[1]/OrgnlTxRef/RmtInf/Ustrd[1]", "RmtInf/Ustrd"),
        ("TxInf[2]/RtrRsnInf[1]/AddtlInf[1]", "RtrRsnInf"),
    ]


def test_pain001_v11_batches() -> None:
    message = _read(PAIN001)
    assert (message.type, message.id, message.transactions) == ("pain.001.001.11", "EMB-PAIN-2026-0311", 3)
    assert message.amounts == ("CHF 9500.00", "CHF 2200.00", "USD 10000.00")
    initiator = _party(message, "GrpHdr/InitgPty")
    assert (initiator.bic, initiator.lei, initiator.kind) == ("NORDCHZZXXX", "5067000NORDWIND00017", "Organization")
    ultimate = _party(message, "PmtInf[1]/CdtTrfTxInf[1]/UltmtCdtr")
    assert ultimate.address is not None and (ultimate.address.town, ultimate.address.region) == ("Sevastopol", "UA-40")
    assert _party(message, "PmtInf[2]/Dbtr").account == "0762-0116238-52"
    assert _remark(message, "PmtInf[1]/CdtTrfTxInf[1]/Purp/Prtry").text == "Electronic components, order 4411"
    assert _remark(message, "PmtInf[2]/InstrForDbtrAgt/InstrInf").role == "InstrForDbtrAgt"


def test_bare_message_root_and_source_name() -> None:
    body = PAIN001.read_bytes()
    start = body.index(b"<CstmrCdtTrfInitn>")
    end = body.index(b"</Document>")
    bare = b'<CstmrCdtTrfInitn xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.11">' + body[start + 18 : end]
    message = read_iso20022(bare, "request body")
    assert (message.type, message.source, message.transactions) == ("pain.001.001.11", "request body", 3)


def test_type_from_header_or_family_when_the_namespace_says_nothing() -> None:
    data = PACS004.read_bytes().replace(b' xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.11"', b"")
    assert read_iso20022(data).type == "pacs.004"
    wrapped = (
        b"<Envelope><AppHdr><MsgDefIdr>pacs.004.001.11</MsgDefIdr></AppHdr>" + data.split(b"?>", 1)[1] + b"</Envelope>"
    )
    assert read_iso20022(wrapped).type == "pacs.004.001.11"


# --- errors -----------------------------------------------------------------------------------------

_BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>&lol3;</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>"""

_EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><CdtTrfTxInf><Cdtr><Nm>&xxe;</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"""

_CAMT = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>S1</MsgId></GrpHdr></BkToCstmrStmt></Document>"""

_HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"""


def _own(old: bytes, new: bytes, path: Path = PACS008, count: int = 1) -> bytes:
    data = path.read_bytes()
    assert old in data, old
    return data.replace(old, new, count)


def _without(start: bytes, end: bytes, path: Path = PACS008) -> bytes:
    data = path.read_bytes()
    first = data.index(start)
    return data[:first] + data[data.index(end, first) + len(end) :]


# name, input, the texts the error must contain
ERRORS = [
    ("empty", b"", ["the message is empty"]),
    ("blank", b" \n\t ", ["the message is empty"]),
    ("billion laughs", _BILLION_LAUGHS, ["DTD or entities", "refused"]),
    ("external entity", _EXTERNAL, ["DTD or entities", "refused"]),
    ("html page", _HTML_PAGE, ["HTML page"]),
    ("html without doctype", b"<html><body><p>Login</p></body></html>", ["HTML page"]),
    ("not xml", b'{"pacs": "008"}', ["not well-formed XML", "line 1"]),
    ("truncated", PACS008.read_bytes()[:3000], ["not well-formed XML", "line "]),
    ("utf-16", "<Document/>".encode("utf-16"), ["not UTF-8"]),
    ("nesting bomb", b"<a>" * 100_000 + b"</a>" * 100_000, ["not well-formed XML", "depth", "line 1"]),
    (
        "no document",
        b"<Envelope><AppHdr><BizMsgIdr>X</BizMsgIdr></AppHdr></Envelope>",
        ["no ISO 20022 Document", "Envelope"],
    ),
    ("empty document", b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"/>', ["Document is empty"]),
    (
        "camt.053",
        _CAMT,
        ["BkToCstmrStmt (camt.053.001.08)", "not read", "FIToFICstmrCdtTrf (pacs.008)", "CstmrCdtTrfInitn (pain.001)"],
    ),
    (
        "namespace and element disagree",
        _own(b'pacs.008.001.12">', b'pacs.009.001.10">'),
        ["namespace names pacs.009.001.10", "FIToFICstmrCdtTrf (pacs.008)"],
    ),
    ("two messages", b"<Batch>" + PACS004.read_bytes().split(b"?>", 1)[1] * 2 + b"</Batch>", ["2 messages"]),
    ("no transaction", PACS008.read_bytes().replace(b"CdtTrfTxInf>", b"X>"), ["no CdtTrfTxInf", ", CdtTrfTxInf:"]),
    ("pacs.004 without TxInf", PACS004.read_bytes().replace(b"TxInf>", b"X>"), ["no TxInf", ", TxInf:"]),
    ("pain.001 without PmtInf", PAIN001.read_bytes().replace(b"PmtInf>", b"X>"), ["no PmtInf"]),
    (
        "pain.001 PmtInf without transaction",
        PAIN001.read_bytes().replace(b"CdtTrfTxInf>", b"X>"),
        ["PmtInf[1]/CdtTrfTxInf", "no CdtTrfTxInf"],
    ),
    ("pain.001 without Dbtr", _without(b"<Dbtr>", b"</Dbtr>", PAIN001), ["PmtInf[1]:", "no Dbtr (debtor)"]),
    ("missing Cdtr", _without(b"<Cdtr>", b"</Cdtr>"), ["CdtTrfTxInf[1]:", "no Cdtr (creditor)", "pacs.008"]),
    (
        "missing Dbtr second transaction",
        _without(b"<Dbtr>\n            <Nm>Anna", b"</Dbtr>"),
        ["CdtTrfTxInf[2]:", "no Dbtr"],
    ),
    (
        "cov without underlying Cdtr",
        _without(b"<p:Cdtr>\n            <p:Nm>", b"</p:Cdtr>", PACS009_COV),
        ["CdtTrfTxInf[1]/UndrlygCstmrCdtTrf:", "no Cdtr"],
    ),
    (
        "bad Ctry",
        _own(b"<Ctry>AE</Ctry>\n              <AdrLine>", b"<Ctry>UAE</Ctry>\n              <AdrLine>"),
        ["CdtTrfTxInf[1]/Cdtr/PstlAdr/Ctry:", "Ctry 'UAE' is not a two-letter country code"],
    ),
    (
        "bad CtryOfRes",
        _own(b"<CtryOfRes>LB</CtryOfRes>", b"<CtryOfRes>Lebanon</CtryOfRes>"),
        ["CdtTrfTxInf[1]/UltmtCdtr/CtryOfRes:", "'Lebanon'"],
    ),
    (
        "bad CtryOfBirth",
        _own(b"<CtryOfBirth>LB</CtryOfBirth>", b"<CtryOfBirth>L1</CtryOfBirth>"),
        ["UltmtCdtr/Id/PrvtId/DtAndPlcOfBirth/CtryOfBirth"],
    ),
    (
        "bad Ctry in pacs.004 Pty",
        _own(b"<Ctry>NL</Ctry>", b"<Ctry>N</Ctry>", PACS004),
        ["TxInf[1]/RtrChain/Dbtr/Pty/PstlAdr/Ctry:"],
    ),
    (
        "bad BICFI",
        _own(
            b"<BICFI>BETAAEADXXX</BICFI>\n              <ClrSysMmbId>",
            b"<BICFI>BETA AE AD</BICFI>\n              <ClrSysMmbId>",
        ),
        ["CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI:", "'BETA AE AD' is not a BIC"],
    ),
    (
        "bad BIC length",
        _own(b"<BICFI>ALPHDEFF</BICFI>", b"<BICFI>ALPHDEFFX</BICFI>"),
        ["CdtTrfTxInf[2]/DbtrAgt/FinInstnId/BICFI:", "not a BIC"],
    ),
    (
        "bad header BIC",
        _own(b"<BICFI>ALPHDEFFXXX</BICFI>", b"<BICFI>12345678</BICFI>"),
        ["AppHdr/Fr/FIId/FinInstnId/BICFI:"],
    ),
    (
        "bad AnyBIC",
        _own(b"<AnyBIC>HESAAEADXXX</AnyBIC>", b"<AnyBIC>HESA</AnyBIC>"),
        ["CdtTrfTxInf[1]/Cdtr/Id/OrgId/AnyBIC:"],
    ),
    (
        "bad prefixed BIC",
        _own(b"<p:BICFI>ETAACHZZXXX</p:BICFI>", b"<p:BICFI>ETAACHZZXXXX</p:BICFI>", PACS009_COV),
        ["CdtTrfTxInf[1]/IntrmyAgt1/FinInstnId/BICFI:"],
    ),
    (
        "bad return chain bank",
        _own(b"<BICFI>MUUUBYBBXXX</BICFI>", b"<BICFI>MUUU-BY</BICFI>", PACS004),
        ["TxInf[1]/RtrChain/Cdtr/Agt/FinInstnId/BICFI:"],
    ),
]


@pytest.mark.parametrize(("data", "expected"), [(row[1], row[2]) for row in ERRORS], ids=[row[0] for row in ERRORS])
def test_errors_name_what_is_wrong(data: bytes, expected: list[str]) -> None:
    with pytest.raises(MessageError) as caught:
        read_iso20022(data, "msg.xml")
    text = str(caught.value)
    assert text.startswith("msg.xml"), text
    assert "\n" not in text.strip()
    for part in expected:
        assert part in text, f"{part!r} not in {text!r}"


def test_a_message_larger_than_the_limit_is_refused_before_parsing() -> None:
    data = PACS008.read_bytes()
    huge = data.replace(b"<Ustrd>Rent March 2026</Ustrd>", b"<Ustrd>" + b"x" * MAX_MESSAGE_BYTES + b"</Ustrd>")
    with pytest.raises(MessageError, match=r"the message is 10,00\d,\d{3} bytes, more than the 10,000,000 read"):
        read_iso20022(huge)


def test_a_truncated_message_gives_its_line() -> None:
    data = PACS008.read_bytes()
    cut = data[: data.index(b"<Cdtr>")]
    with pytest.raises(MessageError) as caught:
        read_iso20022(cut, "cut.xml")
    assert caught.value.location is not None and caught.value.location.startswith("line ")
    assert caught.value.source == "cut.xml"


def test_errors_carry_source_and_location() -> None:
    with pytest.raises(MessageError) as caught:
        read_iso20022(_without(b"<Cdtr>", b"</Cdtr>"), "queue 7")
    assert (caught.value.source, caught.value.location) == ("queue 7", "CdtTrfTxInf[1]")


def test_a_dtd_is_refused_after_parsing_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # With the byte check switched off, the parser expands nothing, reads no file, and the DTD is still refused.
    import embargo.payments.iso20022 as module

    class _Never:
        def search(self, *args: object) -> None:
            return None

    monkeypatch.setattr(module, "DTD", _Never())
    for data in (_BILLION_LAUGHS, _EXTERNAL):
        with pytest.raises(MessageError, match="declares a DTD") as caught:
            read_iso20022(data)
        assert "lollollol" not in str(caught.value) and "root:" not in str(caught.value)


# --- robustness and speed ---------------------------------------------------------------------------


def test_every_truncation_of_a_message_is_a_message_error() -> None:
    data = PACS004.read_bytes()
    for end in range(0, len(data), 7):
        with contextlib.suppress(MessageError):
            read_iso20022(data[:end])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.integers(min_value=0, max_value=4000))
def test_random_bytes_spliced_in_raise_only_message_errors(noise: bytes, at: int) -> None:
    data = PACS009_COV.read_bytes()
    at = min(at, len(data))
    with contextlib.suppress(MessageError):
        read_iso20022(data[:at] + noise + data[at:])


def test_reading_a_pacs008_is_fast(shared_data: Path) -> None:
    data = shared_file(shared_data, "payments/iso20022/pacs.008.001.07_prowide_apphdr.xml").read_bytes()
    best = min(timeit.repeat(lambda: read_iso20022(data), number=50, repeat=5)) / 50
    # About 0.2 ms on a laptop; the bound only catches an accidental slowdown by an order of magnitude.
    assert best < 0.005, f"{best * 1000:.2f} ms"
