"""Keys, dictionary forms, the page extractor, the dictionary cache and the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.index import index_dir
from embargo.store import Store
from embargo.text import NameDictionary, extract_main_text
from embargo.text._keys import split_text, word_keys
from embargo.text._morph import base_form
from embargo.text.dictionary import FORMAT
from tests.conftest import FIXTURES

SAME_KEY = [
    ("Лукашэнка", "Лукашэнкі"),
    ("Лукашэнку", "LUKASHENKA"),
    ("Лукашенко", "Lukashenko"),
    ("Петров", "Петровым"),
    ("Тихановская", "Тихановской"),
    ("Беларуськалий", "Belaruskali"),
]


@pytest.mark.parametrize(("a", "b"), SAME_KEY)
def test_inflected_and_transliterated_forms_share_a_key(a: str, b: str) -> None:
    assert set(word_keys(a)) & set(word_keys(b))


BASE = [
    ("Петровым", "ru", "Петров"),
    ("Петровой", "ru", "Петрова"),
    ("Тихановской", "ru", "Тихановская"),
    ("Лукашэнкі", "be", "Лукашэнка"),
    ("Лукашэнку", "be", "Лукашэнка"),
    ("Ціханоўскай", "be", "Ціханоўская"),
    ("Бяляцкі", "be", "Бяляцкі"),
    ("Тихановської", "uk", "Тихановська"),
    ("Lukashenko", "en", "Lukashenko"),
]


@pytest.mark.parametrize(("word", "lang", "base"), BASE)
def test_dictionary_form(word: str, lang: str, base: str) -> None:
    assert base_form(word, lang) == base


def test_possessive_is_not_part_of_the_word() -> None:
    assert [w.text for w in split_text("Lukashenko's son")] == ["Lukashenko", "son"]


def test_saved_page_keeps_only_the_article() -> None:
    text = extract_main_text((FIXTURES / "text" / "page_crackdown.html").read_text(encoding="utf-8"))
    assert "Siarhei Skryba" in text
    for boilerplate in ("cookies", "Related stories", "Read more", "Donate", "Viktar", "Inter Tobacco"):
        assert boilerplate not in text


def test_plain_text_is_kept_as_it_is() -> None:
    assert extract_main_text("Plain <text> & more", html=False) == "Plain <text> & more"


def test_dictionary_is_cached_beside_the_index(text_store: Store) -> None:
    first = NameDictionary.for_store(text_store)
    (path,) = index_dir(text_store).glob("text-names-*.pkl")
    again = NameDictionary.for_store(text_store)
    assert again.entities == first.entities
    # A file of another format is rebuilt, not trusted.
    import pickle

    with path.open("rb") as fh:
        _, digest, automaton, _refs, bodies = pickle.load(fh)
    with path.open("wb") as fh:
        pickle.dump((FORMAT + 1, digest, automaton, [], bodies), fh)
    assert NameDictionary.for_store(text_store).entities == first.entities
    # So is a file of an older layout (before the body index was part of it).
    with path.open("wb") as fh:
        pickle.dump((FORMAT, digest, automaton, []), fh)
    assert NameDictionary.for_store(text_store).entities == first.entities


def test_cli_json(text_store: Store) -> None:
    result = CliRunner().invoke(
        app, ["text", "--db", str(text_store.path), "--json", str(FIXTURES / "text" / "en_crackdown.txt")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first = data["mentions"][0]
    assert (first["text"], first["verdict"], first["start"]) == ("Alexander Lukashenko", "listed", 54)
    assert first["hits"][0]["designations"]


def test_cli_reads_stdin(text_store: Store) -> None:
    result = CliRunner().invoke(app, ["text", "--db", str(text_store.path), "-"], input="Sberbank said so.\n")
    assert result.exit_code == 0 and "LISTED" in result.output and "Sberbank" in result.output
    # each verdict with its evidence, and the hit's list record, countries and programmes
    lines = result.output.splitlines()
    why = next(line for line in lines if line.strip().startswith("why: "))
    hit = next(line for line in lines if line.strip().startswith("hit: "))
    assert "scores" in why
    assert "SBERBANK" in hit and hit.count(" · ") == 2 and "Russia" in hit
