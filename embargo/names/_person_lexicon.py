"""rigour's person-name symbols for one word, without rigour's automaton.

rigour's person tagger (``analyze_names`` with the PER tag) builds an
Aho-Corasick automaton over about 550,000 normalized name forms on first use:
seven seconds of CPU, holding the GIL, in every process that screens a word
the index has not seen. A single word needs none of that: its symbols are
those of the forms equal to each of its tokens. This module reads the same
data rigour compiles its automaton from (the zstd blobs embedded in rigour's
Rust extension: ``person_names.txt``, ``symbols.json``, ``ordinals.json``),
normalizes every form with rigour's own normalizer and flags, and keeps
``form -> symbols`` in an SQLite file in the user's cache folder, made once per
build of rigour's extension (its SHA-256 names the file). Lookups then cost a
few microseconds and start-up nothing.

It is exact only if it reproduces rigour: a lexicon is used only after it
agrees with rigour on every person word of a reference table rigour answered
(the symbol table an index build saved), and words it cannot answer for sure
(text with spaces, Roman-numeral signs) return ``None`` so the caller asks
rigour. ``EMBARGO_CACHE_DIR`` moves the cache folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from rigour import _core
from rigour._core import _normalize, tokenize_name
from rigour.text.normalize import Cleanup, Normalize

from embargo.settings import cache_dir_setting

__all__ = ["PersonLexicon", "cache_dir"]

#: The normalization rigour's person tagger applies to its forms and its input.
_FLAGS = int(Normalize.CASEFOLD | Normalize.NAME | Normalize.SQUASH_SPACES)
_CLEANUP = int(Cleanup.Noop)
#: Characters rigour's tokenizer deletes, which its tagger strips from forms too.
_SKIP = str.maketrans("", "", ".'\u2018\u2019\u02bc\u02b9`\u00b4")
#: Unicode number letters and other numbers (Ⅲ, ²): not digits, nor letters of a form.
_OTHER_NUMBERS = frozenset({"Nl", "No"})
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_SCHEMA = 1


def cache_dir() -> Path:
    """Where the lexicon file lives (``EMBARGO_CACHE_DIR``, else the user's cache folder)."""
    env = cache_dir_setting()
    if env is not None:
        return env
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("embargo", appauthor=False))


@cache
def _digest() -> str:
    """SHA-256 of rigour's extension (the data is compiled into it), short."""
    return hashlib.sha256(Path(_core.__file__).read_bytes()).hexdigest()[:20]


def _norm(form: str) -> str | None:
    return _normalize(form.translate(_SKIP), _FLAGS, _CLEANUP)


def _blobs(binary: bytes) -> Iterator[str]:
    """The text of every zstd frame embedded in rigour's extension."""
    import zstandard

    view = memoryview(binary)
    at = binary.find(_ZSTD_MAGIC)
    while at >= 0:
        try:
            # one frame from here on (a decompressobj stops at the frame's end)
            data = zstandard.ZstdDecompressor().decompressobj().decompress(view[at:])
            yield data.decode("utf-8")
        except (zstandard.ZstdError, UnicodeDecodeError):
            pass
        at = binary.find(_ZSTD_MAGIC, at + 1)


def _forms(binary: bytes) -> dict[str, set[str]]:
    """Normalized form -> symbols (``prefix:id``), as rigour's person tagger is built."""
    names = symbols = ordinals = None
    for text in _blobs(binary):
        if " => " in text[:2000]:
            names = text
        elif text.lstrip().startswith("{") and '"person_nick"' in text:
            symbols = json.loads(text)
        elif text.lstrip().startswith("[") and '"forms"' in text[:2000] and '"number"' in text:
            ordinals = json.loads(text)
    if names is None or symbols is None or ordinals is None:
        raise LookupError("rigour's person-name data not found in its extension")
    out: dict[str, set[str]] = {}

    def add(form: str, symbol: str) -> None:
        key = _norm(form)
        if key:
            out.setdefault(key, set()).add(symbol)

    for spec in ordinals:
        for form in spec["forms"]:
            add(form, f"num:{spec['number']}")
    for prefix, section in (("sym", "person_symbols"), ("name", "person_name_parts"), ("nick", "person_nick")):
        for key, aliases in symbols[section].items():
            ident = key.upper() if prefix == "name" else key.lower()
            for alias in aliases:
                add(alias, f"{prefix}:{ident}")
    for line in names.splitlines():
        forms, sep, gid = line.strip().rpartition(" => ")
        if not sep:
            continue
        normed = {k for k in (_norm(f) for f in forms.split(", ")) if k}
        # rigour skips a group with fewer than two distinct forms (nothing to bridge)
        if len(normed) < 2:
            continue
        for key in normed:
            out.setdefault(key, set()).add(f"name:{gid}")
    return out


class PersonLexicon:
    """Normalized single-word form -> rigour person symbols, in an SQLite file."""

    #: Fewest words rigour answered that a new lexicon must be checked against.
    MIN_REFERENCE = 1000

    def __init__(self, path: Path) -> None:
        self.path = path
        # one connection per process and thread: a forked batch worker or a server thread must
        # not share another's
        self._local = threading.local()

    @staticmethod
    def path_for_rigour() -> Path:
        """The lexicon file of the installed rigour build (it may not exist yet)."""
        return cache_dir() / f"rigour-person-{_SCHEMA}-{_digest()}.sqlite"

    @classmethod
    def for_rigour(cls, reference: Iterable[tuple[str, frozenset[str]]]) -> PersonLexicon | None:
        """The lexicon of the installed rigour, made (once) if missing; None if it disagrees with rigour.

        Args:
            reference: ``(word, symbols)`` that rigour gave for person words
                (an index's symbol table); a new lexicon is kept only if it
                gives the same for every one, and at least :attr:`MIN_REFERENCE` are needed.
        """
        path = cls.path_for_rigour()
        lexicon = cls(path)
        reference = list(reference)
        if path.exists():
            # made and checked by an earlier process: a spot check against this table
            return lexicon if lexicon._agrees(reference[:: max(1, len(reference) // 500)]) else None
        if len(reference) < cls.MIN_REFERENCE:
            return None
        try:
            forms = _forms(Path(_core.__file__).read_bytes())
        except (LookupError, ValueError, KeyError, ImportError):
            return None
        try:
            lexicon._write(forms)
        except (OSError, sqlite3.Error):
            return None  # no writable cache folder: rigour answers, as before
        if not lexicon._agrees(reference):
            path.unlink(missing_ok=True)
            return None
        return lexicon

    def _agrees(self, reference: Iterable[tuple[str, frozenset[str]]]) -> bool:
        try:
            return all(self.symbols(word) in (None, found) for word, found in reference)
        except sqlite3.Error:
            return False

    def _write(self, forms: dict[str, set[str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".part")
        os.close(fd)
        try:
            with sqlite3.connect(tmp) as db:
                db.execute("CREATE TABLE forms (form TEXT PRIMARY KEY, symbols TEXT NOT NULL) WITHOUT ROWID")
                db.executemany("INSERT INTO forms VALUES (?, ?)", ((k, " ".join(sorted(v))) for k, v in forms.items()))
            db.close()
            os.chmod(tmp, 0o644)  # mkstemp makes it private; it holds only rigour's public data
            os.replace(tmp, self.path)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def _connection(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            local.db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            local.pid = os.getpid()
        db: sqlite3.Connection = local.db
        return db

    def _get(self, form: str) -> list[str]:
        row: Any = self._connection().execute("SELECT symbols FROM forms WHERE form = ?", (form,)).fetchone()
        return row[0].split() if row else []

    def symbols(self, word: str) -> frozenset[str] | None:
        """What ``analyze_names(PER, [word])`` gives as one-part symbols; None when unsure (ask rigour).

        Args:
            word: one word (no spaces), any script.
        """
        if not word.strip() or any(ch.isspace() for ch in word):
            return None
        found: set[str] = set()
        # rigour's automaton reports every match, overlapping ones included: the one-part
        # symbols of a word read as several parts (abu-bakr) are those of each part alone
        for token in tokenize_name(word.casefold()):
            if any(unicodedata.category(ch) in _OTHER_NUMBERS for ch in token):
                return None  # number letters (Roman numeral signs): rigour reads them its own way
            key = _norm(token)
            if not key or " " in key:
                return None
            found.update(self._get(key))
            if token.isdecimal():
                found.add(f"num:{int(token)}")
        return frozenset(found)
