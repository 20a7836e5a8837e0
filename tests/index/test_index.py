"""The candidate index: what a query reaches, persistence, rebuilding."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.index import ListIndex, build_index, build_version_index, find_candidates, load_version_index
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
    return [index.entity_id(c.entity) for c in found]


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


def test_saved_index_opens_lazily_with_the_same_content(index: ListIndex, tmp_path: Path) -> None:
    path = tmp_path / "v1.idx"
    index.save(path)
    again = ListIndex.load(path)
    assert again._names == {}
    assert again.name(0).original == index.name(0).original
    assert again.name(0).tokens == index.name(0).tokens
    assert {k: bytes(v) for k, v in again.sections.items()} == {k: bytes(v) for k, v in index.sections.items()}
    assert [again.entity_id(e) for e in range(again.entity_count)] == [f"t-{s}" for s in PEOPLE] + ["t-c"]
    assert again.facts(0).birth_dates == ("1954-08-30",)
    assert again.schema(again.entity_count - 1) == "Company"
    assert top(again, "Alexander Lukashenko") == top(index, "Alexander Lukashenko")


def test_unique_word_and_keys(index: ListIndex) -> None:
    assert index.unique_word("putin")
    assert not index.unique_word("lukashenka")  # t-1 and t-2
    assert not index.unique_word("zebulon")
    wid = index.vocab["lukashenko"]
    assert wid in set(index.words_for_key("d:lukashenko"))
    assert list(index.words_for_key("d:nothinghere")) == []
    assert [index.entity_id(index.name_entity[n]) for n in index.postings(index.vocab["putin"])] == ["t-3"]


def _stored(db: str | Path, items: list[Entity]) -> tuple[Store, VersionInfo]:
    store = Store(db)
    with store.writer() as w:
        w.begin_version("t", title="T", authority="T", format="custom_csv", url=None, content_hash="h", files=[])
        for e in items:
            w.add(e)
        version: VersionInfo = w.finish(None, [], 0)
    return store, version


@pytest.mark.parametrize("workers", [2, 3])
def test_workers_build_the_same_file(db: str | Path, workers: int) -> None:
    """Also on PostgreSQL: each forked worker opens the store by its URL and reads its run of entities."""
    store, version = _stored(db, entities())
    one = build_version_index(store, version, workers=1)
    many = build_version_index(store, version, workers=workers)
    assert {k: bytes(v) for k, v in many.sections.items()} == {k: bytes(v) for k, v in one.sections.items()}
    assert {k: v for k, v in many.header.items() if k != "symbol_table"} == {
        k: v for k, v in one.header.items() if k != "symbol_table"
    }
    # the symbol table is a cache of rigour's answers: the same answers, maybe more words
    assert all(many.header["symbol_table"].get(k, v) == v for k, v in one.header["symbol_table"].items())


def test_stale_or_broken_index_is_rebuilt(db: str | Path) -> None:
    store, version = _stored(db, entities())
    first = load_version_index(store, version)
    path = store.index_dir / f"v{version.id}.idx"
    assert path.exists()
    path.write_bytes(b"garbage")
    rebuilt = load_version_index(store, version)
    ids = [first.entity_id(e) for e in range(first.entity_count)]
    assert [rebuilt.entity_id(e) for e in range(rebuilt.entity_count)] == ids
    again = ListIndex.load(path)
    assert [again.entity_id(e) for e in range(again.entity_count)] == ids


def test_equal_listed_tokens_are_one_object(index: ListIndex) -> None:
    # "LUKASHENKA" of entities 1 and 2: the matcher remembers similarities by token object
    first = {t.text: t for t in index.name(0).tokens}
    second = {t.text: t for n in index.entity_names(1) for t in index.name(n).tokens}
    assert first["lukashenka"] is second["lukashenka"]
    assert index.name(0) is index.name(0)
