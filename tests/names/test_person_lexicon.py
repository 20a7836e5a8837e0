"""rigour's person symbols read from its name data must be exactly what rigour's automaton gives."""

from __future__ import annotations

import csv
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rigour import _core

from embargo.names import _person_lexicon, symbols
from embargo.names._person_lexicon import PersonLexicon
from embargo.names.text import fold
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # rigour's automaton (7 s) is the reference

#: Words where a reimplementation of rigour's reading could go wrong: case, accents and
#: modifier letters it strips, apostrophes, hyphens (two parts), digits of several scripts,
#: ordinals, Roman numerals, CJK numerals and iteration marks, honorifics, prefixes, noise.
TRICKY = [
    "ivan",
    "İvan",
    "i̇van",
    "muʿawiya",
    "o'neil",
    "abu-bakr",
    "jean-claude",
    "al-",
    "ALEXANDER",
    "1",
    "07",
    "0",
    "1236",
    "١٢",
    "१२",
    "12a",
    "ali2",
    "1st",
    "iii",
    "ⅲ",
    "Ⅷ",
    "²",
    "½",
    "a³",
    "x²",
    "千",
    "三浦",
    "陆",
    "二十",
    "奈々",
    "々木",
    "佐々木",
    "김정은",
    "정은",
    "ким",
    "путин",
    "лукашэнка",
    "mr",
    "dr",
    "sheikh",
    "haji",
    "jr",
    "de",
    "a",
    "j",
    "...",
    "-",
    "ß",
    "straße",
    "ǆ",
    "ﬁlip",
]


def _hard_case_words() -> Iterator[str]:
    with (ROOT / "bench" / "hard_cases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for word in row["query"].replace(",", " ").split():
                yield word
                yield from fold(word).split()


WORDS = sorted(set(TRICKY) | set(_hard_case_words()))


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> PersonLexicon:
    made = PersonLexicon(tmp_path_factory.mktemp("lexicon") / "person.sqlite")
    made._write(_person_lexicon._forms(Path(_core.__file__).read_bytes()))
    return made


@pytest.fixture(scope="module")
def rigour() -> dict[str, frozenset[str]]:
    """What rigour's automaton gives for every word (none of it from a lexicon)."""
    before = symbols._LEXICON
    symbols._LEXICON = None
    try:
        return {w: symbols._lookup(w, False) for w in WORDS}
    finally:
        symbols._LEXICON = before


def test_lexicon_gives_what_rigour_gives(lexicon: PersonLexicon, rigour: dict[str, frozenset[str]]) -> None:
    unsure = []
    for word in WORDS:
        found = lexicon.symbols(word)
        if found is None:
            unsure.append(word)
        else:
            assert found == rigour[word], word
    # only number letters and blank words are left to rigour
    assert sorted(unsure) == sorted(["ⅲ", "Ⅷ"])
    assert "name:Q61451071" in rigour["i̇van"] and "num:12" in rigour["١٢"] and "num:3" in rigour["iii"]


def test_a_lexicon_is_kept_only_when_it_agrees_with_rigour(
    lexicon: PersonLexicon, rigour: dict[str, frozenset[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EMBARGO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(PersonLexicon, "MIN_REFERENCE", 10)
    monkeypatch.setattr(_person_lexicon, "_forms", lambda _binary: _lexicon_forms(lexicon))
    reference = sorted(rigour.items())
    assert PersonLexicon.for_rigour(reference[:5]) is None  # too few words to check against
    wrong = [(w, s | {"name:Q1"}) if w == "ivan" else (w, s) for w, s in reference]
    assert PersonLexicon.for_rigour(wrong) is None
    assert list(tmp_path.iterdir()) == []  # the disagreeing file is not left behind
    made = PersonLexicon.for_rigour(reference)
    assert made is not None and made.path.parent == tmp_path and made.symbols("ivan") == rigour["ivan"]
    # made once: the next process opens it, after a spot check against its own table
    assert PersonLexicon.for_rigour(reference) is not None
    assert PersonLexicon.for_rigour(wrong) is None


def _lexicon_forms(lexicon: PersonLexicon) -> dict[str, set[str]]:
    rows = lexicon._connection().execute("SELECT form, symbols FROM forms")
    return {form: set(found.split()) for form, found in rows}


#: The lexicon forked workers inherit (it is not pickled: each process opens the file itself).
_INHERITED: list[PersonLexicon] = []


def _ivan(_: int) -> frozenset[str] | None:
    return _INHERITED[0].symbols("ivan")


def test_threads_and_forked_workers_open_their_own_connection(lexicon: PersonLexicon) -> None:
    here = lexicon.symbols("ivan")
    _INHERITED[:] = [lexicon]
    try:
        with ThreadPoolExecutor(2) as threads:
            assert list(threads.map(_ivan, range(4))) == [here] * 4
        with multiprocessing.get_context("fork").Pool(2) as workers:
            assert workers.map(_ivan, range(4)) == [here] * 4
    finally:
        _INHERITED.clear()
