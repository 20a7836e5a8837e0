"""People on both the EU lists and OFAC's lists, queried by their EU names (issue 19).

Issue 19 asks that people recall across lists does not fall: a person the EU lists under its
spellings (Latin transliterations of Russian, Belarusian and Ukrainian names, the Cyrillic
originals) must be found on OFAC's lists. The pairs are made from the real list files without
comparing names (that would keep only the people whose names already match):

- EU side: the persons of the two EU Official Journal files
  (``eu/opensanctions_eu_journal_*.csv``), each full birth date of ``birthDate`` (written
  ``26.11.1972``) and the text of ``birthPlace``.
- OFAC side: the individuals of the full SDN CSV of 2021 (``ofac/sdn_csv_2021/sdn.csv``) and the
  non-SDN Consolidated CSV of 2025 (``ofac/cons_csv_2025/cons_prim.csv``), Remarks completed by
  their ``*_comments.csv`` continuation: each ``DOB`` item with a full date (``10 Dec 1948``) and
  the first ``POB`` item.
- A pair is an EU person and an OFAC individual with one full birth date in common **and** the
  place of birth in common: a word of four letters or more of the first part of OFAC's place
  (its town, ``Slutsk`` of ``Slutsk, Belarus``) found among the words of the EU's place, country
  and administrative words left out (``former``, ``USSR``, ``Russia``, ``region``, ``oblast``...).
  A date alone pairs hundreds of strangers (783 pairs, most of them unrelated); a date and a town
  are one person. Places the two lists spell apart (``Leningrad`` / ``St. Petersburg`` is found
  only because the EU adds "now Saint Petersburg"; ``Kharkov`` / ``Kharkiv`` is not) cost pairs,
  never add a wrong one. The identifiers of the 2021 file pair only four people (its passports
  predate most designations), so they are not used.

Queries: every name the EU gives the person (``name``, each ``;``-separated ``alias`` and
``previousName``; a trailing ``(...)`` in another script is a name of its own, and an item that
holds several names is split: :func:`person_names`), name only (no
birth date, nationality or identifier: the spelling alone must find the person), one query each,
labelled by script as in ``org_crosslist.py``. A query is found when an expected OFAC entity is
among its hits at the default threshold. A one-word alias (a surname alone) is kept: it is how the
EU lists it, and it shows where the single-word rule holds a name below the threshold.

Split: a pair goes to the development half when the first byte of the SHA-256 of its pair id
(``celex:annex:recordId``) is even, else to the held-out half. **The held-out half is measured
only at the end of issue 19's work.** Both halves are written to ``bench/sets/``
(``people_crosslist_{dev,heldout}.csv``: query columns, ``group`` = script, ``expected``,
``pair``, ``kind``, ``key``).

    .venv/bin/python bench/people_crosslist.py build [--reuse-store]
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from org_crosslist import Pair, _split_names, ofac_rows, run

__all__ = ["build_pairs", "iso_date", "person_names", "place_words"]

#: Words of a place that name no town: countries, administrative units, history.
_NOT_TOWNS = frozenset(
    {
        *("former", "ussr", "russia", "russian", "federation", "ukraine", "belarus", "region", "oblast"),
        *("district", "republic", "city", "village", "province", "krai", "kray", "autonomous", "possibly"),
        *("okrug", "territory", "area", "soviet", "socialist", "settlement", "moldova", "crimea"),
    }
)
_DATE_FORMATS = ("%d %b %Y", "%Y-%m-%d", "%d.%m.%Y")


def iso_date(text: str) -> str | None:
    """A full date as ISO ``YYYY-MM-DD`` from the lists' forms (``10 Dec 1948``, ``26.11.1972``), or None."""
    text = text.strip().rstrip(".")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    return None


def place_words(text: str) -> set[str]:
    """The words of a place of birth that may name its town (four letters or more, no country or unit)."""
    return set(re.findall(r"[a-z]{4,}", text.lower())) - _NOT_TOWNS


def _eu_people(data: Path) -> Iterator[tuple[dict[str, str], set[str]]]:
    for path in sorted((data / "eu").glob("opensanctions_eu_journal_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("schema") != "Person":
                    continue
                dates = {d for part in re.split(r"[;,]|\bor\b", row.get("birthDate") or "") if (d := iso_date(part))}
                if dates:
                    yield row, dates


def _ofac_people(data: Path) -> Iterator[tuple[str, set[str], str]]:
    """(OFAC id as in the store, full birth dates, first place of birth) of every individual."""
    for eid, row, remarks in ofac_rows(data):
        if row[2].strip() != "individual":
            continue
        dates = {d for m in re.findall(r"DOB ([^;]+)", remarks) if (d := iso_date(m))}
        places = re.findall(r"POB ([^;]+)", remarks)
        if dates and places:
            yield eid, dates, places[0]


_SPELLING = re.compile(r"\((?:[A-Za-z]+ )?spelling:\s*([^()]+)\)", re.IGNORECASE)


def person_names(text: str) -> Iterator[str]:
    """The names in one EU name field, where an alias item may hold several: ``A, B`` (two full names),
    ``A or B``, ``A (Russian spelling: Б)``, ``Given SURNAME (OTHER)`` (another spelling of the surname),
    ``A (B, C)``; a trailing `` -`` is dropped."""
    for item in _split_names(text):
        for part in re.split(r"\s+or\s+", item):
            part = part.strip(" -,")
            spelled = _SPELLING.findall(part)
            part = _SPELLING.sub("", part).strip(" -,")
            yield from (s.strip() for s in spelled)
            inner = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", part)
            if inner is not None:
                outer, other = inner.group(1).strip(), inner.group(2).strip()
                if " " not in other and " " in outer:
                    yield outer
                    yield outer.rsplit(" ", 1)[0] + " " + other  # another spelling of the family name
                    continue
                part = outer
                yield from (n.strip() for n in other.split(",") if n.strip())
            pieces = [p.strip() for p in part.split(",")]
            if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
                yield from pieces  # several full names in one item
            elif part:
                yield part


def build_pairs(data: Path, store_ids: set[str]) -> list[Pair]:
    """Every EU person who shares a full birth date and a town of birth with an OFAC individual in the store."""
    by_date: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for ofac_id, dates, place in _ofac_people(data):
        if ofac_id not in store_ids:
            continue
        town = place_words(place.split(",")[0])
        if town:
            for date in dates:
                by_date[date].append((ofac_id, town))
    pairs = []
    for row, dates in _eu_people(data):
        eu_place = place_words(row.get("birthPlace") or "")
        matched = {ofac_id for d in dates for ofac_id, town in by_date.get(d, []) if town & eu_place}
        if not matched:
            continue
        names: list[tuple[str, str]] = []
        for kind in ("name", "alias", "previousName"):
            for name in person_names(row.get(kind) or ""):
                if name and name not in {n for _, n in names}:
                    names.append((kind, name))
        key = ";".join(sorted(dates))
        pair_id = f"{row['celex']}:{row['annex']}:{row['recordId']}"
        pairs.append(Pair(pair_id, "Person", tuple(names), tuple(sorted(matched)), (f"dob+pob:{key}",)))
    return pairs


def main() -> None:
    run(build_pairs, "people_crosslist", "person", "people")


if __name__ == "__main__":
    main()
