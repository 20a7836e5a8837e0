"""Free-text screening: mention recall, verdict precision and recall, speed on long documents.

    .venv/bin/python bench/text.py [--db bench/out/bench.db] [--articles DIR] [--words 50000] [--no-write]

Quality is measured on the project's own articles (tests/fixtures/text, expected mentions and
verdicts from tests/text/test_articles.py) against a store of the fixture lists, and on any
further articles in ``--articles`` (``name.txt`` or ``name.html`` beside ``name.expected.json``,
a list of ``[surface, verdict]``). A mention counts as found when a reported mention has the
same surface form (as many times as expected); a verdict counts when that mention has it.
Speed: the articles repeated to about ``--words`` words, screened as one document, against the
fixture store and (``--db``, copied to a temporary folder first since the name dictionary is
cached beside the store) every real list, after a warm-up run that loads the models. Writes
the "Free-text screening" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import context_lines, fmt, table, write_section
from embargo.ingest import import_file
from embargo.store import Store
from embargo.text import TextScreener
from tests.conftest import FIXTURES
from tests.text.test_articles import EXPECTED


def _fixture_store(folder: Path) -> Store:
    store = Store(folder / "fixtures.db")
    for rel, name in [
        ("ofac/SDN.XML", "us_ofac_sdn"),
        ("un/consolidated.xml", "un_sc"),
        ("eu/eu_fsf_1_1_sample.xml", "eu_fsf"),
        ("uk/UK-Sanctions-List-sample.xml", "gb_fcdo"),
    ]:
        import_file(store, FIXTURES / rel, name)
    return store


def _articles(extra: Path | None) -> list[tuple[str, str, list[tuple[str, str]]]]:
    out = [
        (name, (FIXTURES / "text" / name).read_text(encoding="utf-8"), [(s, v) for s, _, v in rows])
        for name, rows in sorted(EXPECTED.items())
    ]
    if extra is not None:
        for expected in sorted(extra.glob("*.expected.json")):
            stem = expected.name.removesuffix(".expected.json")
            source = next(p for p in expected.parent.glob(stem + ".*") if p != expected)
            rows = [(s, v) for s, v in json.loads(expected.read_text(encoding="utf-8"))]
            out.append((source.name, source.read_text(encoding="utf-8"), rows))
    return out


def _score(screener: TextScreener, articles: list[tuple[str, str, list[tuple[str, str]]]]) -> list[list[str]]:
    rows, totals = [], Counter[str]()
    for name, raw, expected in articles:
        got = [(r.mention.text, r.verdict) for r in screener.screen(raw).mentions]
        c = Counter[str]()
        left = Counter(s for s, _ in got)
        left_v = Counter(got)
        for surface, verdict in expected:
            if left[surface]:
                left[surface] -= 1
                c["found"] += 1
            if verdict == "listed":
                c["exp_listed"] += 1
                if left_v[(surface, verdict)]:
                    left_v[(surface, verdict)] -= 1
                    c["tp"] += 1
        c["expected"] += len(expected)
        c["reported"] += len(got)
        c["got_listed"] += sum(1 for _, v in got if v == "listed")
        totals.update(c)
        rows.append(_row(name, c))
    rows.append(_row("**all**", totals))
    return rows


def _row(name: str, c: Counter[str]) -> list[str]:
    def ratio(a: int, b: int) -> str:
        return fmt(a / b) if b else "–"

    return [
        name,
        fmt(c["expected"]),
        fmt(c["reported"]),
        ratio(c["found"], c["expected"]),
        ratio(c["found"], c["reported"]),
        ratio(c["tp"], c["got_listed"]),
        ratio(c["tp"], c["exp_listed"]),
    ]


def _speed(screener: TextScreener, doc: str, words: int) -> tuple[float, int]:
    screener.screen(doc[:20_000])  # models loaded, caches warm
    start = time.perf_counter()
    report = screener.screen(doc)
    seconds = time.perf_counter() - start
    return words / seconds, len(report.mentions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a store with every real list (copied first)")
    parser.add_argument("--articles", type=Path, help="more articles with .expected.json files")
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    articles = _articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        fixture = TextScreener(_fixture_store(folder))
        quality = _score(fixture, articles)
        texts = [fixture.screen(raw).text for _, raw, _ in articles]
        per_round = sum(len(t.split()) for t in texts)
        rounds = max(1, args.words // per_round)
        doc = "\n\n".join(texts * rounds)
        words = per_round * rounds
        speed = [["fixture lists", *map(fmt, _speed(fixture, doc, words))]]
        extra = [f"long document: the articles' main text repeated to {words:,} words"]
        if args.db is not None:
            copy = folder / "real.db"
            shutil.copy(args.db, copy)
            shutil.copytree(args.db.with_name(args.db.name + ".index"), folder / "real.db.index")
            start = time.perf_counter()
            real = TextScreener(copy)
            opened = time.perf_counter() - start
            start = time.perf_counter()
            TextScreener(copy)
            cached = time.perf_counter() - start
            speed.append(["every real list", *map(fmt, _speed(real, doc, words))])
            extra.append(
                f"opening on every real list: {opened:.1f} s with the name dictionary built, "
                f"{cached:.1f} s from its cache file"
            )
            quality_real = _score(real, articles)
            extra.append(
                f"same articles against every real list: mention recall {quality_real[-1][3]}, "
                f"listed precision {quality_real[-1][5]}, listed recall {quality_real[-1][6]}"
            )
    body = [
        *context_lines(extra),
        "",
        "Mention recall: expected mentions reported (same surface form). Mention precision: reported",
        "mentions expected. Listed precision / recall: 'listed' verdicts on the right mentions.",
        "These articles were written alongside the code (a development set): expect lower numbers on unseen ones.",
        "",
        *table(
            [
                "article",
                "expected",
                "reported",
                "mention recall",
                "mention precision",
                "listed precision",
                "listed recall",
            ],
            quality,
        ),
        "",
        *table(["lists", "words per second", "mentions"], speed),
    ]
    if args.no_write:
        print("\n".join(body))
    else:
        write_section("Free-text screening", body)


if __name__ == "__main__":
    main()
