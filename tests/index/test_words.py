"""Which listed words a query word reaches: keys first, then the check scoring would make."""

from __future__ import annotations

import pytest

from embargo.index import ListIndex, build_index
from embargo.index._words import find_words
from embargo.matching.tokens import token_similarity
from embargo.model import Entity
from embargo.names import analyze_name

LISTED = [
    "Dario KORDIC",
    "Dora PAVA",
    "True BLUE",
    "Toro SANCHEZ",
    "Teodoro OBIANG",
    "Alyaksandr LUKASHENKA",
    "Aleksandr LUKASHENKO",
    "Mohammed HASSAN",
    "Muhammad HASAN",
]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    entities = []
    for i, name in enumerate(LISTED):
        e = Entity("Person", f"p-{i}", "t", str(i))
        e.add("name", name)
        entities.append(e)
    return build_index("t", 1, entities)


def _reached(index: ListIndex, word: str) -> set[str]:
    token = analyze_name(word, "Person").tokens[0]
    return {index.words[w] for w in find_words(index, token)}


# (query word, listed words it must reach, listed words it must not reach)
CASES = [
    # a vowel keeps two t's apart (key TTR): neither Toro (TR) nor Dario, Dora or True
    ("Teodoro", {"teodoro"}, {"dario", "dora", "true", "toro"}),
    ("Dario", {"dario"}, {"teodoro", "true"}),
    # another romanization of one name: reached by its key
    ("Alexandr", {"alyaksandr", "aleksandr"}, set()),
    ("Lukashenko", {"lukashenka", "lukashenko"}, {"kordic"}),
    ("Mohamed", {"mohammed", "muhammad"}, set()),
    ("Hasan", {"hassan", "hasan"}, set()),
]


@pytest.mark.parametrize(("word", "reached", "not_reached"), CASES)
def test_reach(index: ListIndex, word: str, reached: set[str], not_reached: set[str]) -> None:
    found = _reached(index, word)
    assert reached <= found, found
    assert not (not_reached & found), found


def test_every_word_scoring_pairs_is_reached_by_key_or_edit(index: ListIndex) -> None:
    # The check drops only words scoring would not pair by phonetic key: any listed word the
    # query word pairs with at 0.85 or more (the phonetic and typo range) is still reached.
    for word in ["Teodoro", "Dario", "Alexandr", "Lukashenko", "Mohamed", "Hasan", "Toro", "Kordich"]:
        q = analyze_name(word, "Person").tokens[0]
        found = _reached(index, word)
        for name in LISTED:
            for c in analyze_name(name, "Person").tokens:
                if token_similarity(q, c)[0] >= 0.85:
                    assert c.text in found, (word, c.text)


def test_key_lookup_by_dict_and_by_search_agree(index: ListIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from embargo.index import listindex

    table = index.arrays.key_hash
    assert len(np.unique(table)) == len(table)  # one entry per key number
    probe = np.concatenate([table, np.array([0, 1, 2**64 - 1], dtype=np.uint64)])
    by_dict = [bytes(m) for m in index.words_for_keys(probe)]
    monkeypatch.setattr(listindex, "_KEY_DICT_MAX", -1)
    by_search = [bytes(m) for m in index.words_for_keys(probe)]
    assert by_dict == by_search
    assert by_dict[-3:] == [b"", b"", b""]
