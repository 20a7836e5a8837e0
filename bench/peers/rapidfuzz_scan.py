"""Brute-force baseline: every query against every listed name with rapidfuzz's token_sort_ratio.

No index, no transliteration, no use of dates or countries: each query name (lower-cased and
stripped of punctuation by ``rapidfuzz.utils.default_process``) is scored against every name,
alias, weak alias and previous name of every listed party. A party's score is its best name's
ratio / 100; hits are the parties at or above the threshold (same semantics as embargo's and
logic-v2's thresholds), best first, at most ``--limit`` per query.

Batch mode uses ``rapidfuzz.process.cdist`` on all cores (``workers=-1``) in chunks of queries;
``--per-query N`` times ``process.extract`` for the first N queries one at a time.

    python bench/peers/rapidfuzz_scan.py --entities all.ftm.json --input q.csv --output hits.jsonl --stats s.json
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from peer_io import QUERY_NAME_PROPS, peak_rss_mib, read_queries, screen_args, write_hits, write_stats
from rapidfuzz import fuzz, process, utils

PARTY_SCHEMATA = {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"}
CHUNK = 256


class Names:
    """Every listed name, pre-processed once, with the party it belongs to."""

    def __init__(self, entities: Path) -> None:
        self.choices: list[str] = []
        self.raw: list[str] = []
        self.owner: list[int] = []
        self.ids: list[str] = []
        with entities.open(encoding="utf-8") as fh:
            for line in fh:
                data = json.loads(line)
                if data.get("schema") not in PARTY_SCHEMATA:
                    continue
                props = data.get("properties", {})
                seen: set[str] = set()
                for prop in QUERY_NAME_PROPS:
                    for name in props.get(prop, []):
                        processed = utils.default_process(name)
                        if processed and processed not in seen:
                            seen.add(processed)
                            self.choices.append(processed)
                            self.raw.append(name)
                            self.owner.append(len(self.ids))
                self.ids.append(data["id"])

    def hits(self, row_id: str, scored: list[tuple[int, float]], limit: int) -> list[dict[str, Any]]:
        """Best name per party, best parties first."""
        best: dict[int, tuple[float, int]] = {}
        for index, score in scored:
            owner = self.owner[index]
            if owner not in best or score > best[owner][0]:
                best[owner] = (score, index)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
        return [
            {
                "query_id": row_id,
                "entity_id": self.ids[owner],
                "score": round(score / 100, 4),
                "matched_name": self.raw[index],
            }
            for owner, (score, index) in ranked
        ]


def main() -> None:
    args = screen_args(__doc__.splitlines()[0])
    started = time.perf_counter()
    rows = read_queries(args.input)
    names = Names(args.entities)
    load_s = time.perf_counter() - started
    cutoff = args.threshold * 100
    processed = [utils.default_process(row["name"]) for row in rows]
    hits: list[dict[str, Any]] = []
    latencies: list[float] = []
    match_started = time.perf_counter()
    if args.per_query:
        for row, query in list(zip(rows, processed, strict=True))[: args.per_query]:
            t0 = time.perf_counter()
            found = process.extract(
                query, names.choices, scorer=fuzz.token_sort_ratio, processor=None, score_cutoff=cutoff, limit=None
            )
            hits.extend(names.hits(row["id"], [(index, score) for _, score, index in found], args.limit))
            latencies.append((time.perf_counter() - t0) * 1000)
    else:
        for start in range(0, len(rows), CHUNK):
            matrix = process.cdist(
                processed[start : start + CHUNK],
                names.choices,
                scorer=fuzz.token_sort_ratio,
                processor=None,
                score_cutoff=cutoff,
                dtype=np.uint8,
                workers=-1,
            )
            for offset, row in enumerate(rows[start : start + CHUNK]):
                columns = np.nonzero(matrix[offset])[0]
                scored = [(int(c), float(matrix[offset, c])) for c in columns]
                hits.extend(names.hits(row["id"], scored, args.limit))
    match_s = time.perf_counter() - match_started
    count = write_hits(args.output, hits)
    write_stats(
        args.stats,
        {
            "engine": "rapidfuzz token_sort_ratio brute force",
            "rows": len(latencies) if args.per_query else len(rows),
            "hits": count,
            "names": len(names.choices),
            "load_s": load_s,
            "index_build_s": load_s,
            "match_s": match_s,
            "total_s": time.perf_counter() - started,
            "latencies_ms": latencies,
            "peak_rss_mib": peak_rss_mib(),
        },
    )


if __name__ == "__main__":
    main()
