"""Payment screening with every real list loaded: one pacs.008's verdict, a day of them, and the same
parties screened through yente-style ``/match`` calls.

    .venv/bin/python bench/payments.py --db bench/out/bench.db [--messages 3000] [--warmup 400] [--write]

Messages: CBPR+-shaped pacs.008.001.08 with a business application header, generated (seeded) from
names no list holds: people from the yente negatives (global and US), companies from
``bench/sets/company_negatives_dev.csv``; each with a debtor and a creditor (postal address, country),
four banks by BIC (instructing, instructed, debtor's, creditor's) and a remittance line. One in a
hundred pays a listed person (the yente UN positives, with their typos) and one in two hundred goes
through a listed bank's BIC. Two flows:

* ``distinct``: every party appears once (no verdict met before helps);
* ``recurring``: debtors drawn from 2,000 customers and creditors from 5,000 counterparties, Zipf
  (s = 1.1), as a bank's payments repeat (the screener keeps the verdicts of names met before).

embargo reads and screens each message in this process, pinned to one core, after ``--warmup``
messages of their own (not timed), with the garbage collector set as ``embargo payments screen`` sets
it (:mod:`embargo.screening.collector`): latency per message (read + screen), and throughput from the
CPU time of the whole set. The peer is yente's way: the message's parties sent as one ``POST
/match/default`` request (debtor and creditor as ``LegalEntity`` with name and country, each bank as
an ``Organization`` with its ``swiftBic``; no text, no country checks), to embargo's own
yente-compatible API, called in this process as an ASGI app (no sockets: the HTTP stack's cost is
left out, which favours the peer). yente itself needs Elasticsearch, which this machine does not run.
Prints the tables; ``--write`` puts them in docs/benchmarks.md ("Payment screening").
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from api_cpu import _call, _exchange, _Lifespan
from api_load import copy_store
from report import ROOT, context_lines, fmt, table, write_section

from embargo.auth import KeyStore, Role
from embargo.payments.iso20022 import read_iso20022
from embargo.payments.screen import PaymentScreener
from embargo.screening.collector import batch_collection, settle
from embargo.store import Store

try:
    from embargo.app import create_app
    from embargo.server import ApiConfig
except ImportError:  # pragma: no cover
    raise SystemExit("this checkout has no embargo.app") from None

HEADING = "Payment screening (every real list)"
_TOWNS = [
    ("DE", "Hamburg"), ("FR", "Lyon"), ("GB", "Leeds"), ("US", "Chicago"), ("IT", "Torino"), ("ES", "Sevilla"),
    ("NL", "Utrecht"), ("PL", "Gdansk"), ("AE", "Dubai"), ("SG", "Singapore"), ("TR", "Izmir"), ("IN", "Pune"),
    ("BR", "Curitiba"), ("JP", "Osaka"), ("CH", "Basel"), ("CA", "Calgary"), ("MX", "Monterrey"), ("ZA", "Durban"),
]  # fmt: skip
_WORDS = ["INVOICE", "INV", "CONTRACT", "ORDER", "RENT", "SERVICES", "GOODS", "FEES", "SUPPLY", "REFUND"]


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    country: str
    town: str


@dataclass(frozen=True, slots=True)
class Names:
    """The name pools a set of messages is drawn from: people and companies no list holds, listed parties."""

    people: list[str]
    companies: list[str]
    listed: list[str]


def _column(path: Path, column: str = "name") -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [row[column] for row in csv.DictReader(fh) if row[column].strip()]


def names(shared: Path, part: str) -> Names:
    """``dev``: the yente negatives, the development companies, the UN positives (with their typos), which the
    payment screening was developed on; ``heldout``: the held-out script negatives (17 scripts and locales),
    the held-out companies, and the held-out cross-list people and organisations (EU names of OFAC entries)."""
    sets = ROOT / "bench" / "sets"
    if part == "dev":
        people = [n for f in ("yente_cgb_negatives_global.csv", "yente_cgb_negatives_us.csv")
                  for n in _column(shared / "names" / f, "full_name")]  # fmt: skip
        companies = _column(sets / "company_negatives_dev.csv")
        listed = _column(shared / "names" / "yente_cgb_positives_un_treated.csv", "full_name")
    else:
        people = _column(sets / "script_negatives_heldout.csv")
        companies = _column(sets / "company_negatives_heldout.csv")
        listed = _column(sets / "people_crosslist_heldout.csv") + _column(sets / "org_crosslist_heldout.csv")
    return Names(people, companies, listed)


def _listed_bics(screener: PaymentScreener) -> list[str]:
    out = []
    for index in screener.screener.indexes:
        for eid in range(index.entity_count):
            facts = index.facts(eid)
            out += [v for k, v in zip(facts.identifier_kinds or (), facts.identifiers, strict=False) if k == "bic"]
    return sorted(set(out))


def _bic(rng: random.Random, country: str) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "".join(rng.choice(letters) for _ in range(4)) + country + rng.choice(letters) + "2XXX"


def _agent(tag: str, bic: str) -> str:
    return f"<{tag}><FinInstnId><BICFI>{bic}</BICFI></FinInstnId></{tag}>"


def _party(tag: str, p: Party) -> str:
    return (
        f"<{tag}><Nm>{escape(p.name)}</Nm><PstlAdr><StrtNm>Main Street</StrtNm><BldgNb>12</BldgNb>"
        f"<TwnNm>{escape(p.town)}</TwnNm><Ctry>{p.country}</Ctry></PstlAdr></{tag}>"
    )


def message(n: int, debtor: Party, creditor: Party, bics: list[str], remittance: str) -> bytes:
    """One CBPR+-shaped pacs.008.001.08 with its header."""
    instg, instd, dbtr_agt, cdtr_agt = bics
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Envelope><AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">
<Fr><FIId><FinInstnId><BICFI>{instg}</BICFI></FinInstnId></FIId></Fr>
<To><FIId><FinInstnId><BICFI>{instd}</BICFI></FinInstnId></FIId></To>
<BizMsgIdr>BENCH-{n}</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr><BizSvc>swift.cbprplus.02</BizSvc>
<CreDt>2026-12-07T10:00:00Z</CreDt></AppHdr>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<GrpHdr><MsgId>BENCH-{n}</MsgId><CreDtTm>2026-12-07T10:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs>
<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>
<CdtTrfTxInf><PmtId><InstrId>I{n}</InstrId><EndToEndId>E{n}</EndToEndId></PmtId>
<IntrBkSttlmAmt Ccy="EUR">{1000 + n % 9000}.00</IntrBkSttlmAmt><IntrBkSttlmDt>2026-12-07</IntrBkSttlmDt>
<ChrgBr>SHAR</ChrgBr>{_agent("InstgAgt", instg)}{_agent("InstdAgt", instd)}
{_party("Dbtr", debtor)}<DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
{_agent("DbtrAgt", dbtr_agt)}{_agent("CdtrAgt", cdtr_agt)}
{_party("Cdtr", creditor)}<RmtInf><Ustrd>{escape(remittance)}</Ustrd></RmtInf>
</CdtTrfTxInf></FIToFICstmrCdtTrf></Document></Envelope>""".encode()


def generate(
    pools: Names, listed_bics: list[str], count: int, flow: str, seed: int
) -> tuple[list[bytes], list[dict[str, Any]], list[bool]]:
    """``count`` messages of ``flow``, for each the yente-style /match request of its parties, and whether
    a listed party or bank was put in it."""
    rng = random.Random(seed)
    people, companies, listed = list(pools.people), list(pools.companies), pools.listed
    rng.shuffle(people)
    rng.shuffle(companies)
    names = iter([*people, *companies] if flow == "distinct" else [])

    def fresh() -> Party:
        country, town = rng.choice(_TOWNS)
        if flow == "distinct":
            name = next(names)
        else:
            name = rng.choice(companies) if rng.random() < 0.45 else rng.choice(people)
        return Party(name, country, town)

    customers = [fresh() for _ in range(2000)] if flow == "recurring" else []
    counterparties = [fresh() for _ in range(5000)] if flow == "recurring" else []
    banks = [_bic(rng, c) for c, _ in _TOWNS for _ in range(20)]

    def zipf(pool: list[Party]) -> Party:
        weights = getattr(zipf, "w", {}).get(len(pool))
        if weights is None:
            weights = [1 / (i + 1) ** 1.1 for i in range(len(pool))]
            zipf.w = {**getattr(zipf, "w", {}), len(pool): weights}  # type: ignore[attr-defined]
        return rng.choices(pool, weights)[0]

    messages: list[bytes] = []
    requests: list[dict[str, Any]] = []
    planted: list[bool] = []
    for n in range(count):
        debtor = zipf(customers) if customers else fresh()
        creditor = zipf(counterparties) if counterparties else fresh()
        listed_party = rng.random() < 0.01
        if listed_party:
            country, town = rng.choice(_TOWNS)
            creditor = Party(rng.choice(listed), country, town)
        bics = [rng.choice(banks) for _ in range(4)]
        listed_bank = bool(listed_bics) and rng.random() < 0.005
        if listed_bank:
            bics[3] = rng.choice(listed_bics)
        planted.append(listed_party or listed_bank)
        remittance = f"{rng.choice(_WORDS)} {rng.randrange(10_000, 99_999)} {rng.choice(_WORDS)}"
        messages.append(message(n, debtor, creditor, bics, remittance))
        queries: dict[str, Any] = {
            "dbtr": {"schema": "LegalEntity", "properties": {"name": [debtor.name], "country": [debtor.country]}},
            "cdtr": {"schema": "LegalEntity", "properties": {"name": [creditor.name], "country": [creditor.country]}},
        }
        for i, bic in enumerate(bics):
            queries[f"agt{i}"] = {"schema": "Organization", "properties": {"name": [bic], "swiftBic": [bic]}}
        requests.append({"queries": queries})
    return messages, requests, planted


def _pin() -> str:
    try:
        os.sched_setaffinity(0, {0})
        return "pinned to CPU 0"
    except (AttributeError, OSError):
        return "not pinned"


def _quantiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99, statistics.fmean(ordered)


def run_embargo(
    screener: PaymentScreener, warm: list[bytes], timed: list[bytes], planted: list[bool]
) -> dict[str, Any]:
    for data in warm:
        screener.screen(read_iso20022(data, "bench"))
    latencies = []
    held: list[bool] = []
    # as `embargo payments screen` runs (embargo.payments.batch): what is loaded frozen out of the garbage
    # collector's passes, young passes every 50,000 allocations
    settle()
    with batch_collection():
        cpu0 = time.process_time()
        for data in timed:
            t0 = time.perf_counter()
            verdict = screener.screen(read_iso20022(data, "bench"))
            latencies.append((time.perf_counter() - t0) * 1000)
            held.append(verdict.held)
        cpu = time.process_time() - cpu0
    p50, p99, mean = _quantiles(latencies)
    caught = sum(h for h, p in zip(held, planted, strict=True) if p)
    false = sum(h for h, p in zip(held, planted, strict=True) if not p)
    return {
        "p50": p50, "p99": p99, "mean": mean, "per_second": len(timed) / cpu, "held": sum(held),
        "planted": sum(planted), "caught": caught, "clean": len(planted) - sum(planted), "false": false,
    }  # fmt: skip


async def _matched(app: Any, key: bytes, body: bytes) -> bool:
    """Whether a /match request's answer marks any result a match (yente's ``match``: the score reaches the
    threshold)."""
    _, answer = await _exchange(app, key, body)
    return any(r.get("match") for q in json.loads(answer)["responses"].values() for r in q["results"])


async def _run_match(db: Path, key: str, warm: list[bytes], timed: list[bytes], planted: list[bool]) -> dict[str, Any]:
    app = create_app(ApiConfig(db=db, rate_per_minute=0, reload_seconds=0))
    lifespan = _Lifespan(app)
    await lifespan.event("startup")
    try:
        for body in warm:
            await _call(app, key.encode(), body)
        latencies = []
        cpu0 = time.process_time()
        for body in timed:
            t0 = time.perf_counter()
            status = await _call(app, key.encode(), body)
            latencies.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                raise SystemExit(f"/match answered {status}")
        cpu = time.process_time() - cpu0
        # not timed: which messages a yente user would flag (a result marked "match")
        flagged = [await _matched(app, key.encode(), body) for body in timed]
    finally:
        await lifespan.event("shutdown")
    p50, p99, mean = _quantiles(latencies)
    caught = sum(f for f, p in zip(flagged, planted, strict=True) if p)
    false = sum(f for f, p in zip(flagged, planted, strict=True) if not p)
    return {"p50": p50, "p99": p99, "mean": mean, "per_second": len(timed) / cpu, "caught": caught, "false": false}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "bench.db")
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=400)
    parser.add_argument("--seed", type=int, default=25)
    parser.add_argument("--write", action="store_true", help="write the section of docs/benchmarks.md")
    parser.add_argument("--part", choices=("dev", "heldout"), default="dev", help="the name sets (see names())")
    shared = os.environ.get("EMBARGO_SHARED_DATA", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--shared", type=Path, default=Path(shared))
    args = parser.parse_args()
    pinned = _pin()
    rows: list[list[str]] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench_payments_") as tmp:
        db = copy_store(args.db, Path(tmp))
        store = Store(db)
        t0 = time.perf_counter()
        screener = PaymentScreener.open(store)
        screener.warm_up()
        opened = time.perf_counter() - t0
        bics = _listed_bics(screener)
        notes.append(f"payment screener open and warm-up {opened:.2f} s; {len(bics)} BICs on the lists")
        _, key = KeyStore(store).create(Role.SCREEN, "bench/payments.py")
        for flow in ("distinct", "recurring"):
            total = args.warmup + args.messages
            messages, requests, planted = generate(names(args.shared, args.part), bics, total, flow, args.seed)
            # distinct: the warm-up's parties are others than the timed ones, so nothing was met before
            warm, timed = messages[: args.warmup], messages[args.warmup :]
            fresh = PaymentScreener(screener.screener, screener.policy, screener.texts)  # no verdicts kept yet
            ours = run_embargo(fresh, warm, timed, planted[args.warmup :])
            bodies = [json.dumps(r, ensure_ascii=False).encode() for r in requests]
            peer = asyncio.run(
                _run_match(db, key, bodies[: args.warmup], bodies[args.warmup :], planted[args.warmup :])
            )
            print(flow, "embargo", ours, "match", peer, file=sys.stderr)
            for label, found in ((f"embargo payments, {flow}", ours), (f"yente-style /match, {flow}", peer)):
                rows.append(
                    [label, f"{args.messages:,}", fmt(found["p50"], 2), fmt(found["p99"], 2), fmt(found["mean"], 2),
                     f"{found['per_second']:,.0f}"]
                )  # fmt: skip
            rows.append(
                [f"ratio /match ÷ embargo, {flow}", "", fmt(peer["p50"] / ours["p50"], 2),
                 fmt(peer["p99"] / ours["p99"], 2), fmt(peer["mean"] / ours["mean"], 2),
                 fmt(ours["per_second"] / peer["per_second"], 2)]
            )  # fmt: skip
            notes.append(
                f"{flow}: embargo held {ours['held']:,} of {args.messages:,} messages: {ours['caught']} of the "
                f"{ours['planted']} with a listed party or bank put in, and {ours['false']} of the {ours['clean']:,} "
                "without one (whose names no list holds: any hold there is a false alert); yente-style /match "
                f"flagged {peer['caught']} and {peer['false']}"
            )
    body = context_lines(
        [
            f"`.venv/bin/python bench/payments.py --messages {args.messages} --warmup {args.warmup} --part "
            f"{args.part}`; {pinned}; "
            "latency = wall time per message (read + verdict; /match: one request with the message's parties), "
            "messages/s = messages per CPU second of the process (one core)",
            *notes,
        ]
    )
    body += [
        "",
        *table(["screening", "messages", "p50 ms", "p99 ms", "mean ms", "messages/s per core"], rows),
    ]
    print("\n".join(body))
    if args.write:
        write_section(f"{HEADING}, {args.part} names", body)


if __name__ == "__main__":
    main()
