"""Synthetic 1M-name index: generation, index build time and memory, single-query latency.

    .venv/bin/python bench/synthetic.py [--count 1000000] [--skip-nomenklatura] [--no-write]

Names are drawn (seeded) from name-part frequency tables built from the real data: given and
family names of the listed people (FtM export of the benchmark store) and of the yente
negatives (which mix Latin, CJK, Arabic, Devanagari, Hangul, Cyrillic, Thai and Hebrew
names), each script with the name orders it shows there ("given family", "familygiven"...), and
company words of the listed organisations with legal forms. 80% people (60% of them with a
birth date, half with a nationality), 20% companies. The list is written as embargo's custom
CSV, imported into a fresh store with ``embargo import --format custom_csv`` (wall time and the
child's peak RSS), its index rebuilt alone in another process (the index build's share), and
screened in-process on one core. The rapidfuzz scan
times single queries on the same names, and nomenklatura's blocker is built over them and
queried with logic-v2 (about 5 minutes and 3 GiB; ``--skip-nomenklatura`` leaves it out).
Writes "Synthetic 1M-name index".
"""

from __future__ import annotations

import csv
import itertools
import json
import random
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import embargo_side
import peer_side
from name_sets import QueryRow, read_people, sample, write_queries
from report import context_lines, fmt, table
from screen_sets import OUT
from speed_run import PEER_LABELS, embargo_latency, finish, latency_row, speed_parser, start

WORK = OUT / "synthetic"
HEADING = "Synthetic 1M-name index"
LEGAL_FORMS = (
    "LLC",
    "Ltd",
    "Limited",
    "OOO",
    "ZAO",
    "AO",
    "JSC",
    "PJSC",
    "GmbH",
    "AG",
    "SA",
    "S.A.",
    "Inc",
    "Corp",
    "Co., Ltd",
    "LLP",
    "SARL",
    "BV",
    "FZE",
    "Trading Co",
)


def script_of(text: str) -> str:
    """The Unicode script (first word of the character name) of the first letter."""
    letter = next((ch for ch in text if ch.isalpha()), "")
    try:
        return unicodedata.name(letter).split()[0] if letter else "NONE"
    except ValueError:
        return "NONE"


class Weighted:
    """A frequency table to draw from."""

    def __init__(self, counts: Counter[str]) -> None:
        self.values = list(counts)
        self.cum = list(itertools.accumulate(counts[v] for v in self.values))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum)[0]


class NameModel:
    """Per-script given / family name frequencies and name orders; company words."""

    def __init__(self) -> None:
        self.given: dict[str, Counter[str]] = defaultdict(Counter)
        self.family: dict[str, Counter[str]] = defaultdict(Counter)
        self.orders: dict[str, Counter[str]] = defaultdict(Counter)
        self.scripts: Counter[str] = Counter()
        self.company_words: Counter[str] = Counter()
        self.nationalities: Counter[str] = Counter()

    def add_person(self, given: str, family: str, full: str) -> None:
        if not given or not family:
            return
        script = script_of(full)
        self.scripts[script] += 1
        self.given[script][given] += 1
        self.family[script][family] += 1
        for order in ("{g} {f}", "{f}{g}", "{f} {g}", "{g}{f}", "{f}, {g}"):
            if order.format(g=given, f=family) == full:
                self.orders[script][order] += 1
                break
        else:
            self.orders[script]["{g} {f}"] += 1

    def freeze(self) -> None:
        self.tables = {
            s: (Weighted(self.given[s]), Weighted(self.family[s]), Weighted(self.orders[s])) for s in self.scripts
        }
        self.script_table = Weighted(self.scripts)
        self.word_table = Weighted(self.company_words)
        self.nat_table = Weighted(self.nationalities)

    def person(self, rng: random.Random) -> str:
        given, family, order = self.tables[self.script_table.draw(rng)]
        g, f = given.draw(rng), family.draw(rng)
        if rng.random() < 0.25 and order.values[0] == "{g} {f}":
            g = f"{g} {given.draw(rng)}"  # a middle name
        if rng.random() < 0.2 and f.isascii():
            f = f.upper()  # list style: "Vladimir PUTIN"
        return order.draw(rng).format(g=g, f=f)

    def company(self, rng: random.Random) -> str:
        words = [self.word_table.draw(rng) for _ in range(rng.choice((1, 2, 2, 3)))]
        if rng.random() < 0.6:
            words.append(rng.choice(LEGAL_FORMS))
        return " ".join(words)


def build_model(export: Path, names_dir: Path) -> NameModel:
    """Frequency tables from the listed parties and the yente negatives."""
    model = NameModel()
    legal = {form.casefold() for form in LEGAL_FORMS}
    with export.open(encoding="utf-8") as fh:
        for line in fh:
            data = json.loads(line)
            props = data.get("properties", {})
            if data.get("schema") == "Person":
                for name in props.get("name", []) + props.get("alias", []):
                    if "," in name:  # OFAC style "FAMILY, Given"
                        family, given = (part.strip() for part in name.split(",", 1))
                        model.add_person(given, family, name)
                    elif len(parts := name.split()) >= 2:
                        model.add_person(" ".join(parts[:-1]), parts[-1], name)
                for code in props.get("nationality", []):
                    model.nationalities[code] += 1
            elif data.get("schema") in ("Organization", "Company", "LegalEntity"):
                for name in props.get("name", []):
                    for word in name.replace(",", " ").split():
                        word = word.strip("'\"()[].;:")
                        if word.casefold() not in legal and len(word) > 1:
                            model.company_words[word] += 1
    for filename in ("yente_cgb_negatives_global.csv", "yente_cgb_negatives_us.csv"):
        with (names_dir / filename).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                model.add_person(row["first_name"], row["last_name"], row["full_name"])
    model.freeze()
    return model


def generate(model: NameModel, count: int, seed: int, csv_path: Path, ftm_path: Path) -> list[str]:
    """Write ``count`` parties as custom CSV and FtM JSON lines; returns a sample of names for queries."""
    rng = random.Random(seed)
    picked: list[str] = []
    with csv_path.open("w", encoding="utf-8", newline="") as out, ftm_path.open("w", encoding="utf-8") as ftm:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "schema", "birth_date", "nationality"])
        for i in range(count):
            person = rng.random() < 0.8
            name = model.person(rng) if person else model.company(rng)
            dob = nat = ""
            if person and rng.random() < 0.6:
                dob = f"{rng.randint(1930, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if person and rng.random() < 0.5:
                nat = model.nat_table.draw(rng)
            schema = "Person" if person else "Company"
            writer.writerow([f"s{i}", name, schema, dob, nat])
            props: dict[str, list[str]] = {"name": [name]}
            if dob:
                props["birthDate"] = [dob]
            if nat:
                props["nationality"] = [nat]
            ftm.write(
                json.dumps(
                    {"id": f"synthetic-{i}", "schema": schema, "properties": props, "datasets": ["synthetic_1m"]},
                    ensure_ascii=False,
                )
                + "\n"
            )
            if i % max(1, count // 2000) == 0:
                picked.append(name)
    return picked


def main() -> None:
    parser = speed_parser(__doc__, peer_latency_queries=50)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--latency-queries", type=int, default=1000)
    parser.add_argument("--skip-nomenklatura", action="store_true", help="leave out nomenklatura's blocker (4-5 min)")
    args = parser.parse_args()
    run = start(args, WORK)
    export = run.export
    names_dir = embargo_side.shared_data_dir() / "names"
    t0 = time.perf_counter()
    model = build_model(export, names_dir)
    csv_path, ftm_path = WORK / "synthetic.csv", WORK / "synthetic.ftm.json"
    picked = generate(model, args.count, args.seed, csv_path, ftm_path)
    gen_s = time.perf_counter() - t0
    scripts = ", ".join(f"{s.lower()} {n / sum(model.scripts.values()):.0%}" for s, n in model.scripts.most_common(8))
    negatives = read_people(names_dir / "yente_cgb_negatives_global.csv", "neg")
    half = args.latency_queries // 2
    queries = [QueryRow(id=f"syn:{i}", name=n) for i, n in enumerate(random.Random(args.seed).sample(picked, half))]
    queries += sample(negatives, args.latency_queries - len(queries), args.seed)
    query_path = WORK / "latency_queries.csv"
    write_queries(query_path, queries)
    build_rows: list[list[str]] = []
    lat_rows: list[list[str]] = []
    if run.embargo:
        db = WORK / "synthetic.db"
        embargo_side.remove_store(db)
        timed = peer_side.run_timed(embargo_side.import_command(db, csv_path, "synthetic_1m"))
        if timed.returncode != 0:
            raise SystemExit(f"embargo import failed:\n{timed.stderr}")
        build_rows.append(["embargo import (parse, store, index)", fmt(timed.wall_s, 1), f"{timed.peak_rss_mib:,.0f}"])
        # the index build alone, rebuilt from the stored entities as the import built it
        alone = peer_side.run_timed(embargo_side.index_build_command(db))
        if alone.returncode != 0:
            raise SystemExit(f"embargo index build failed:\n{alone.stderr}")
        build_rows.append(
            ["embargo index build alone (all workers)", fmt(alone.wall_s, 1), f"{alone.peak_rss_mib:,.0f}"]
        )
        build_rows.append(["embargo parse + store (import - index build)", fmt(timed.wall_s - alone.wall_s, 1), ""])
        result = embargo_latency(db, queries, min(200, len(queries)))
        lat_rows.append(latency_row("embargo (in-process)", result["latencies_ms"], f"open {result['open_s']:.2f} s"))
    else:
        build_rows.append(["embargo import (parse, store, index)", "–", "–"])
        build_rows.append(["embargo index build alone (all workers)", "–", "–"])
        lat_rows.append(["embargo (in-process)", "–", "–", "–", "–", "not measured (see note above)"])
    peers = ["rapidfuzz"] + ([] if args.skip_nomenklatura else ["nomenklatura"])
    for peer in peers:
        timed, stats = peer_side.run_peer(
            peer,
            ftm_path,
            query_path,
            WORK / f"{peer}.jsonl",
            WORK / f"{peer}.json",
            peer_side.LOGIC_V2_THRESHOLD,
            per_query=args.peer_latency_queries,
            one_core=True,
        )
        what = "load + blocker build" if peer == "nomenklatura" else "load + pre-process names"
        build_rows.append(
            [
                f"{PEER_LABELS[peer]}: {what}",
                fmt(stats["load_s"] + (stats["index_build_s"] if peer == "nomenklatura" else 0), 1),
                f"{timed.peak_rss_mib:,.0f}",
            ]
        )
        lat_rows.append(latency_row(PEER_LABELS[peer], stats["latencies_ms"], ""))
    if args.skip_nomenklatura:
        build_rows.append([f"{PEER_LABELS['nomenklatura']}", "not run", "(--skip-nomenklatura)"])
    body = [
        *context_lines(
            [
                f"{args.count:,} parties (80% Person, 20% Company), seed {args.seed}, generated in {gen_s:.0f} s; "
                f"person-name scripts drawn as: {scripts}",
                f"latency queries: {half} names taken from the index as written, the rest yente global negatives",
                run.took(),
                *run.left_out(),
            ]
        ),
        "",
        "### Index build (peak RSS: the largest process; embargo builds a large index in one worker per core)",
        "",
        *table(["step", "wall s", "peak RSS MiB"], build_rows),
        "",
        "### Single-query latency on the synthetic index (one core, ms)",
        "",
        *table(["engine", "queries", "p50", "p99", "mean", ""], lat_rows),
        "",
    ]
    finish(args, HEADING, body)


if __name__ == "__main__":
    main()
