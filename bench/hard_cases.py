"""embargo's own development set of hard screening cases, screened against every real list.

    .venv/bin/python bench/hard_cases.py [--reuse-store] [--peers-only] [--no-write]

``bench/hard_cases.csv`` holds cases written by hand from knowledge of the people and the lists
(not from any engine's output): the same official on the OFAC and EU files under different
spelling schemes, Russian forms of Belarusian names, press spellings in French, German and
Spanish, names in Cyrillic, Arabic and Hangul, honorifics and inverted order, companies with
legal forms, lookalikes (a relative, a different given name with the same consonants, a
similar surname), well-known people who are not listed, Ukrainian, Greek, Georgian and Chinese
forms, Polish, Hungarian, Spanish and Turkish press spellings, and vessels (optionally with an
IMO number in ``id_number``). Each row names, as
``list:source_id``, the listings a screener must return at its default threshold (``expect``)
and those it must not (``reject``; ``*`` means no hit at all). A case passes when both hold.
The same file drives ``tests/screening/test_hard_cases.py``. Writes "Hard cases (development set)".
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from report import BENCH_DIR, context_lines, table, write_section

__all__ = ["CASES", "Case", "judge", "read_cases", "resolve_ids"]

CASES = BENCH_DIR / "hard_cases.csv"
HEADING = "Hard cases (development set)"
LABELS = {"nomenklatura": "nomenklatura blocker + logic-v2", "rapidfuzz": "rapidfuzz scan"}


@dataclass(frozen=True, slots=True)
class Case:
    """One row of the development set."""

    line: int
    kind: str
    query: str
    schema: str
    expect: tuple[str, ...]
    reject: tuple[str, ...]
    reject_all: bool
    note: str
    id_number: str = ""

    @property
    def id(self) -> str:
        """A stable query id (the CSV line)."""
        return f"hard:{self.line}"


def _refs(cell: str) -> tuple[str, ...]:
    return tuple(ref.strip() for ref in cell.split(";") if ref.strip() and ref.strip() != "*")


def read_cases(path: Path = CASES) -> list[Case]:
    """Every case of the CSV (``kind,query,schema,expect,reject,note,id_number``; the last may be empty)."""
    cases = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            cases.append(
                Case(
                    line=line,
                    kind=row["kind"],
                    query=row["query"],
                    schema=row["schema"] or "Person",
                    expect=_refs(row["expect"]),
                    reject=_refs(row["reject"]),
                    reject_all=row["reject"].strip() == "*",
                    note=row["note"],
                    id_number=(row.get("id_number") or "").strip(),
                )
            )
    return cases


def resolve_ids(entities: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """``list:source_id`` -> entity id, from (list, source id, entity id) triples of a store."""
    return {f"{list_name}:{source_id}": entity_id for list_name, source_id, entity_id in entities}


def judge(case: Case, hits: Iterable[str], ids: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """What a screener got wrong on a case: (expected listings missing, rejected listings hit).

    Args:
        case: the case.
        hits: entity ids the screener returned at its threshold.
        ids: :func:`resolve_ids` of the store screened.

    Raises:
        KeyError: a ``list:source_id`` of the case is not in the store (the data changed).
    """
    found = set(hits)
    missing = [ref for ref in case.expect if ids[ref] not in found]
    if case.reject_all:
        wanted = {ids[ref] for ref in case.expect}
        wrong = sorted(found - wanted)
    else:
        wrong = [ref for ref in case.reject if ids[ref] in found]
    return missing, wrong


def _store_ids(db: Path) -> dict[str, str]:
    from embargo.store import Store

    return resolve_ids((e.list_name, e.source_id or "", e.id) for e in Store(db).view().iter_current())


def main() -> None:
    import embargo_side
    import peer_side
    from name_sets import QueryRow, write_queries
    from screen_sets import OUT, benchmark_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-store", action="store_true", help="keep bench/out/bench.db if it exists")
    parser.add_argument("--peers-only", action="store_true", help="leave embargo out")
    parser.add_argument("--no-write", action="store_true", help="print instead of updating docs/benchmarks.md")
    args = parser.parse_args()

    cases = read_cases()
    db, export, _ = benchmark_store(rebuild=not args.reuse_store)
    ids = _store_ids(db)
    hits: dict[str, dict[str, set[str]]] = {}
    if not args.peers_only and embargo_side.unavailable() is None:
        screening = embargo_side.open_screener(db)
        found: dict[str, set[str]] = defaultdict(set)
        for case in cases:
            for hit in screening.screen(QueryRow(case.id, case.query, case.schema, id_number=case.id_number)):
                found[case.id].add(hit.entity_id)
        hits["embargo"] = found
    work = OUT / "hard_cases"
    work.mkdir(parents=True, exist_ok=True)
    queries = work / "queries.csv"
    write_queries(queries, (QueryRow(c.id, c.query, c.schema, id_number=c.id_number) for c in cases))
    peer_side.require_peers()
    for peer in ("nomenklatura", "rapidfuzz"):
        output, stats = work / f"{peer}.hits.jsonl", work / f"{peer}.stats.json"
        peer_side.run_peer(peer, export, queries, output, stats, peer_side.LOGIC_V2_THRESHOLD)
        found = defaultdict(set)
        for hit in peer_side.read_hits(output):
            found[hit.query_id].add(hit.entity_id)
        hits[LABELS[peer]] = found

    engines = list(hits)
    kinds = list(dict.fromkeys(c.kind for c in cases))
    passed: dict[str, Counter[str]] = {e: Counter() for e in engines}
    failures: list[list[str]] = []
    for case in cases:
        for engine in engines:
            missing, wrong = judge(case, hits[engine][case.id], ids)
            if not missing and not wrong:
                passed[engine][case.kind] += 1
            elif engine == "embargo":
                failures.append([case.kind, case.query, ", ".join(missing) or "–", ", ".join(wrong) or "–"])
    total = Counter(c.kind for c in cases)
    rows = [[k, str(total[k])] + [f"{passed[e][k]}/{total[k]}" for e in engines] for k in kinds]
    rows.append(["**all**", str(len(cases))] + [f"**{sum(passed[e].values())}/{len(cases)}**" for e in engines])
    body = [
        *context_lines([f"cases: {len(cases)} in bench/hard_cases.csv; engines at their default thresholds"]),
        "",
        "A case passes when every expected listing is a hit and no rejected one is.",
        "",
        *table(["kind", "cases", *engines], rows),
    ]
    if failures:
        body += ["", "embargo's failures:", "", *table(["kind", "query", "missing", "wrongly hit"], failures)]
    if args.no_write:
        print("\n".join(body))
    else:
        write_section(HEADING, body)


if __name__ == "__main__":
    main()
