"""Clean customer names per script and locale: a development part and a held-out part (issue 19).

Nobody in these sets is listed: the names are made up by ``bench/peers/fake_names.py`` (Faker,
mimesis, and documented romanisations: see that file) in 17 groups: Chinese in Han and in pinyin,
Korean in Hangul and in Revised Romanization, Japanese in kanji/kana and in Hepburn, Arabic in
Arabic script and romanised, Persian, Greek, Kazakh (Cyrillic), Azerbaijani, Turkish, Russian in
Cyrillic and romanised, Ukrainian, and Western Latin-script names as the control. The share of
rows that raise any hit is the false-alert rate of each group; ``bench/issue19_baseline.py``
measures it for embargo and nomenklatura's logic-v2 in one run.

How a set is made (``generate``), the same for the clean company names that
``bench/org_crosslist.py`` uses:

- the development part draws with seed 1, the held-out part with seed 2;
- a name is dropped when it is listed: its folded form (case, accents and punctuation removed),
  or its words in any order, equal a name of a party in the benchmark store
  (``bench/out/bench.db`` made by ``embargo update --from $EMBARGO_SHARED_DATA``, read from its
  FtM export), and when it is already in the part (distinct names only) or, for the held-out
  part, in the development part;
- the first ``--dev-rows`` / ``--heldout-rows`` names of each group in draw order are kept
  (Faker draws common names more often, so they come first);
- half of the rows of each part (chosen with the part's seed) get a birth date drawn evenly
  between 1940-01-01 and 2005-12-31.

The parts are written to ``bench/sets/`` in ``embargo screen --input`` layout plus a ``group``
column; row ids are ``group:part:number``. **The held-out part is measured only at the end of
issue 19's work** (``bench/issue19_baseline.py --heldout``), so that it says whether rules hold
for names nobody looked at.

    .venv/bin/python bench/script_negatives.py generate [--reuse-store]
    .venv/bin/python bench/script_negatives.py probe --seed 3   # fresh names to bench/out/, not committed
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import peer_side
from listed import Listed
from name_sets import QUERY_COLUMNS, QueryRow, fold
from report import BENCH_DIR
from screen_sets import benchmark_store

__all__ = [
    "DEV_SEED",
    "HELDOUT_SEED",
    "PEOPLE_GROUPS",
    "SETS_DIR",
    "SetRow",
    "generate_part",
    "listed_keys",
    "read_set",
    "write_set",
]

SETS_DIR = BENCH_DIR / "sets"
_OUT = BENCH_DIR / "out"
DEV_SEED, HELDOUT_SEED = 1, 2
#: group -> (label, script) in table order.
PEOPLE_GROUPS = {
    "zh_han": ("Chinese (Han)", "Han"),
    "zh_pinyin": ("Chinese (pinyin)", "Latin"),
    "ko_hangul": ("Korean (Hangul)", "Hangul"),
    "ko_rr": ("Korean (Revised Romanization)", "Latin"),
    "ja_native": ("Japanese (kanji/kana)", "Han/kana"),
    "ja_hepburn": ("Japanese (Hepburn)", "Latin"),
    "ar_arabic": ("Arabic (Arabic script)", "Arabic"),
    "ar_latin": ("Arabic (romanised)", "Latin"),
    "fa_persian": ("Persian", "Arabic"),
    "el_greek": ("Greek", "Greek"),
    "kk_cyrillic": ("Kazakh", "Cyrillic"),
    "az_latin": ("Azerbaijani", "Latin"),
    "tr_latin": ("Turkish", "Latin"),
    "ru_cyrillic": ("Russian (Cyrillic)", "Cyrillic"),
    "ru_latin": ("Russian (romanised, ICAO)", "Latin"),
    "uk_cyrillic": ("Ukrainian", "Cyrillic"),
    "latin_control": ("Western (control)", "Latin"),
}
_GENERATOR = peer_side.PEER_DIR / "fake_names.py"
_FIRST_DAY, _LAST_DAY = dt.date(1940, 1, 1), dt.date(2005, 12, 31)


@dataclass(frozen=True, slots=True)
class SetRow:
    """One row of a set file: the query and the group it belongs to."""

    query: QueryRow
    group: str


def listed_keys(listed: Iterable[Listed]) -> set[str]:
    """Folded names of every listed party, and the same with their words sorted."""
    keys: set[str] = set()
    for party in listed:
        for name in party.names:
            folded = fold(name)
            keys.add(folded)
            keys.add(" ".join(sorted(folded.split())))
    return keys


def _is_listed(name: str, keys: set[str]) -> bool:
    folded = fold(name)
    return folded in keys or " ".join(sorted(folded.split())) in keys


def _draw(kind: str, seed: int, count: int) -> dict[str, list[str]]:
    """``count`` generated names of every group, in draw order."""
    peer_side.require_peers()
    command = [str(peer_side.PEER_PYTHON), str(_GENERATOR), "--kind", kind, "--seed", str(seed), "--count", str(count)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"name generator failed ({done.returncode}):\n{done.stderr[-3000:]}")
    names: dict[str, list[str]] = defaultdict(list)
    for line in done.stdout.splitlines():
        data = json.loads(line)
        names[data["group"]].append(data["name"])
    return dict(names)


def generate_part(
    kind: str, part: str, seed: int, rows: int, keys: set[str], exclude: set[str], schema: str
) -> tuple[list[SetRow], dict[str, int]]:
    """One part of a set: ``rows`` distinct, unlisted names per group, half with a birth date.

    Returns:
        The rows, and per group how many drawn names were dropped as listed.
    """
    drawn = _draw(kind, seed, rows * 4)
    out: list[SetRow] = []
    dropped: dict[str, int] = {}
    rng = random.Random(seed * 7919)
    span = (_LAST_DAY - _FIRST_DAY).days
    for group, names in drawn.items():
        kept: list[str] = []
        seen = set(exclude)
        dropped[group] = 0
        for name in names:
            key = fold(name)
            if key in seen:
                continue
            seen.add(key)
            if _is_listed(name, keys):
                dropped[group] += 1
                continue
            kept.append(name)
            if len(kept) == rows:
                break
        dated = set(rng.sample(range(len(kept)), len(kept) // 2))
        for i, name in enumerate(kept):
            birth = str(_FIRST_DAY + dt.timedelta(days=rng.randrange(span + 1))) if i in dated else ""
            out.append(SetRow(QueryRow(f"{group}:{part}:{i:04d}", name, schema=schema, birth_date=birth), group))
    return out, dropped


def write_set(path: Path, rows: Iterable[SetRow], extra: dict[str, dict[str, str]] | None = None) -> int:
    """Write a set file: ``embargo screen --input`` columns, ``group``, and any ``extra`` columns by row id."""
    rows = list(rows)
    columns = sorted({c for values in (extra or {}).values() for c in values})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([*QUERY_COLUMNS, "group", *columns])
        for row in rows:
            q = row.query
            more = (extra or {}).get(q.id, {})
            writer.writerow(
                [q.id, q.name, q.birth_date, q.nationality, q.country, q.id_number, q.schema, row.group]
                + [more.get(c, "") for c in columns]
            )
    return len(rows)


def read_set(path: Path) -> tuple[list[SetRow], dict[str, dict[str, str]]]:
    """A set file: its rows, and its extra columns by row id."""
    rows, extra = [], {}
    with path.open(encoding="utf-8", newline="") as fh:
        for data in csv.DictReader(fh):
            query = QueryRow(
                id=data["id"],
                name=data["name"],
                schema=data.get("schema") or "Person",
                birth_date=data.get("birth_date", ""),
                nationality=data.get("nationality", ""),
                country=data.get("country", ""),
                id_number=data.get("id_number", ""),
            )
            rows.append(SetRow(query, data["group"]))
            known = {*QUERY_COLUMNS, "group"}
            extra[query.id] = {k: v for k, v in data.items() if k not in known}
    return rows, extra


def generate(kind: str, stem: str, dev_rows: int, heldout_rows: int, reuse_store: bool, schema: str) -> None:
    """Write ``bench/sets/{stem}_dev.csv`` and ``{stem}_heldout.csv``."""
    _, _, listed = benchmark_store(rebuild=not reuse_store)
    keys = listed_keys(listed)
    dev, dropped_dev = generate_part(kind, "dev", DEV_SEED, dev_rows, keys, set(), schema)
    dev_names = {fold(row.query.name) for row in dev}
    heldout, dropped_held = generate_part(kind, "heldout", HELDOUT_SEED, heldout_rows, keys, dev_names, schema)
    for part, rows, dropped in (("dev", dev, dropped_dev), ("heldout", heldout, dropped_held)):
        path = SETS_DIR / f"{stem}_{part}.csv"
        count = write_set(path, rows)
        per_group = defaultdict(int)
        for row in rows:
            per_group[row.group] += 1
        short = {g: n for g, n in per_group.items() if n < (dev_rows if part == "dev" else heldout_rows)}
        print(f"{path}: {count} rows; listed names dropped: {sum(dropped.values())} {dict(dropped)}")
        if short:
            print(f"  groups short of the target (too few distinct names drawn): {short}")


def probe(seed: int, rows: int, company_rows: int) -> None:
    """Write fresh clean names drawn with ``seed`` to ``bench/out/{stem}_probe{seed}.csv``: a third part, apart
    from the development and held-out parts (and from the probes of smaller seeds, made first), for a check
    between two changes that neither tunes the development part further nor spends the held-out one.
    Not committed."""
    _, _, listed = benchmark_store(rebuild=False)
    keys = listed_keys(listed)
    for kind, stem, count, schema in (
        ("people", "script_negatives", rows, "Person"),
        ("companies", "company_negatives", company_rows, "Company"),
    ):
        exclude: set[str] = set()
        earlier = [_OUT / f"{stem}_probe{n}.csv" for n in range(HELDOUT_SEED + 1, seed)]
        for path in [SETS_DIR / f"{stem}_dev.csv", SETS_DIR / f"{stem}_heldout.csv", *earlier]:
            if path.exists():
                exclude |= {fold(row.query.name) for row in read_set(path)[0]}
        drawn, _ = generate_part(kind, f"probe{seed}", seed, count, keys, exclude, schema)
        path = _OUT / f"{stem}_probe{seed}.csv"
        print(f"{path}: {write_set(path, drawn)} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("generate", "probe"))
    parser.add_argument("--seed", type=int, default=3, help="probe: the seed (1 and 2 make the committed parts)")
    parser.add_argument("--dev-rows", type=int, default=1000, help="names per group in the development part")
    parser.add_argument("--heldout-rows", type=int, default=500, help="names per group in the held-out part")
    parser.add_argument("--company-dev-rows", type=int, default=300)
    parser.add_argument("--company-heldout-rows", type=int, default=150)
    parser.add_argument("--reuse-store", action="store_true", help="keep bench/out/bench.db if it exists")
    args = parser.parse_args()
    if args.command == "probe":
        if args.seed in (DEV_SEED, HELDOUT_SEED):
            raise SystemExit("probe: seeds 1 and 2 draw the development and held-out parts")
        probe(args.seed, args.heldout_rows, args.company_dev_rows)
        return
    generate("people", "script_negatives", args.dev_rows, args.heldout_rows, args.reuse_store, "Person")
    generate("companies", "company_negatives", args.company_dev_rows, args.company_heldout_rows, True, "Company")


if __name__ == "__main__":
    main()
