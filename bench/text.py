"""Free-text screening: mention recall, verdict precision and recall, speed on long documents.

    .venv/bin/python bench/text.py [--db bench/out/bench.db] [--words 30000] [--no-write]

Sets of labelled articles, reported separately:

* the development set (tests/fixtures/text, labels in tests/text/test_articles.py), written
  alongside the code, against a store of the project's fixture lists;
* held-out set 1 (tests/fixtures/text/heldout), written and labelled against the real lists
  before the code was changed for it; the code was then fixed by failure class on it, so its
  numbers are no longer a blind measure;
* held-out set 2 (tests/fixtures/text/heldout2), written after those fixes; measured blind once,
  then two rules it prompted were added (the report gives both measures);
* issue 22's development set (tests/fixtures/text/dev22) and its three blind sets (blind22,
  blind22b, blind22c), each measured blind once (the report gives that measure) and then used for
  development.

The held-out sets are screened against every real list: a copy of ``--db`` (the name dictionary
is cached beside the store), or a store built from ``EMBARGO_SHARED_DATA``. A labelled mention
counts as found when a reported mention has the same surface form; a verdict counts when that
mention has the labelled verdict (tests/text/_heldout.py). Speed: every article's main text
repeated to about ``--words`` words, screened as one document after a warm-up run that loads the
models; wall-clock and CPU time (the machine is shared). Writes the "Free-text screening"
section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
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
from tests.conftest import FIXTURES, shared_data_dir
from tests.text._heldout import HELDOUT, REAL_LISTS, Article, load_articles, score
from tests.text.test_articles import EXPECTED

HELDOUT2 = FIXTURES / "text" / "heldout2"
#: Issue 22's development articles (tests/fixtures/text/dev22).
DEV22 = FIXTURES / "text" / "dev22"
#: Issue 22's blind sets, each measured once before any change was made for it (figures in the report),
#: then used for development like the others.
BLIND22 = FIXTURES / "text" / "blind22"
BLIND22B = FIXTURES / "text" / "blind22b"
BLIND22C = FIXTURES / "text" / "blind22c"


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


def _real_store(folder: Path, db: Path | None) -> Store:
    if db is not None:
        copy = folder / "real.db"
        shutil.copy(db, copy)
        shutil.copytree(db.with_name(db.name + ".index"), folder / "real.db.index")
        for old in (folder / "real.db.index").glob("text-names-*.pkl"):
            old.unlink()  # opening builds it: the build time is measured
        return Store(copy)
    store = Store(folder / "real.db")
    for rel, name in REAL_LISTS:
        import_file(store, shared_data_dir() / rel, name)
    return store


def _dev_articles() -> list[Article]:
    return [
        Article(name, (FIXTURES / "text" / name).read_text(encoding="utf-8"), rows)
        for name, rows in sorted(EXPECTED.items())
    ]


def _score(screener: TextScreener, articles: list[Article]) -> tuple[list[list[str]], Counter[str], list[str]]:
    """Rows per article and the total, the counts, and every miss (for the report's text)."""
    rows, totals, misses = [], Counter[str](), []
    for article in articles:
        report = screener.screen(article.raw)
        got = [(r.mention.text, r.verdict) for r in report.mentions]
        c = score(article.labels, got)
        totals.update(c)
        rows.append(_row(article.name, c))
        left = Counter(got)
        for surface, _, verdict in article.labels:
            if left[(surface, verdict)]:
                left[(surface, verdict)] -= 1
            else:
                misses.append(f"{article.name}: {surface!r} labelled {verdict}")
        misses += [
            f"{article.name}: {s!r} reported {v}, not labelled so" for (s, v), n in left.items() for _ in range(n)
        ]
    rows.append(_row("**all**", totals))
    return rows, totals, misses


def _row(name: str, c: Counter[str]) -> list[str]:
    def ratio(a: int, b: int) -> str:
        return fmt(a / b) if b else "–"

    return [
        name,
        fmt(c["expected"]),
        fmt(c["reported"]),
        ratio(c["found"], c["expected"]),
        ratio(c["found"], c["reported"]),
        ratio(c["verdict_right"], c["expected"]),
        ratio(c["tp"], c["got_listed"]),
        ratio(c["tp"], c["exp_listed"]),
    ]


_HEADER = [
    "article",
    "labelled",
    "reported",
    "mention recall",
    "mention precision",
    "verdict accuracy",
    "listed precision",
    "listed recall",
]


def _speed(screener: TextScreener, doc: str, words: int) -> list[str]:
    screener.screen(doc[:20_000])  # models loaded, caches warm
    wall, cpu = time.perf_counter(), time.process_time()
    report = screener.screen(doc)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return [fmt(words / wall), fmt(words / cpu), fmt(len(report.mentions))]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, help="a store with every real list (copied first)")
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    dev, held, held2 = _dev_articles(), load_articles(HELDOUT), load_articles(HELDOUT2)
    dev22, blind22, blind22b = load_articles(DEV22), load_articles(BLIND22), load_articles(BLIND22B)
    blind22c = load_articles(BLIND22C)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        fixture = TextScreener(_fixture_store(folder))
        dev_rows, _, dev_misses = _score(fixture, dev)
        real_store = _real_store(folder, args.db)
        start = time.perf_counter()
        real = TextScreener(real_store)
        built = time.perf_counter() - start
        start = time.perf_counter()
        TextScreener(real_store)
        cached = time.perf_counter() - start
        held_rows, _, held_misses = _score(real, held)
        held2_rows, _, held2_misses = _score(real, held2)
        dev22_rows, _, dev22_misses = _score(real, dev22)
        blind22_rows, _, blind22_misses = _score(real, blind22)
        blind22b_rows, _, blind22b_misses = _score(real, blind22b)
        blind22c_rows, _, blind22c_misses = _score(real, blind22c)
        texts = [fixture.screen(a.raw).text for a in dev + held + held2]
        per_round = sum(len(t.split()) for t in texts)
        rounds = max(1, args.words // per_round)
        doc = "\n\n".join(texts * rounds)
        words = per_round * rounds
        speed = [["fixture lists", *_speed(fixture, doc, words)], ["every real list", *_speed(real, doc, words)]]
    extra = [
        f"real lists: {'a copy of ' + str(args.db) if args.db else 'built from ' + os.fspath(shared_data_dir())}",
        f"long document: every article's main text repeated to {words:,} words",
        f"opening on every real list: {built:.1f} s with the name dictionary built, {cached:.1f} s from its cache file",
    ]
    body = [
        *context_lines(extra),
        "",
        "Mention recall: labelled mentions reported (same surface form). Mention precision: reported mentions",
        "labelled. Verdict accuracy: labelled mentions reported with the labelled verdict. Listed precision /",
        "recall: 'listed' verdicts on the right mentions.",
        "",
        "Development set (written alongside the code; fixture lists):",
        "",
        *table(_HEADER, dev_rows),
        "",
        "Held-out set 1 (written before the code was changed for it, then used to fix failures by class;",
        "every real list). Before those fixes the same set gave mention recall 0.803, mention precision",
        "0.912, listed precision 0.934, listed recall 0.687 (commit ffce20c).",
        "",
        *table(_HEADER, held_rows),
        "",
        "Held-out set 2 (written after those fixes; every real list). Its first, blind measure gave mention",
        "recall 0.898, mention precision 0.957, listed precision 0.972, listed recall 0.921 (commit 08ee64d);",
        "two rules it prompted followed (an acronym must be spelled by a listed name; a surname that is also",
        "an adjective stays after a given name):",
        "",
        *table(_HEADER, held2_rows),
        "",
        "Issue 22's development set (tests/fixtures/text/dev22: eight articles in English, Russian,",
        "Belarusian, Ukrainian, French, Spanish and a German saved page; labelled against every real list",
        "before the code was changed for it; every real list). Its baseline at dcffff6: mention recall",
        "0.690, listed precision 0.867, listed recall 0.456.",
        "",
        *table(_HEADER, dev22_rows),
        "",
        "Issue 22's first blind set (tests/fixtures/text/blind22: English, Russian, Ukrainian, Belarusian,",
        "Spanish and a German saved page, written and labelled by a helper who never ran the screener on",
        "them). Measured blind once, at 166af37: mention recall 0.829, mention precision 0.824, listed",
        "precision 0.920, listed recall 0.793 (German page: 3 of 15 listed found). Then used to fix",
        "failures by class:",
        "",
        *table(_HEADER, blind22_rows),
        "",
        "Issue 22's second blind set (tests/fixtures/text/blind22b: Italian, Polish, Russian, English,",
        "Ukrainian and a French saved page, written the same way after those fixes). Measured blind once,",
        "at c1f02df: mention recall 0.749, mention precision 0.798, listed precision 0.916, listed recall",
        "0.697. Then used to fix failures by class:",
        "",
        *table(_HEADER, blind22b_rows),
        "",
        "Issue 22's third blind set (tests/fixtures/text/blind22c: Spanish, German, English, Russian,",
        "Ukrainian and an English saved page, written the same way after the second set's fixes). Measured",
        "blind once, at c3a7e0f: mention recall 0.808, mention precision 0.850, listed precision 0.930,",
        "listed recall 0.836. Then used to fix failures by class:",
        "",
        *table(_HEADER, blind22c_rows),
        "",
        f"Issue 22's sets still miss {len(dev22_misses)} (development), {len(blind22_misses)} (first blind),",
        f"{len(blind22b_misses)} (second blind) and {len(blind22c_misses)} (third blind) labels or unlabelled",
        "reports (listed in the run's output).",
        "",
        "What the held-out sets still get wrong:",
        "",
        *[f"- {m}" for m in held_misses + held2_misses],
        "",
        *table(["lists", "words per second (wall)", "words per CPU second", "mentions"], speed),
    ]
    if dev_misses:
        body += ["", "Development set misses:", "", *[f"- {m}" for m in dev_misses]]
    for name, misses in (
        ("dev22", dev22_misses),
        ("blind22", blind22_misses),
        ("blind22b", blind22b_misses),
        ("blind22c", blind22c_misses),
    ):
        print(f"{name}: " + "\n".join(misses), file=sys.stderr)
    if args.no_write:
        print("\n".join(body))
    else:
        write_section("Free-text screening", body)


if __name__ == "__main__":
    main()
