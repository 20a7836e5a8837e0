"""A store of the project's fixture lists (and a list with a BIC, an LEI and an IMO number) for payment tests."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from embargo.ingest import import_file
from embargo.payments.screen import PaymentScreener
from embargo.store import Store
from tests.conftest import FIXTURES

PAYMENT_LIST = FIXTURES / "payments" / "lists" / "listed.ftm.json"


def payment_store(path: Path) -> Store:
    """A new store with the OFAC and UN fixtures and the payment fixture list imported."""
    store = Store(path)
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(store, FIXTURES / "un" / "consolidated.xml", "un_sc")
    import_file(store, PAYMENT_LIST, "xx_payments")
    return store


@pytest.fixture(scope="session")
def pay_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return payment_store(tmp_path_factory.mktemp("payments") / "store.db")


@pytest.fixture(scope="session")
def pay_screener(pay_store: Store) -> PaymentScreener:
    return PaymentScreener.open(pay_store, None)


def _agent(tag: str, bic: str) -> str:
    return f"<{tag}><FinInstnId><BICFI>{bic}</BICFI></FinInstnId></{tag}>" if bic else ""


def _party(tag: str, name: str, country: str, lines: tuple[str, ...] = (), town: str = "") -> str:
    if not name:
        return ""
    address = "".join(f"<AdrLine>{escape(line)}</AdrLine>" for line in lines)
    town_part = f"<TwnNm>{escape(town)}</TwnNm>" if town else ""
    country_part = f"<Ctry>{country}</Ctry>" if country else ""
    return f"<{tag}><Nm>{escape(name)}</Nm><PstlAdr>{town_part}{country_part}{address}</PstlAdr></{tag}>"


def pacs008(
    debtor: str = "Anna Schmidt",
    creditor: str = "Nordlicht Handels GmbH",
    *,
    debtor_country: str = "DE",
    creditor_country: str = "DE",
    creditor_lines: tuple[str, ...] = (),
    creditor_town: str = "Hamburg",
    debtor_agent: str = "ALPHDEFFXXX",
    creditor_agent: str = "BETADEFFXXX",
    intermediary: str = "",
    remittance: str = "INVOICE 2026-0042",
    msg_id: str = "EMB-TEST-1",
    version: str = "08",
) -> bytes:
    """A pacs.008 of one transaction, written as the message definition has it, with these parties."""
    ustrd = f"<RmtInf><Ustrd>{escape(remittance)}</Ustrd></RmtInf>" if remittance else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.{version}">
 <FIToFICstmrCdtTrf>
  <GrpHdr><MsgId>{msg_id}</MsgId><CreDtTm>2026-03-02T09:15:00Z</CreDtTm><NbOfTxs>1</NbOfTxs>
   <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>
  <CdtTrfTxInf>
   <PmtId><EndToEndId>E2E-1</EndToEndId></PmtId>
   <IntrBkSttlmAmt Ccy="EUR">1250.00</IntrBkSttlmAmt>
   <ChrgBr>SHAR</ChrgBr>
   {_agent("IntrmyAgt1", intermediary)}
   {_party("Dbtr", debtor, debtor_country, town="Berlin")}
   {_agent("DbtrAgt", debtor_agent)}
   {_agent("CdtrAgt", creditor_agent)}
   {_party("Cdtr", creditor, creditor_country, creditor_lines, creditor_town)}
   {ustrd}
  </CdtTrfTxInf>
 </FIToFICstmrCdtTrf>
</Document>""".encode()
