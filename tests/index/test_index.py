"""The candidate index: what a query reaches, persistence, rebuilding."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from embargo.index import ListIndex, build_index, find_candidates, load_version_index
from embargo.index.keys import deletions, lookup_keys, word_keys
from embargo.model import Entity
from embargo.names import analyze_name
from embargo.store import Store, VersionInfo

PEOPLE = {
    "1": ["LUKASHENKA, Alyaksandr Hryhoryavich", "LUKASHENKO, Alexander Grigoryevich"],
    "2": ["LUKASHENKA, Viktar Aliaksandravich"],
    "3": ["PUTIN, Vladimir Vladimirovich"],
    "4": ["MOHAMED OMAR MOHAMED"],
    "5": ["OMAR, Mahmoud Matar"],
}


def entities() -> list[Entity]:
    out = []
    for sid, names in PEOPLE.items():
        e = Entity("Person", f"t-{sid}", "t", sid)
        e.add("name", names[0])
        for alias in names[1:]:
            e.add("alias", alias)
        e.add("birthDate", "1954-08-30")
        out.append(e)
    company = Entity("Company", "t-c", "t", "c")
    company.add("name", "Belaruskali OAO")
    out.append(company)
    return out


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return build_index("t", 1, entities())


def top(index: ListIndex, query: str, schema: str = "Person") -> list[str]:
    schemata = frozenset({"Person", "LegalEntity"}) if schema == "Person" else frozenset({"Company", "Organization"})
    found = find_candidates([index], [analyze_name(query, schema)], schemata, limit=5)
    return [index.entity_ids[c.entity] for c in found]


REACH = [
    ("Alexander Lukashenko", "t-1"),  # another romanization
    ("Aleksandr Lukashenkp", "t-1"),  # a typo, through a deletion key
    ("Лукашенко Александр", "t-1"),  # Cyrillic
    ("Loukachenko", "t-1"),  # phonetic key
    ("Viktar Lukashenka", "t-2"),
    ("Vladimir Putin", "t-3"),
    ("MOHAMED OMAR MOHAMED", "t-4"),  # exact common words beat a rarer word reached by sound
]


@pytest.mark.parametrize(("query", "expected"), REACH)
def test_reaches_first(index: ListIndex, query: str, expected: str) -> None:
    assert top(index, query)[0] == expected


def test_schema_filter(index: ListIndex) -> None:
    assert top(index, "Belaruskali", "Company") == ["t-c"]
    assert "t-c" not in top(index, "Belaruskali", "Person")


def test_unrelated_reaches_nothing(index: ListIndex) -> None:
    assert top(index, "Zebulon Quartermaine") == []


def test_keys() -> None:
    assert set(deletions("abcd")) == {"bcd", "acd", "abd", "abc"}
    assert list(deletions("abc")) == []
    token = analyze_name("Lukashenko").tokens[0]
    assert "d:lukashenko" in set(word_keys(token))
    assert "d:ukashenko" in set(lookup_keys(token))


def test_names_are_unpacked_lazily_and_pickle_small(index: ListIndex) -> None:
    again = pickle.loads(pickle.dumps(index))
    assert again._names == {}
    assert again.name(0).original == index.name(0).original
    assert again.name(0).tokens == index.name(0).tokens


def test_stale_or_broken_index_is_rebuilt(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    with store.writer() as w:
        w.begin_version("t", title="T", authority="T", format="custom_csv", url=None, content_hash="h", files=[])
        for e in entities():
            w.add(e)
        version: VersionInfo = w.finish(None, [], 0)
    first = load_version_index(store, version)
    path = tmp_path / "s.db.index" / f"v{version.id}.idx"
    assert path.exists()
    path.write_bytes(b"garbage")
    rebuilt = load_version_index(store, version)
    assert rebuilt.entity_ids == first.entity_ids
    assert ListIndex.load(path).entity_ids == first.entity_ids
