"""The alignment's similarity memo changes how much work a score costs, never the score."""

from __future__ import annotations

from embargo.matching.alignment import SimilarityMemo, compare_analyzed
from embargo.names import analyze_name

from .test_names import CASES


def test_memo_gives_the_same_matches() -> None:
    # One memo per query, shared by every listed name it is compared with (as the screener does).
    queries = sorted({(query, schema) for query, _, schema, _, _ in CASES})
    listed = [analyze_name(name, schema) for _, name, schema, _, _ in CASES]
    for query, schema in queries:
        q = analyze_name(query, schema)
        memo: SimilarityMemo = {}
        for c in listed:
            if c.kind != q.kind:
                continue
            plain, remembered = compare_analyzed(q, c), compare_analyzed(q, c, memo)
            assert remembered.score == plain.score, (query, c.original)
            assert remembered.pairs == plain.pairs, (query, c.original)
        assert memo
