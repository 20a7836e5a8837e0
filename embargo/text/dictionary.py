"""The dictionary scan: every listed name, found in a text even where the NER model is silent.

An Aho-Corasick automaton (pyahocorasick) holds the keys (:mod:`._keys`) of every
name of every listed person and organization, in every romanization scheme, plus
for persons the short forms an article uses (given name and surname, surname and
given name, the surname alone). A text is turned into the same keys, one stream
per scheme, and scanned once per stream; a match must start and end on word
boundaries. The automaton is built once per set of list versions (those a
screener serves, :meth:`NameDictionary.for_versions`) and cached beside the store's
index files (``<db>.index/text-names-<digest>.pkl``), with a format number and the
versions it was built from; after a list update the next set of versions gets its own.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from embargo.index import index_dir
from embargo.model import Entity
from embargo.names import analyze_name, looks_patronymic
from embargo.store import Store
from embargo.store.private import open_private, private_folder
from embargo.text._keys import MAX_SCHEMES, TextWord, split_text, word_keys
from embargo.text._ner import is_common_english
from embargo.text.bodies import BodyIndex

__all__ = [
    "FORMAT",
    "LEGAL_FORMS",
    "DictionaryHit",
    "NameDictionary",
    "current_versions",
    "distinctive_name",
    "ordered_words",
]

#: Bumped whenever keys or patterns change; an older cache file is rebuilt.
FORMAT = 6
#: Cache files kept in the index folder (the newest ones).
_KEEP = 2
_SCHEMATA = {
    "Person": "Person",
    "Organization": "Organization",
    "Company": "Organization",
    "LegalEntity": "Organization",
    "PublicBody": "Organization",
    "Vessel": "Vessel",
}
#: Legal-form words left out of an organization's short form (Sberbank for PJSC Sberbank).
LEGAL_FORMS = frozenset(
    {"llc", "ltd", "limited", "oao", "zao", "ooo", "pao", "ao", "pjsc", "ojsc", "cjsc", "jsc", "inc", "corp"}
    | {"gmbh", "plc", "tov", "tdv", "aat", "zat", "uup", "rup", "oaa", "obshchestvo", "obshchest"}
)


@dataclass(frozen=True, slots=True)
class DictionaryHit:
    """Listed names found on words ``first`` to ``last`` (inclusive) of a text."""

    first: int
    last: int
    schema: str
    entities: tuple[str, ...]
    partial: bool
    #: an organization's distinctive name only (Belavia), not a name it is listed under
    short: bool = False


def ordered_words(name: str) -> tuple[list[TextWord], int | None]:
    """Words in reading order and the index of the surname (a person's), if one can be told."""
    if "," in name:
        head, _, tail = name.partition(",")
        words = split_text(tail) + split_text(head)
        return words, (len(words) - 1 if split_text(head) else None)
    words = split_text(name)
    caps = [i for i, w in enumerate(words) if len(w.text) > 1 and w.text.isupper()]
    if len(caps) == 1 and len(words) > 1:
        return words, caps[0]
    if len(words) > 1 and looks_patronymic(words[-1].text):
        return words, 0
    return words, len(words) - 1 if len(words) > 1 else None


def distinctive_name(name: str) -> list[TextWord]:
    """An organization's own name without its legal form and what merely describes it.

    'Open Joint Stock Company ‘Belavia Belarusian Airlines’' is called Belavia, 'Belneftekhim –
    Belarusian State Concern for Oil and Chemistry' Belneftekhim: the words after the legal
    form up to the first generic word (Airlines, Bank, Concern), without trailing common English
    words (Belarusian). Empty when nothing distinctive is left (Ocean Maritime Management).
    """
    kept: list[str] = []
    for token in analyze_name(name, "Organization").tokens:
        if token.tag == "legal_form" and not kept:
            continue
        if token.tag in ("legal_form", "generic"):
            break
        kept.append(token.original)
    words = split_text(" ".join(kept))
    while words and is_common_english(words[-1].text):
        words.pop()
    if len(words) == 1 and (len(words[0].text) < 4 or not words[0].text[:1].isupper()):
        return []
    return words


def _variants(words: Iterable[TextWord]) -> set[str]:
    keys = [word_keys(w.text) for w in words]
    keys = [k for k in keys if k]
    if not keys:
        return set()
    return {" ".join(k[min(s, len(k) - 1)] for k in keys) for s in range(max(len(k) for k in keys))}


_FULL, _SHORT, _PART = 0, 1, 2
_BRACKETS = re.compile(r"\([^()]*\)")


def _patterns(entity: Entity) -> Iterable[tuple[str, int]]:
    """Keys of an entity's names: in full, an organization's distinctive name, a person's surname alone."""
    schema = _SCHEMATA.get(entity.schema)
    # a short name that is a word of the entity's own address is its town, not its name (Minsk Wheel
    # Tractor Plant, of Minsk, is not called "Minsk")
    places = {k for a in entity.get("address") for w in split_text(a) for k in word_keys(w.text)}
    for _, written in entity.names():
        # a bracketed acronym is another name, not part of this one (Belspetsvneshtechnika (BSVT))
        bare = _BRACKETS.sub(" ", written).strip()
        for name in dict.fromkeys([written, bare] if bare and schema != "Person" else [written]):
            for key, level in _name_patterns(name, schema):
                if level == _SHORT and " " not in key and key in places:
                    continue
                yield key, level


def _name_patterns(name: str, schema: str | None) -> Iterable[tuple[str, int]]:
    words, surname = ordered_words(name)
    if schema != "Person":
        # an organisation's name reads as written: its comma is no surname's (PETROLEOS DE VENEZUELA, S.A.)
        words = split_text(name)
        core = _without_legal_form(words)
        for form in (words, core):
            for key in _variants(form):
                yield key, _FULL
        if schema == "Organization":
            for key in _variants(distinctive_name(name)):
                yield key, _SHORT
        return
    for key in _variants(words):
        yield key, _FULL
    if surname is None:
        return
    given = [w for i, w in enumerate(words) if i != surname and not looks_patronymic(w.text)]
    for g in given[:1]:
        for key in _variants([g, words[surname]]) | _variants([words[surname], g]):
            yield key, _FULL
    for key in _variants([words[surname]]):
        yield key, _PART


def _without_legal_form(words: list[TextWord]) -> list[TextWord]:
    """An organisation's words without its legal forms, a dotted one too (S.A., C.A., S.p.A.)."""
    core = [w for w in words if w.text.lower() not in LEGAL_FORMS]
    tail = 0
    while tail < len(core) and len(core[len(core) - 1 - tail].text) <= 2 and tail < 3:
        tail += 1
    if tail >= 2 and "".join(w.text.lower() for w in core[len(core) - tail :]) in _DOTTED_FORMS:
        core = core[: len(core) - tail]
    return core


#: Legal forms written with dots, read letter by letter (S.A. is the words S and A).
_DOTTED_FORMS = frozenset({"sa", "ca", "sl", "spa", "ag", "bv", "nv", "srl", "sas", "ab", "as", "cv", "sac"})


def _digest(versions: dict[str, int]) -> str:
    return hashlib.sha256(f"{FORMAT}:{sorted(versions.items())}".encode()).hexdigest()[:16]


def current_versions(store: Store) -> dict[str, int]:
    """List name to the id of its current version."""
    return {info.name: info.current.id for info in store.view().lists() if info.current is not None}


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class NameDictionary:
    """Listed names as an automaton over word keys."""

    def __init__(
        self, automaton: ahocorasick.Automaton, entities: list[tuple[str, str]], bodies: BodyIndex | None = None
    ) -> None:
        self._automaton = automaton
        #: (entity id, query schema) by position, as the automaton's values refer to them.
        self.entities = entities
        #: Listed organisations named by what they are, by their concepts and acronyms (:mod:`.bodies`).
        self.bodies = bodies if bodies is not None else BodyIndex()

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> NameDictionary:
        """Build the automaton over the names of listed persons and organizations."""
        found: dict[str, tuple[set[int], set[int], set[int]]] = {}
        refs: list[tuple[str, str]] = []
        bodies = BodyIndex()
        for entity in entities:
            schema = _SCHEMATA.get(entity.schema)
            if schema is None:
                continue
            ref = len(refs)
            refs.append((entity.id, schema))
            if schema == "Organization":
                bodies.add(entity.id, (name for _, name in entity.names()), LEGAL_FORMS)
            for key, level in _patterns(entity):
                if " " not in key and len(key) < 4:
                    continue
                found.setdefault(key, (set(), set(), set()))[level].add(ref)
        automaton = ahocorasick.Automaton()
        for key, (full, short, part) in found.items():
            value = (
                key.count(" ") + 1,
                tuple(sorted(full)),
                tuple(sorted(short - full)),
                tuple(sorted(part - full - short)),
            )
            automaton.add_word(f" {key} ", value)
        automaton.make_automaton()
        return cls(automaton, refs, bodies)

    @classmethod
    def for_store(cls, store: Store) -> NameDictionary:
        """The dictionary of a store's current versions (see :meth:`for_versions`)."""
        return cls.for_versions(store, current_versions(store))

    @classmethod
    def for_versions(cls, store: Store, versions: dict[str, int]) -> NameDictionary:
        """The dictionary of the given list versions, from its cache file or built (and cached) now.

        Args:
            store: the store holding the versions.
            versions: list name to version id, as a screener serves them
                (``{i.list_name: i.version_id for i in screener.indexes}``).
        """
        digest = _digest(versions)
        folder = index_dir(store)
        path = folder / f"text-names-{digest}.pkl"
        if path.is_file():
            try:
                with path.open("rb") as fh:
                    fmt, saved, automaton, refs, bodies = pickle.load(fh)
                if fmt == FORMAT and saved == digest:
                    return cls(automaton, refs, bodies)
            except (OSError, pickle.UnpicklingError, ValueError, EOFError, TypeError, AttributeError):
                pass  # a damaged cache is rebuilt below
        view = store.view()
        built = cls.build(e for version in sorted(versions.values()) for e in view.iter_entities(version))
        built.save(path, digest)
        return built

    def save(self, path: Path, digest: str) -> None:
        """Write the cache file atomically and drop older ones."""
        private_folder(path.parent)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open_private(tmp) as fh:
            pickle.dump(
                (FORMAT, digest, self._automaton, self.entities, self.bodies), fh, protocol=pickle.HIGHEST_PROTOCOL
            )
        tmp.replace(path)
        # Keep the previous one too: a server still serving the last versions may reopen it during an update.
        older = sorted((p for p in path.parent.glob("text-names-*.pkl") if p != path), key=_mtime, reverse=True)
        for old in older[_KEEP - 1 :]:
            old.unlink(missing_ok=True)

    def scan(self, words: list[TextWord]) -> list[DictionaryHit]:
        """Listed names on consecutive words, longest first at each start."""
        keys = [word_keys(w.text) for w in words]
        hits: dict[tuple[int, int], DictionaryHit] = {}
        for scheme in range(MAX_SCHEMES):
            if scheme and all(len(k) <= scheme for k in keys):
                break
            starts: list[int] = []
            parts: list[str] = [" "]
            at = 1
            for k in keys:
                starts.append(at)
                piece = k[min(scheme, len(k) - 1)] if k else "\x00"
                parts.append(piece + " ")
                at += len(piece) + 1
            stream = "".join(parts)
            for end, (count, full, short, part) in self._automaton.iter(stream):
                last = bisect.bisect_right(starts, end - 1) - 1
                first = last - count + 1
                if (first, last) in hits or first < 0:
                    continue
                refs = full or short or part
                schema = self.entities[refs[0]][1]
                ids = tuple(dict.fromkeys(self.entities[r][0] for r in refs))
                hits[(first, last)] = DictionaryHit(
                    first, last, schema, ids, partial=not (full or short), short=not full and bool(short)
                )
        return sorted(hits.values(), key=lambda h: (h.first, -h.last))
