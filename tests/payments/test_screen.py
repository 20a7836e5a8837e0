"""Screening a message: each element by the policy, one verdict, every hit with its element and reason."""

from __future__ import annotations

import pytest

from embargo.payments.iso20022 import read_iso20022
from embargo.payments.message import Address, Message, Party, Remark
from embargo.payments.mt import read_mt
from embargo.payments.policy import default_policy
from embargo.payments.screen import PaymentScreener
from embargo.payments.verdict import Verdict
from tests.payments.conftest import pacs008


def screen(screener: PaymentScreener, data: bytes) -> Verdict:
    return screener.screen(read_iso20022(data, "test"))


def kinds(verdict: Verdict) -> set[tuple[str, str]]:
    return {(h.role, h.kind) for h in verdict.hits}


def test_a_clean_message_passes(pay_screener: PaymentScreener) -> None:
    verdict = screen(pay_screener, pacs008())
    assert verdict.verdict == "pass"
    assert verdict.hits == []
    assert verdict.screened >= 5  # two parties, two banks, the remittance line


# (what changes in the message, the element and kind of hit it must raise)
HOLDS = [
    ({"creditor": "Viktor Ivanovich Petrenko"}, ("Cdtr", "name")),
    ({"creditor": "PETRENKO VIKTOR"}, ("Cdtr", "name")),
    ({"creditor": "Виктор Петренко"}, ("Cdtr", "name")),
    ({"debtor": "Aliaksandr LUKASHENKA"}, ("Dbtr", "name")),
    ({"creditor_agent": "KDBKKPPYXXX"}, ("CdtrAgt", "bic")),  # a listed bank's head office
    ({"intermediary": "KDBKKPPY123"}, ("IntrmyAgt1", "bic")),  # another branch of it
    ({"creditor_country": "IR"}, ("Cdtr", "country")),
    ({"creditor_country": "", "creditor_lines": ("12 VEDADO STREET", "HAVANA, CUBA")}, ("Cdtr", "country")),
    ({"creditor_country": "UA", "creditor_town": "Sevastopol"}, ("Cdtr", "place")),
    ({"creditor_country": "RU", "creditor_town": "Симферополь"}, ("Cdtr", "place")),
    ({"remittance": "FREIGHT FOR MV CASPIAN ORCHID IMO 9321483"}, ("RmtInf/Ustrd", "identifier")),
    ({"remittance": "Consulting fees for Viktor Ivanovich Petrenko"}, ("RmtInf/Ustrd", "text")),
    ({"remittance": "GOODS SHIPPED TO PYONGYANG VIA DALIAN"}, ("RmtInf/Ustrd", "country")),
]


@pytest.mark.parametrize(("change", "expected"), HOLDS)
def test_a_listed_party_bank_country_or_text_holds(
    pay_screener: PaymentScreener, change: dict[str, object], expected: tuple[str, str]
) -> None:
    verdict = screen(pay_screener, pacs008(**change))  # type: ignore[arg-type]
    assert verdict.verdict == "hold"
    assert expected in kinds(verdict)


def test_a_listed_bic_is_an_exact_hit_whatever_the_name(pay_screener: PaymentScreener) -> None:
    verdict = screen(pay_screener, pacs008(creditor_agent="KDBKKPPYXXX"))
    hit = next(h for h in verdict.hits if h.kind == "bic")
    assert hit.score == 1.0
    assert hit.caption == "KOREA DAESONG BANK"
    assert hit.path == "CdtTrfTxInf[1]/CdtrAgt"
    assert "listed SWIFT/BIC code" in hit.detail or "BIC" in hit.detail
    assert any(d.get("program") == "DPRK3" for d in hit.designations)
    # the BIC's country is North Korea's: a country-wide programme too
    assert any(h.kind == "country" and h.programme == "north_korea" for h in verdict.hits)


def test_a_name_hit_carries_its_explanation_and_designations(pay_screener: PaymentScreener) -> None:
    verdict = screen(pay_screener, pacs008(creditor="Viktor Ivanovich Petrenko"))
    hit = next(h for h in verdict.hits if h.kind == "name")
    assert hit.caption == "Viktor Ivanovich PETRENKO"
    assert hit.score >= default_policy().threshold
    assert hit.explanation and hit.explanation[0]["feature"] == "name"
    assert hit.designations and hit.designations[0]["program"] == "RUSSIA-EO14024"
    data = verdict.to_dict()
    assert data["verdict"] == "hold"
    assert data["hits"][0]["path"] == "CdtTrfTxInf[1]/Cdtr"


def test_an_lei_on_a_list_is_an_exact_hit(pay_screener: PaymentScreener) -> None:
    message = Message(
        "pacs.008.001.08",
        "pacs.008",
        "LEI-1",
        "test",
        parties=(Party("CdtTrfTxInf[1]/Cdtr", "Cdtr", "Some Trading House", lei="253400M8ZQ7ARTAV3X12"),),
    )
    verdict = pay_screener.screen(message)
    assert [h.kind for h in verdict.hits] == ["lei"]
    assert verdict.hits[0].caption == "VOLGA MARITIME TRUST LLC"


def test_names_of_common_people_do_not_hold(pay_screener: PaymentScreener) -> None:
    for debtor, creditor in [("John Smith", "Maria Garcia Lopez"), ("Chen Wei", "Olena Kovalenko")]:
        assert screen(pay_screener, pacs008(debtor=debtor, creditor=creditor)).verdict == "pass"


def test_the_same_party_in_two_transactions_is_a_hit_in_each(pay_screener: PaymentScreener) -> None:
    message = Message(
        "pacs.008.001.08",
        "pacs.008",
        "TWO",
        "test",
        parties=(
            Party("CdtTrfTxInf[1]/Cdtr", "Cdtr", "Viktor Petrenko"),
            Party("CdtTrfTxInf[2]/Cdtr", "Cdtr", "Viktor Petrenko"),
        ),
        transactions=2,
    )
    verdict = pay_screener.screen(message)
    assert sorted({h.path for h in verdict.hits}) == ["CdtTrfTxInf[1]/Cdtr", "CdtTrfTxInf[2]/Cdtr"]
    # the same party gets the same fingerprint wherever it stands
    assert len({h.party_key for h in verdict.hits}) == 1


def test_a_skipped_element_and_an_empty_bank_are_said(pay_store: object) -> None:
    from dataclasses import replace

    policy = replace(default_policy(), elements={**default_policy().elements, "InstrForNxtAgt": "skip"})
    screener = PaymentScreener.open(pay_store, policy)  # type: ignore[arg-type]
    message = Message(
        "MT103",
        "MT103",
        "X",
        "test",
        parties=(Party("57A", "CdtrAgt"),),
        remarks=(Remark("72", "InstrForNxtAgt", "/ACC/PAY VIKTOR PETRENKO"),),
    )
    verdict = screener.screen(message)
    assert verdict.verdict == "pass"
    assert any("72: not screened" in n for n in verdict.notes)
    assert any("57A: names nothing to screen" in n for n in verdict.notes)


def test_an_unreadable_value_is_said_and_the_rest_screened(pay_screener: PaymentScreener) -> None:
    message = Message(
        "pacs.008.001.08",
        "pacs.008",
        "BAD",
        "test",
        parties=(Party("Dbtr", "Dbtr", "Viktor Petrenko", birth_date="31/31/1961", address=Address(country="RU")),),
    )
    verdict = pay_screener.screen(message)
    assert verdict.verdict == "hold"
    assert any("birth_date" in n and "screened without it" in n for n in verdict.notes)


def test_mt103_fields_are_screened_by_the_same_policy(pay_screener: PaymentScreener) -> None:
    text = (
        "{1:F01ALPHDEFFAXXX0000000000}{2:I103BETADEFFXXXXN}{4:\r\n:20:REF-1\r\n:23B:CRED\r\n"
        ":32A:260302EUR1250,00\r\n:50K:/DE89370400440532013000\r\nANNA SCHMIDT\r\nBERLIN\r\n"
        ":57A:KDBKKPPY\r\n:59:/40702810900000012345\r\nVIKTOR IVANOVICH PETRENKO\r\nMOSCOW\r\n"
        ":70:INVOICE 17\r\n:71A:SHA\r\n-}"
    )
    (message,) = read_mt(text, "test")
    verdict = pay_screener.screen(message)
    assert {("59", "name"), ("57A", "bic")} <= {(h.path, h.kind) for h in verdict.hits}


def test_verdicts_are_the_same_on_a_second_screening(pay_screener: PaymentScreener) -> None:
    data = pacs008(creditor="Viktor Ivanovich Petrenko", remittance="IMO 9321483")
    first = screen(pay_screener, data).to_dict()
    second = screen(pay_screener, data).to_dict()
    first.pop("milliseconds")
    second.pop("milliseconds")
    assert first == second


def test_a_screener_without_its_store_says_it_reads_no_names_in_texts(pay_screener: PaymentScreener) -> None:
    from embargo.screening import Screener

    bare = PaymentScreener(Screener(pay_screener.screener.indexes))  # index files alone: no text screener
    verdict = bare.screen(read_iso20022(pacs008(remittance="FREIGHT IMO 9321483"), "t"))
    assert [h.kind for h in verdict.hits] == ["identifier"]  # identifiers are still looked up
    assert any("names in it not screened (no text screener" in n for n in verdict.notes)
