"""Skipping alignments bound to fall short changes how much work a score costs, never a score that counts.

Every pairing of the names in the matching tables (people, companies,
vessels, every script, run-together initials, joins, acronyms, series) is a
case: the bound must never fall below the real score, join reach must cover
every join made, and the floored searches must give what the full ones give
whenever the result reaches the floor.
"""

from __future__ import annotations

from itertools import product

import pytest

from embargo.matching import DEFAULT_THRESHOLD, ListedFacts, Query
from embargo.matching._cjk_rules import syllable_lift
from embargo.matching._initials import expand_initials
from embargo.matching._joins import join_pass, join_reach
from embargo.matching.algorithm import best_name_match, score_entity, score_entity_above
from embargo.matching.alignment import (
    _similarities,
    align,
    best_alignment,
    compare_analyzed,
    names_bound,
    score_bound,
)
from embargo.names import AnalyzedName, analyze_name

from . import test_initials, test_lookalikes, test_name_classes, test_names, test_series

EXTRA = [
    # joins and acronyms, which pairing alone does not see
    ("RamiMakhlouf", "Person"),
    ("Rami Makhlouf", "Person"),
    ("Abdulrahman Al Sayed", "Person"),
    ("Abdul Rahman Al-Sayed", "Person"),
    ("People's Liberation Army", "Organization"),
    ("PLA", "Organization"),
    ("U.S. Department of State", "Organization"),
    ("DoS", "Organization"),
    ("Kum Song 3", "Vessel"),
    ("KUM SONG 5", "Vessel"),
]


def _names() -> list[AnalyzedName]:
    raw: set[tuple[str, str]] = set(EXTRA)
    for a, b, schema, *_ in test_names.CASES:
        raw |= {(a, schema), (b, schema)}
    for _, a, b, schema, *_ in test_name_classes.CASES:
        raw |= {(a, schema), (b, schema)}
    for a, b, schema, *_ in test_series.CASES:
        raw |= {(a, schema), (b, schema)}
    for a, b, *_ in (*test_initials.CASES, *test_lookalikes.CASES):
        raw |= {(a, "Person"), (b, "Person")}
    return [analyze_name(name, schema) for name, schema in sorted(raw)]


NAMES = _names()
PAIRS = [(q, c) for q, c in product(NAMES, NAMES) if q.kind == c.kind]


def test_the_cases_are_many_and_varied() -> None:
    assert len(PAIRS) > 10_000
    assert {n.kind for n in NAMES} >= {"person", "org"}


def test_the_bound_is_never_below_the_score() -> None:
    tight = 0
    for q, c in PAIRS:
        person = q.kind == "person"
        for qv, cv in product(q.variants or (q.tokens,), c.variants or (c.tokens,)):
            score = align(qv, cv, person)[0]
            # the bound of the tokens as aligned (initials read), with joins looked for (a floor above every score)
            read = (expand_initials(qv, cv) if person else None) or qv
            bound = score_bound(read, cv, _similarities(read, cv, None), person, floor=2.0)
            # a Chinese or Korean name agreeing by its syllables is lifted apart from the letters' bound
            lift = syllable_lift(qv, cv) if person else None
            bound = max(bound, lift or 0.0)
            assert bound + 1e-9 >= score, (q.original, c.original, bound, score)
            tight += bound < 0.5
    assert tight > len(PAIRS) // 4  # the bound says something: most pairs of strangers are cut


def test_join_reach_covers_every_join() -> None:
    for q, c in PAIRS:
        org = q.kind != "person"
        reach = join_reach(q.tokens, c.tokens, org)
        # the joins made once any pairing leaves every token over
        made = join_pass(q.tokens, c.tokens, {}, set(), org)
        for side, got in ((made.query, reach.query), (made.listed, reach.listed)):
            for at, sim in side.items():
                assert got.get(at, 0.0) >= sim, (q.original, c.original, at)


def test_joins_and_acronyms_are_reached() -> None:
    rami = join_reach(analyze_name("RamiMakhlouf", "Person").tokens, analyze_name("Rami Makhlouf", "Person").tokens)
    assert rami.query == {0: 1.0}
    assert rami.listed == {0: 1.0, 1: 1.0}
    pla = join_reach(
        analyze_name("PLA", "Organization").tokens,
        analyze_name("People's Liberation Army", "Organization").tokens,
        True,
    )
    assert pla.query


@pytest.mark.parametrize("floor", [0.3, 0.5, DEFAULT_THRESHOLD, 0.9])
def test_floored_alignment_is_the_full_one_when_it_reaches_the_floor(floor: float) -> None:
    skipped = 0
    for q, c in PAIRS:
        full = compare_analyzed(q, c)
        floored = best_alignment(q, c, None, floor)
        if full.score >= floor:
            assert floored is not None, (q.original, c.original)
            assert (floored.score, floored.pairs) == (full.score, full.pairs), (q.original, c.original)
        elif floored is None:
            skipped += 1
        else:
            assert floored.score < floor
    assert skipped


def test_floored_name_search_keeps_the_first_best_pair() -> None:
    # several query names and listed names: ties go to the earlier pair, with or without a floor
    by_kind: dict[str, list[AnalyzedName]] = {}
    for n in NAMES:
        by_kind.setdefault(n.kind, []).append(n)
    for names in by_kind.values():
        for start in range(0, len(names) - 6, 5):
            queries, listed = names[start : start + 2], names[start + 2 : start + 6]
            full = best_name_match(queries, listed)
            assert full is not None
            floored = best_name_match(queries, listed, None, DEFAULT_THRESHOLD)
            if full.score >= DEFAULT_THRESHOLD:
                assert floored is not None
                assert (floored.query, floored.listed, floored.pairs) == (full.query, full.listed, full.pairs)


FACTS = [
    ListedFacts(schema="Person", birth_dates=("1954-08-30",), countries=("by",), identifiers=(), gender="male"),
    ListedFacts(schema="Person", birth_dates=("1960",), countries=("ru",), identifiers=("ab123456",), gender=None),
    ListedFacts(schema="Person", birth_dates=(), countries=(), identifiers=(), gender=None),
]
QUERIES = [
    {},
    {"birth_dates": ("1954-08-30",), "nationalities": ("by",)},
    {"birth_dates": ("1971-01-01",), "countries": ("us",)},
    {"id_numbers": ("AB123456",)},
]


@pytest.mark.parametrize("cut", [0.5, DEFAULT_THRESHOLD, 0.85])
def test_score_entity_above_is_score_entity_at_the_cut(cut: float) -> None:
    people = [n for n in NAMES if n.kind == "person"]
    unique = {"lukashenka", "putin"}.__contains__
    for (i, q), extra, facts in product(enumerate(people[::3]), QUERIES, FACTS):
        query = Query.build(names=[q.original], schema="Person", **extra)  # type: ignore[arg-type]
        listed = people[i % 7 :: 11][:4]
        full = score_entity(query, [q], listed, facts, unique)
        above = score_entity_above(query, [q], listed, facts, cut, unique)
        if full.score >= cut:
            assert above is not None, q.original
            assert above.score == full.score
            assert above.name == full.name
            assert [(f.name, f.delta, f.detail) for f in above.features] == [
                (f.name, f.delta, f.detail) for f in full.features
            ]
        else:
            assert above is None, q.original


def test_the_names_bound_covers_every_listed_name() -> None:
    by_kind: dict[str, list[AnalyzedName]] = {}
    for n in NAMES:
        by_kind.setdefault(n.kind, []).append(n)
    cut = 0
    for names in by_kind.values():
        for start in range(0, len(names) - 4, 3):
            listed = names[start : start + 4]  # one entity's names
            for q in names:
                top = max(compare_analyzed(q, c).score for c in listed)
                bound = names_bound(q, listed)
                assert bound + 1e-9 >= top, (q.original, [c.original for c in listed], bound, top)
                # with a floor: a value below the floor only when the best stays below it
                floored = names_bound(q, listed, None, DEFAULT_THRESHOLD)
                assert floored + 1e-9 >= min(top, DEFAULT_THRESHOLD), (q.original, floored, top)
                cut += bound < DEFAULT_THRESHOLD
    assert cut > 1000
