"""The held-out articles and how a report is scored against their labels (shared with bench/text.py).

Each article in ``tests/fixtures/text/heldout`` (``name.txt`` or ``name.html``) has beside it
``name.expected.json``: every person and organization it names, in text order, as
``[surface form, resolved name, verdict]``, labelled by hand against the real lists in
``EMBARGO_SHARED_DATA`` before the code was changed for them. A labelled mention counts as
found when a reported mention has the same surface form (as many times as labelled); its
verdict counts when that mention has the labelled verdict.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import FIXTURES

HELDOUT = FIXTURES / "text" / "heldout"
#: The real lists the labels refer to, as ``import_file`` arguments (path under the shared data, list name).
REAL_LISTS = [
    ("ofac/sdn_csv_2021/sdn.csv", "us_ofac_sdn"),
    ("ofac/CONSOLIDATED.XML", "us_ofac_cons"),
    ("un/consolidated.xml", "un_sc"),
    ("eu/opensanctions_eu_journal_32006R0765_belarus.csv", "eu_oj_belarus"),
    ("eu/opensanctions_eu_journal_32014R0269_russia_ukraine.csv", "eu_oj_russia"),
]


@dataclass(frozen=True)
class Article:
    """A labelled article: its file name, raw content and labels (surface, resolved, verdict)."""

    name: str
    raw: str
    labels: list[tuple[str, str, str]]


def load_articles(folder: Path = HELDOUT) -> list[Article]:
    """Every labelled article in ``folder``, by name."""
    out = []
    for expected in sorted(folder.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        source = next(p for p in sorted(folder.glob(stem + ".*")) if p != expected)
        rows = json.loads(expected.read_text(encoding="utf-8"))
        labels = [(r[0], r[1] if len(r) == 3 else "", r[-1]) for r in rows]
        out.append(Article(source.name, source.read_text(encoding="utf-8"), labels))
    return out


def score(labels: list[tuple[str, str, str]], got: list[tuple[str, str]]) -> Counter[str]:
    """Counts for one article: labelled, reported, found, and listed verdicts labelled, given, right.

    Args:
        labels: (surface, resolved, verdict) as labelled.
        got: (surface, verdict) as reported.
    """
    c: Counter[str] = Counter()
    surfaces = Counter(s for s, _ in got)
    verdicts = Counter(got)
    for surface, _, verdict in labels:
        if surfaces[surface]:
            surfaces[surface] -= 1
            c["found"] += 1
        if verdicts[(surface, verdict)]:
            verdicts[(surface, verdict)] -= 1
            c["verdict_right"] += 1
            c["tp"] += verdict == "listed"
        c["exp_listed"] += verdict == "listed"
    c["expected"] += len(labels)
    c["reported"] += len(got)
    c["got_listed"] += sum(1 for _, v in got if v == "listed")
    return c
