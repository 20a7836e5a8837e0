"""An update that makes a word someone else's too (or no longer) checks the entities already holding it."""

from __future__ import annotations

from embargo.index import build_index
from embargo.model import Entity
from embargo.monitor._incremental import _flipped


def _person(eid: str, name: str) -> Entity:
    e = Entity("Person", eid, "t", eid)
    e.add("name", name)
    return e


def test_a_new_namesake_rechecks_the_entity_whose_family_name_was_unique() -> None:
    first, other = _person("a", "Ivan Zakharchenko"), _person("b", "Olga Petrova")
    now = build_index("t", 2, [first, other, _person("c", "Petr Zakharchenko")])
    assert not now.unique_word("zakharchenko")
    assert _flipped(now, build_index("t", -1, []), {2}) == {0}


def test_a_namesake_leaving_rechecks_the_one_left() -> None:
    now = build_index("t", 2, [_person("a", "Ivan Zakharchenko"), _person("b", "Olga Petrova")])
    gone = build_index("t", -1, [_person("c", "Petr Zakharchenko")])
    assert now.unique_word("zakharchenko")
    assert _flipped(now, gone, set()) == {0}


def test_an_unrelated_change_rechecks_no_one() -> None:
    now = build_index(
        "t", 2, [_person("a", "Ivan Zakharchenko"), _person("b", "Olga Petrova"), _person("c", "Anna Smirnova")]
    )
    assert _flipped(now, build_index("t", -1, []), {2}) == set()
