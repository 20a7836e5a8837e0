"""Ownership through the store: an FtM ownership file imported as a dataset and computed, with its designations
from a list (issue 24: what bench/ownership.py leaves out).

The graph is bench/ownership.py's generator (heavy-tailed fan-in, cycles, bands read as ranges), written as
FollowTheMoney JSON lines (``Company`` and ``Ownership`` entities, as OpenSanctions exports them); 0.5% of
the companies are also written as a sanctions list in FtM form (a ``Sanction`` by OFAC each), imported
first. The ownership file's companies are tied to the listed ones by their FtM ids (``--no-screen``: no
name screening, which a register of this size would spend hours on). Timed, one process: the list's
import, the ownership file's import (read, stored as a version), the computation (tie, load the graph,
propagate under the three rules, store the results and the screening index of the blocked companies in
one transaction), and one screening of a blocked company by name.

    python bench/ownership_store.py --companies 100000 --links 300000
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ownership import generate
from embargo.ingest import import_file
from embargo.matching import Query
from embargo.ownership.graph import compute
from embargo.ownership.stored import import_file as import_ownership
from embargo.screening import Screener
from embargo.store import Store


def _name(i: int) -> str:
    return f"Company {i:07d} Holdings LLC"


def write_files(folder: Path, companies: int, links: int) -> tuple[Path, Path, int]:
    """The ownership file and the list file; the number of designated companies."""
    graph = generate(companies, links)
    ownership = folder / "ownership.ftm.json"
    with ownership.open("w", encoding="utf-8") as out:
        for i in range(companies):
            out.write(json.dumps({"id": f"c{i}", "schema": "Company", "properties": {"name": [_name(i)]}}) + "\n")
        for n, link in enumerate(graph):
            props = {"owner": [link.owner], "asset": [link.asset]}
            if link.share.is_exact:
                props["percentage"] = [f"{link.share.low:g}"]
            out.write(json.dumps({"id": f"own{n}", "schema": "Ownership", "properties": props}) + "\n")
    listed = folder / "list.ftm.json"
    designated = 0
    with listed.open("w", encoding="utf-8") as out:
        for i in range(0, companies, 200):
            designated += 1
            company = {"id": f"c{i}", "schema": "Company", "properties": {"name": [_name(i)]}}
            sanction = {
                "id": f"s{i}",
                "schema": "Sanction",
                "properties": {"entity": [f"c{i}"], "authority": ["US OFAC"], "program": ["SYNTHETIC"]},
            }
            out.write(json.dumps(company) + "\n" + json.dumps(sanction) + "\n")
    return ownership, listed, designated


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--companies", type=int, default=100_000)
    ap.add_argument("--links", type=int, default=300_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="own-bench-") as tmp:
        folder = Path(tmp)
        ownership, listed, designated = write_files(folder, args.companies, args.links)
        store = Store(folder / "s.db")
        started = time.perf_counter()
        import_file(store, listed, "us_synthetic", format_name="ftm", authority="US OFAC")
        list_s = time.perf_counter() - started
        started = time.perf_counter()
        outcome = import_ownership(store, ownership, "ftm", "register")
        import_s = time.perf_counter() - started
        started = time.perf_counter()
        result = compute(store, screen=False)
        compute_s = time.perf_counter() - started
        screener = Screener.open(store)
        blocked = next(iter(screener.owned.entities.values()))["properties"]["name"][0] if screener.owned else ""
        started = time.perf_counter()
        hits = screener.screen(Query([blocked], schema="Company"), limit=3)
        screen_ms = (time.perf_counter() - started) * 1000
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            json.dumps(
                {
                    "companies": args.companies,
                    "links": args.links,
                    "designated": designated,
                    "ownership_file_mb": round(ownership.stat().st_size / 2**20, 1),
                    "list_import_s": round(list_s, 1),
                    "ownership_import_s": round(import_s, 1),
                    "parties": outcome.parties,
                    "compute_s": round(compute_s, 1),
                    "by_rule": result.by_rule,
                    "screen_one_blocked_ms": round(screen_ms, 1),
                    "first_hit_kind": hits[0].kind if hits else None,
                    "peak_mib": round(peak),
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
