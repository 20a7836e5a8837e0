"""Where a payment verdict's time goes when its parties were never met: the parts of screening one new name.

    .venv/bin/python bench/payment_budget.py --db bench/out/bench.db [--names 1500] [--write]

Issue 25 asks for a pacs.008 verdict in 2 ms at p50 on one core with every real list loaded. A message
of ``bench/payments.py`` names two parties and a remittance line; when the parties were never met,
the name screening is nearly all of the time. This splits it, for the names of the development sets
(people from the yente negatives, companies from ``bench/sets/company_negatives_dev.csv``, 2:1), each
screened as the payment screener screens a party of unknown kind (:meth:`PaymentScreener._name`): as a
person at the policy's threshold and as an organisation (at the stricter threshold when the name
reads as a person's), every list and the ownership index searched. Stages, in this order, in one
process pinned to one core, CPU time per name:

1. reading and analysing the name as each kind, its words never met by this process (the analysis
   caches what it learns of each word: a word met again costs almost nothing);
2. retrieval (:func:`embargo.index.find_candidates`) in every list index, the query's words never
   looked up in them before (each index remembers what a word reaches);
3. scoring every candidate retrieval gives (:func:`embargo.screening.score_candidate`);
4. retrieval again, its words now remembered: the per-index work left once every word is known;
5. the whole name through a new payment screener (no verdict kept), its words known: what a new
   name made of known words costs;

and, per message: a new remittance line through the text screener, and a message whose every part
was met before (read and verdict). Prints the table; ``--write`` puts it in docs/benchmarks.md
("Payment screening: where the time goes").
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from payments import Party as BenchParty
from payments import _pin, message, names
from report import ROOT, context_lines, fmt, table, write_section

from embargo.index import find_candidates
from embargo.matching import compatible_schemata
from embargo.matching.query import Query, read_query
from embargo.names.initials import initials_reading
from embargo.payments.iso20022 import read_iso20022
from embargo.payments.kinds import reads_as_person
from embargo.payments.message import Address, Party
from embargo.payments.screen import PaymentScreener
from embargo.screening import CANDIDATES, analyze_query, score_candidate
from embargo.screening.collector import batch_collection, settle
from embargo.store import Store

HEADING = "Payment screening: where the time goes"


def _kinds(name: str, threshold: float, person_org: float) -> list[tuple[str, float]]:
    """The kinds a party of unknown kind is screened as, with their thresholds (as PaymentScreener._name)."""
    org = max(threshold, person_org) if reads_as_person(name) else threshold
    return [("Person", threshold), ("Organization", org)]


def _timed(step: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.process_time()
    out = step()
    return time.process_time() - t0, out


def measure(store: Store, people: list[str], companies: list[str], count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    pool = rng.sample(people, min(len(people), 2 * count // 3 + 200)) + rng.sample(
        companies, min(len(companies), count // 3 + 100)
    )
    rng.shuffle(pool)
    warm, test = pool[:200], pool[200 : 200 + count]
    payments = PaymentScreener.open(store)
    payments.warm_up()
    policy = payments.policy
    screener = payments.screener
    lists = screener.indexes
    owned = [screener.owned.index] if screener.owned is not None else []
    for name in warm:  # the code paths loaded; these words are met, the test's are mostly not
        payments._name(Party("Cdtr", "Cdtr", name, Address(country="DE")), "party", [], [])
    settle()
    found: dict[str, float] = {}
    with batch_collection():

        def analyse() -> list[list[tuple[Query, float, Any, Any]]]:
            out = []
            for name in test:
                query = read_query([name], None, (), (), ["DE"], []).query
                kinds = []
                for schema, cut in _kinds(name, policy.threshold, policy.person_name_org_threshold):
                    kind = query.with_schema(schema)
                    analysed = analyze_query(kind)
                    retrieve = [*analysed, *(r for r in map(initials_reading, analysed) if r is not None)]
                    kinds.append((kind, cut, analysed, retrieve))
                out.append(kinds)
            return out

        found["analysis"], prepared = _timed(analyse)

        def retrieve() -> list[list[list[Any]]]:
            out = []
            for kinds in prepared:
                per = []
                for kind, _, _, retrieve in kinds:
                    allowed = compatible_schemata(kind.schema)
                    per.append(
                        find_candidates(lists, retrieve, allowed, CANDIDATES)
                        + (find_candidates(owned, retrieve, allowed, CANDIDATES) if owned else [])
                    )
                out.append(per)
            return out

        found["retrieval"], candidates = _timed(retrieve)

        def score() -> int:
            hits = 0
            for kinds, per in zip(prepared, candidates, strict=True):
                for (kind, cut, analysed, _), cands in zip(kinds, per, strict=True):
                    memo: dict[Any, Any] = {}
                    hits += sum(score_candidate(kind, analysed, c, cut, memo) is not None for c in cands)
            return hits

        found["scoring"], hits = _timed(score)
        found["retrieval, words known"], _ = _timed(retrieve)
        fresh = PaymentScreener(screener, policy, payments.texts)
        found["whole name, words known"], _ = _timed(
            lambda: [fresh._name(Party("Cdtr", "Cdtr", n, Address(country="DE")), "party", [], []) for n in test]
        )
        words = ["INVOICE", "CONTRACT", "ORDER", "RENT", "SERVICES", "GOODS", "FEES", "SUPPLY", "REFUND"]
        texts = [f"{rng.choice(words)} {rng.randrange(10_000, 99_999)} {rng.choice(words)}" for _ in range(count)]
        found["remittance line"], _ = _timed(lambda: [fresh._text_hits(t) for t in texts])
        data = message(1, BenchParty(test[0], "DE", "Hamburg"), BenchParty(test[1], "FR", "Lyon"),
                       ["DEUTDEFFXXX", "BNPAFRPPXXX", "COBADEFFXXX", "SOGEFRPPXXX"], texts[0])  # fmt: skip
        fresh.screen(read_iso20022(data, "bench"))
        found["message met before"], _ = _timed(
            lambda: [fresh.screen(read_iso20022(data, "bench")) for _ in range(count)]
        )
    gc.collect()
    per_name = {k: v / len(test) * 1000 for k, v in found.items()}
    return {
        "names": len(test),
        "ms": per_name,
        "candidates": sum(len(c) for per in candidates for c in per) / len(test),
        "hits": hits,
        "people": sum(reads_as_person(n) for n in test),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "bench.db")
    parser.add_argument("--names", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=25)
    parser.add_argument("--write", action="store_true", help="write the section of docs/benchmarks.md")
    shared = os.environ.get("EMBARGO_SHARED_DATA", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--shared", type=Path, default=Path(shared))
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no store (embargo update --from $EMBARGO_SHARED_DATA --db {args.db})")
    pinned = _pin()
    pools = names(args.shared, "dev")
    found = measure(Store(args.db), pools.people, pools.companies, args.names, args.seed)
    ms = found["ms"]
    cold = ms["analysis"] + ms["retrieval"] + ms["scoring"]
    rows = [
        ["1. read and analyse, as each kind (words never met)", fmt(ms["analysis"], 3)],
        ["2. retrieval in every list index (words never looked up)", fmt(ms["retrieval"], 3)],
        [f"3. scoring ({found['candidates']:.1f} candidates per name, both kinds)", fmt(ms["scoring"], 3)],
        ["a new name, its words never met (1 + 2 + 3)", fmt(cold, 3)],
        ["4. retrieval again, words known", fmt(ms["retrieval, words known"], 3)],
        ["5. a whole new name, its words known", fmt(ms["whole name, words known"], 3)],
        ["a new remittance line (text screener, name dictionary)", fmt(ms["remittance line"], 3)],
        ["a message met before (read and verdict)", fmt(ms["message met before"], 3)],
        [
            "a message of two new parties and a new line, words never met",
            fmt(2 * cold + ms["remittance line"] + ms["message met before"], 3),
        ],
        [
            "the same, the parties' words known",
            fmt(2 * ms["whole name, words known"] + ms["remittance line"] + ms["message met before"], 3),
        ],
    ]
    body = context_lines(
        [
            f"`.venv/bin/python bench/payment_budget.py --names {args.names}`; {pinned}; CPU time per name "
            "(per line, per message in the last rows), garbage collector as `embargo payments screen` sets it",
            f"{found['names']:,} names of the development sets ({found['people']:,} read as a person's: screened as "
            "an organisation at 0.9), each as a person and as an organisation, every list and the ownership index; "
            f"{found['hits']} of them reach the threshold (no list holds these names)",
            "issue 25's budget is 2 ms for the whole message at p50: two new parties alone take more",
        ]
    )
    body += ["", *table(["part", "ms CPU"], rows)]
    print("\n".join(body))
    if args.write:
        write_section(HEADING, body)


if __name__ == "__main__":
    sys.exit(main())
