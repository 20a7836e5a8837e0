"""Readers for the benchmark sets in ``$EMBARGO_SHARED_DATA/names/`` and the query file they become.

Every screening benchmark turns its rows into one CSV of queries in the column layout of
``embargo screen --input`` (``id,name,birth_date,nationality,country,id_number,schema``), so
that embargo and every peer read the very same input. Nationalities are cleaned to ISO codes
with FollowTheMoney's country type once, here, so no engine is favoured by its own cleaner.

The files (see ``SOURCES.md`` beside them):

- ``nomenklatura_name_bench_cases.csv``: 826 labelled pairs (``case_group,schema,name1,name2,is_match,...``).
- ``watchman_cross_script_pairs.csv``: ``query,expected,min_score,description`` with ``#`` comments.
- ``nomenklatura_ofac_fixtures.csv``: ``query_name,result_name,ofac_score`` (-1: OFAC returned nothing).
- ``yente_cgb_*.csv`` / ``yente_validation_negatives_*.csv``: person records
  (``full_name,...,date_of_birth,place_of_birth,nationality``). The validation negatives are the
  first 1,000 rows of the candidate-generation negatives of the same region.
- ``putin_names.txt``: one spelling a line.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from followthemoney import registry

__all__ = [
    "QUERY_COLUMNS",
    "NamePair",
    "QueryRow",
    "fold",
    "read_name_bench",
    "read_ofac_fixtures",
    "read_people",
    "read_putin",
    "read_queries",
    "read_watchman",
    "sample",
    "write_queries",
]

QUERY_COLUMNS = ("id", "name", "birth_date", "nationality", "country", "id_number", "schema")
_NON_ALNUM = re.compile(r"[^\w]+|_")


@dataclass(frozen=True, slots=True)
class NamePair:
    """One labelled or scored pair of names."""

    group: str
    schema: str
    a: str
    b: str
    is_match: bool
    reference: float = 0.0  # OFAC's own score for the OFAC fixtures


@dataclass(frozen=True, slots=True)
class QueryRow:
    """One screening query, as a row of the batch input file."""

    id: str
    name: str
    schema: str = "Person"
    birth_date: str = ""
    nationality: str = ""
    country: str = ""
    id_number: str = ""


def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, tokens in written order."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#") and line.strip())
        yield from csv.DictReader(lines)


def read_name_bench(path: Path) -> list[NamePair]:
    """nomenklatura's labelled name pairs; ``group`` is the case_group."""
    return [
        NamePair(row["case_group"], row["schema"], row["name1"], row["name2"], row["is_match"].lower() == "true")
        for row in _rows(path)
    ]


def read_watchman(path: Path) -> list[NamePair]:
    """Watchman's cross-script positive pairs (all person names); ``group`` is the description."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#") and line.strip()]
    return [NamePair(row[3], "Person", row[0], row[1], True) for row in csv.reader(lines) if len(row) >= 4]


def read_ofac_fixtures(path: Path) -> list[NamePair]:
    """OFAC Sanctions List Search scores (0-100); rows where OFAC found nothing (-1) are kept as 0."""
    pairs = []
    for row in _rows(path):
        score = float(row["ofac_score"])
        # LegalEntity: the fixtures mix people and organisations without saying which.
        pairs.append(NamePair("ofac", "LegalEntity", row["query_name"], row["result_name"], score > 0, max(score, 0.0)))
    return pairs


def _code(country: str) -> str:
    code = registry.country.clean(country) if country.strip() else None
    return code or ""


def read_people(path: Path, prefix: str) -> list[QueryRow]:
    """yente person records as Person queries (full name, date of birth, nationality)."""
    return [
        QueryRow(
            id=f"{prefix}:{i}",
            name=row["full_name"].strip(),
            birth_date=row.get("date_of_birth", "").strip(),
            nationality=_code(row.get("nationality", "")),
        )
        for i, row in enumerate(_rows(path))
    ]


def read_putin(path: Path) -> list[QueryRow]:
    """The 81 spellings of Vladimir Putin as Person queries."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [QueryRow(id=f"putin:{i}", name=line) for i, line in enumerate(lines) if line]


def sample(rows: list[QueryRow], size: int | None, seed: int) -> list[QueryRow]:
    """A seeded random sample (all rows when ``size`` is None or not smaller than the set)."""
    if size is None or size >= len(rows):
        return list(rows)
    return random.Random(seed).sample(rows, size)


def write_queries(path: Path, rows: Iterable[QueryRow]) -> int:
    """Write queries in ``embargo screen --input`` layout; returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(QUERY_COLUMNS)
        for row in rows:
            writer.writerow([row.id, row.name, row.birth_date, row.nationality, row.country, row.id_number, row.schema])
            count += 1
    return count


def read_queries(path: Path) -> list[QueryRow]:
    """Read a query file written by :func:`write_queries`."""
    return [
        QueryRow(
            id=row["id"],
            name=row["name"],
            schema=row.get("schema") or "Person",
            birth_date=row.get("birth_date", ""),
            nationality=row.get("nationality", ""),
            country=row.get("country", ""),
            id_number=row.get("id_number", ""),
        )
        for row in _rows(path)
    ]
