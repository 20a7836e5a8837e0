"""What every list-format module provides, and the context a parser works in.

A format module (``ofac_xml``, ``un_sc``...) exposes a :class:`Format`: a
``sniff`` that recognizes its files, a ``files`` that names every file one
publication is made of (the OFAC CSV set is four files), and a streaming
``parse`` that yields :class:`~embargo.model.Entity` objects.

A parser reports a broken record with :meth:`ParseContext.warn` and skips it;
a broken file raises :class:`~embargo.errors.SourceError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from embargo.errors import ModelError, SourceError
from embargo.model import Designation, Entity

__all__ = [
    "Format",
    "ParseContext",
    "ParseIssue",
    "looks_like_html",
    "no_companions",
    "read_head",
    "single_file",
    "slug",
]

_SLUG = re.compile(r"[^a-z0-9]+")

#: Most warnings kept per import; past this only the count grows.
MAX_ISSUES = 1000


def slug(text: str) -> str:
    """Lower-case ASCII slug used inside ids (``EU-BLR`` -> ``eu-blr``)."""
    return _SLUG.sub("-", text.lower()).strip("-")


@dataclass(slots=True)
class ParseIssue:
    """A record that was skipped or partly read, and where it is."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(slots=True)
class ParseContext:
    """What a parser knows about the import it serves and what it reports.

    Attributes:
        list_name: embargo name of the list (used in every entity id).
        authority: who publishes the list (``US OFAC``), for designations.
        path: the file being parsed (used in error messages).
        published: publication date or time found in the file (ISO), set by
            the parser where the format has one.
        issues: records skipped or partly read.
    """

    list_name: str
    authority: str
    path: Path
    published: str | None = None
    issues: list[ParseIssue] = field(default_factory=list)
    issue_count: int = 0

    def warn(self, location: str, message: str) -> None:
        """Report a broken record (it is skipped or partly read)."""
        self.issue_count += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(ParseIssue(location, message))

    def error(self, message: str, location: str | None = None) -> SourceError:
        """A :class:`SourceError` naming this file (raise it)."""
        return SourceError(message, str(self.path), location)

    def make_id(self, *parts: str) -> str:
        """Stable entity id from the list name and the publisher's record id."""
        tail = "-".join(slug(p) for p in parts if p)
        if not tail:
            raise ModelError("an entity id needs a non-empty record id")
        return f"{slug(self.list_name)}-{tail}"

    def make_entity(self, schema: str, source_id: str) -> Entity:
        """A new entity of this list with a stable id from ``source_id``."""
        return Entity(schema, self.make_id(source_id), self.list_name, source_id)

    def designate(
        self,
        entity: Entity,
        program: str | None,
        measures: Sequence[str] = (),
        listing_date: str | None = None,
        reason: str | None = None,
        url: str | None = None,
        end_date: str | None = None,
        authority: str | None = None,
    ) -> Designation:
        """Attach a designation to ``entity``; its id is stable for the program.

        Calling it twice for the same program merges the measures instead of
        adding a second designation.
        """
        key = slug(program) if program else "listing"
        did = f"{entity.id}-{key}"
        for existing in entity.designations:
            if existing.id == did:
                for m in measures:
                    if m not in existing.measures:
                        existing.measures.append(m)
                return existing
        designation = Designation(
            id=did,
            list=self.list_name,
            authority=authority or self.authority,
            program=program,
            measures=list(dict.fromkeys(measures)),
            listing_date=listing_date,
            end_date=end_date,
            reason=reason,
            source_id=entity.source_id,
            url=url,
        )
        entity.designations.append(designation)
        return designation


def single_file(path: Path) -> list[Path]:
    """The ``files`` of a format whose publication is one file."""
    return [path]


def no_companions(name: str) -> tuple[str, ...]:
    """The ``companions`` of a format whose publication is one file."""
    return ()


@dataclass(frozen=True, slots=True)
class Format:
    """A list file format and how to read it.

    Attributes:
        name: short name (``ofac_xml``).
        title: what users see.
        parse: streaming parser.
        sniff: given the first bytes and the file name, is this our format?
        files: every file one publication consists of, given its main file (those present).
        companions: the names of the other files of a publication, given its main file's name
            (what a user is told to put beside it).
    """

    name: str
    title: str
    parse: Callable[[Path, ParseContext], Iterator[Entity]]
    sniff: Callable[[bytes, str], bool]
    files: Callable[[Path], list[Path]] = single_file
    companions: Callable[[str], tuple[str, ...]] = no_companions


def read_head(path: Path, size: int = 4096) -> bytes:
    """The first ``size`` bytes of a file, for sniffing."""
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", str(path)) from exc


_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")


def looks_like_html(head: bytes) -> bool:
    """True for an HTML page: what a server often sends instead of the list (an error or login page)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<?xml"):
        text = text[text.find(b"?>") + 2 :].lstrip()
    return text.startswith(_HTML_STARTS)
