"""The screening benchmark sets, their ground truth, and how a run's hits are scored.

Positives (a hit on the expected entity counts): yente's UN positives, untreated and treated
(row i of treated is row i of untreated with typos and reshuffles, so both share the entity
resolved from the untreated name), and the 81 Putin spellings. Everything else measures false
alarms as the share of queries with any hit: US Congress members (common US names, none of
them listed), the synthetic negatives (a seeded sample of each 50,000-row file) and the
validation negatives (the first 1,000 rows of those same files).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import embargo_side
from embargo_side import Hit
from listed import Listed, read_listed, resolve_expected, resolve_named
from name_sets import QueryRow, read_people, read_putin, sample
from report import BENCH_DIR

__all__ = [
    "PUTIN_NAME",
    "ScreenSets",
    "SetResult",
    "benchmark_store",
    "load_screen_sets",
    "score_hits",
]

PUTIN_NAME = "Vladimir Vladimirovich PUTIN"
OUT = BENCH_DIR / "out"
#: (set name, file, kind); kind "recall" sets get their expected ids filled in.
_PEOPLE = (
    ("UN untreated", "yente_cgb_positives_un_untreated.csv", "recall"),
    ("UN treated (typos)", "yente_cgb_positives_un_treated.csv", "recall"),
    ("US Congress (not listed)", "yente_cgb_positives_us_congress_untreated.csv", "hits"),
    ("negatives global", "yente_cgb_negatives_global.csv", "sampled"),
    ("negatives US", "yente_cgb_negatives_us.csv", "sampled"),
    ("validation negatives global", "yente_validation_negatives_global.csv", "hits"),
    ("validation negatives US", "yente_validation_negatives_us.csv", "hits"),
)


@dataclass
class ScreenSets:
    """Queries of every selected set, with what each set measures."""

    queries: list[QueryRow] = field(default_factory=list)
    members: dict[str, list[str]] = field(default_factory=dict)  # set -> query ids
    expected: dict[str, set[str]] = field(default_factory=dict)  # query id -> acceptable entity ids
    recall_sets: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, rows: Sequence[QueryRow], recall: bool) -> None:
        self.queries.extend(rows)
        self.members[name] = [row.id for row in rows]
        if recall:
            self.recall_sets.add(name)


@dataclass(frozen=True, slots=True)
class SetResult:
    """One set's figure for one engine: recall over resolved rows, or share of rows with a hit."""

    measure: str
    value: float
    denominator: int


def benchmark_store(rebuild: bool = True) -> tuple[Path, Path, list[Listed]]:
    """The store with every real list, its FtM export, and the listed parties read from it."""
    db, export = OUT / "bench.db", OUT / "bench.ftm.json"
    if rebuild or not db.exists() or not export.exists():
        embargo_side.build_store(db, embargo_side.shared_data_dir())
        embargo_side.export_ftm(db, export)
    return db, export, list(read_listed(export))


def load_screen_sets(
    names_dir: Path, listed: list[Listed], only: Iterable[str], sample_size: int | None, seed: int
) -> ScreenSets:
    """Read the selected sets ("yente", "putin") and resolve their expected entities."""
    selected = set(only)
    sets = ScreenSets()
    if "yente" in selected:
        untreated: list[QueryRow] = []
        for name, filename, kind in _PEOPLE:
            rows = read_people(names_dir / filename, prefix=filename.removesuffix(".csv"))
            if kind == "sampled":
                rows = sample(rows, sample_size, seed)
            if filename.endswith("un_untreated.csv"):
                untreated = rows
            if kind == "recall":
                resolved = resolve_expected(untreated, listed, "un_sc")
                for row, entity_id in zip(rows, resolved, strict=True):
                    if entity_id is not None:
                        sets.expected[row.id] = {entity_id}
                done = sum(1 for e in resolved if e is not None)
                sets.notes.append(f"{name}: {done} of {len(rows)} rows resolve to one un_sc entity")
            sets.add(name, rows, recall=kind == "recall")
    if "putin" in selected:
        putin_ids = set(resolve_named(listed, PUTIN_NAME))
        rows = read_putin(names_dir / "putin_names.txt")
        for row in rows:
            sets.expected[row.id] = putin_ids
        sets.notes.append(f"Putin entities (named {PUTIN_NAME!r}): {', '.join(sorted(putin_ids)) or 'none found'}")
        sets.add("Putin spellings", rows, recall=True)
    return sets


def score_hits(sets: ScreenSets, hits: Iterable[Hit]) -> dict[str, SetResult]:
    """Each set's recall (expected entity among the hits) or hit rate (any hit)."""
    by_query: dict[str, set[str]] = defaultdict(set)
    for hit in hits:
        by_query[hit.query_id].add(hit.entity_id)
    results = {}
    for name, ids in sets.members.items():
        if name in sets.recall_sets:
            resolved = [qid for qid in ids if sets.expected.get(qid)]
            found = sum(1 for qid in resolved if by_query[qid] & sets.expected[qid])
            results[name] = SetResult("recall", found / len(resolved) if resolved else float("nan"), len(resolved))
        else:
            flagged = sum(1 for qid in ids if by_query[qid])
            results[name] = SetResult("queries with a hit", flagged / len(ids) if ids else float("nan"), len(ids))
    return results
