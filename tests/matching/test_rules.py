"""The algorithm's rules are data: one list, applied in order, and bounded where each is written.

Every rule is watched while the names of the matching tables are aligned (the pairs
of :mod:`.test_bound`): a rule without a ``lift`` never raises a score, a rule with
one never raises it above its ``lift`` (nor above its ``lift_names`` for the names it
met), and the pruning bounds ask every rule of the list, a new one too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from embargo.matching import rules
from embargo.matching._person_rules import SINGLE_WORD_CAP, SURNAME_TYPO_CAP
from embargo.matching.algorithm import RULES as ALGORITHM_RULES
from embargo.matching.alignment import _similarities, compare_analyzed, names_bound, score_bound
from embargo.matching.rule import Aligned, Rule
from embargo.names import AnalyzedName, Token, analyze_name

from .test_bound import PAIRS

#: (rule, score before, score after, query reading, listed reading) of each rule applied.
Seen = list[tuple[Rule, float, float, tuple[Token, ...], tuple[Token, ...]]]


def _watched(rule: Rule, seen: Seen) -> Rule:
    def apply(a: Aligned) -> None:
        before = a.score
        rule.apply(a)
        seen.append((rule, before, a.score, a.q_tokens, a.c_tokens))

    return replace(rule, apply=apply)


def _words(name: AnalyzedName) -> tuple[Token, ...]:
    return tuple(t for v in name.variants or (name.tokens,) for t in v)


def test_the_algorithm_lists_every_rule_once_by_kind() -> None:
    assert ALGORITHM_RULES is rules.RULES
    assert len({r.name for r in rules.RULES}) == len(rules.RULES)
    assert set(rules.PERSON_RULES) | set(rules.ORG_RULES) == set(rules.RULES)
    assert rules.rules_for(True) == rules.PERSON_RULES
    assert rules.rules_for(False) == rules.ORG_RULES
    # the surname rule runs after the single-word rule and caps higher: it never undoes it
    order = [r.name for r in rules.PERSON_RULES]
    assert order.index("single_word") < order.index("surname_lookalike")
    assert SINGLE_WORD_CAP <= SURNAME_TYPO_CAP


def test_every_rule_stays_within_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: Seen = []
    monkeypatch.setattr(rules, "PERSON_RULES", tuple(_watched(r, seen) for r in rules.PERSON_RULES))
    monkeypatch.setattr(rules, "ORG_RULES", tuple(_watched(r, seen) for r in rules.ORG_RULES))
    lowered: Counter[str] = Counter()
    raised: Counter[str] = Counter()
    for q, c in PAIRS:
        compare_analyzed(q, c)
        for rule, before, after, qv, cv in seen:
            if after < before:
                lowered[rule.name] += 1
            if after <= before:
                continue
            raised[rule.name] += 1
            # only a rule that says how far it may raise a score raises one, and no further
            assert rule.lift is not None and rule.lift_names is not None, (rule.name, q.original, c.original)
            lift = rule.lift(qv, cv)
            assert lift is not None and lift + 1e-9 >= after, (rule.name, q.original, c.original, lift, after)
            lift_names = rule.lift_names(q, [c], _words(c), None)
            assert lift_names is not None and lift_names + 1e-9 >= after, (rule.name, q.original, c.original)
        seen.clear()
    # the sample exercises the rules: every rule that may raise a score raised one somewhere,
    # and nearly every rule lowered one
    assert set(raised) == {r.name for r in rules.RULES if r.lift is not None}
    assert len(lowered) >= len(rules.RULES) - 2, lowered


def test_the_bounds_ask_every_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    # a new rule that may raise any pair to 0.99: both bounds must let it, with no other change
    def nothing(a: Aligned) -> None:
        return None

    new = Rule("new", frozenset({"person"}), nothing, lambda q, c: 0.99, lambda q, listed, words, floor: 0.99)
    query = analyze_name("Aliaksandr Lukashenka", "Person")
    listed = analyze_name("Ivan Petrov", "Person")
    scored = _similarities(query.tokens, listed.tokens, None)
    before = score_bound(query.tokens, listed.tokens, scored, True, floor=2.0)
    assert before < 0.5
    assert names_bound(query, [listed]) < 0.5
    monkeypatch.setattr(rules, "PERSON_RULES", (*rules.PERSON_RULES, new))
    assert score_bound(query.tokens, listed.tokens, scored, True, floor=2.0) == 0.99
    assert names_bound(query, [listed]) == 0.99
