"""OFAC's legacy CSV files of the SDN List and of the Consolidated (non-SDN) List.

Published by the US Treasury's Office of Foreign Assets Control at
https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/
as a set of four files (names are case-insensitive; OFAC serves them upper
case)::

    SDN list        Consolidated list   columns
    sdn.csv         cons_prim.csv       ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
                                        Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
    add.csv         cons_add.csv        ent_num, Add_num, Address, City/State/Province/Postal Code,
                                        Country, Add_remarks
    alt.csv         cons_alt.csv        ent_num, alt_num, alt_type (aka|fka|nka), alt_name, alt_remarks
    sdn_comments.csv cons_comments.csv  ent_num, Remarks_Extended

There is no header row; ``-0-`` (usually followed by a space) means empty;
lines end in CRLF and the file may end with a DOS end-of-file byte (0x1A).
The files seen so far are ASCII; UTF-8 is read when valid, else Windows-1252.
``SDN_Type`` is ``individual``, ``vessel``, ``aircraft`` or ``-0-`` (an
entity). ``Program`` holds one or more tags as ``SDGT] [IFSR``. The
``Remarks`` field is cut at about 1,000 characters; its continuation, in the
middle of a word, is the comments file's ``Remarks_Extended``.

Everything the XML has structurally is here too, flattened into
``Remarks`` (``DOB 30 Aug 1954; POB ...; Passport 123 (Lebanon); a.k.a.
'X'``): :mod:`._ofac_remarks` reads it and :mod:`._ofac_entry` builds the
entity exactly as for the XML (same ids from ``ent_num``, which is the XML
``uid``). Strong aliases come from the alt file, weak ones from the remarks.
The main file is streamed; the three companions are read into memory
(OFAC's are a few MB at most).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from embargo.errors import SourceError
from embargo.model import Entity
from embargo.settings import use_csv_field_limit
from embargo.sources._encoding import TextEncoding, detect_encoding
from embargo.sources._ofac_entry import OfacRecord, build_entity, is_consolidated, one_line_address
from embargo.sources._ofac_remarks import parse_remarks
from embargo.sources.base import Format, ParseContext, read_head

__all__ = ["FORMAT", "NAME", "TITLE", "URL", "URLS", "files", "parse", "sniff"]

NAME = "ofac_csv"
TITLE = "US OFAC SDN / Consolidated list (legacy CSV)"
_BASE = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
#: The SDN List's main file; :data:`URLS` names every file of both sets.
URL = _BASE + "SDN.CSV"
_FILES = ("SDN", "ADD", "ALT", "SDN_COMMENTS", "CONS_PRIM", "CONS_ADD", "CONS_ALT", "CONS_COMMENTS")
URLS = tuple(f"{_BASE}{n}.CSV" for n in _FILES)

_SDN_SET = ("add.csv", "alt.csv", "sdn_comments.csv")
_CONS_SET = ("cons_add.csv", "cons_alt.csv", "cons_comments.csv")
_TYPES = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft", "": "entity"}
_ALT_TYPES = {"aka": "a.k.a.", "fka": "f.k.a.", "nka": "n.k.a."}
_VESSEL_COLUMNS = ("callSign", "vesselType", "tonnage", "grossRegisteredTonnage", "vesselFlag", "vesselOwner")
_EOF = "\x1a"
_MAX_BAD_ROWS = 1000
#: OFAC cuts remarks at about 1,000 characters; a much longer field is broken or hostile.
_MAX_FIELD = 65_536


def _companions(path: Path) -> dict[str, Path]:
    """Companion files beside a main file, by role (``add``, ``alt``, ``comments``)."""
    names = companion_names(path.name)
    try:
        present = {p.name.lower(): p for p in path.parent.iterdir() if p.is_file()}
    except OSError:
        return {}
    roles = zip(("add", "alt", "comments"), names, strict=True)
    return {role: present[name] for role, name in roles if name in present}


def companion_names(name: str) -> tuple[str, ...]:
    """The other files of a publication whose main file is called ``name`` (whether present or not)."""
    return _CONS_SET if name.lower().startswith("cons") else _SDN_SET


def files(path: Path) -> list[Path]:
    """The main file and whichever companion files lie beside it."""
    return [path, *_companions(path).values()]


def _null(value: str) -> str | None:
    value = value.strip().strip(_EOF).strip()
    return None if value in ("", "-0-") else value


def _encoding(path: Path, ctx: ParseContext) -> TextEncoding:
    """UTF-8 when the whole file is valid UTF-8, else Windows-1252; refuse binary and HTML.

    A byte-order mark counts only when the bytes behind it are UTF-8 (:mod:`._encoding`).
    """
    head = read_head(path, 512).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise SourceError("the file is empty", str(path))
    if head[:1] == b"<":
        raise SourceError("this is an HTML or XML page, not an OFAC CSV file", str(path))
    found = detect_encoding(path, "cp1252")
    if found.note is not None:
        ctx.warn(path.name, found.note)
    return found


def _rows(path: Path, width: int, ctx: ParseContext) -> Iterator[tuple[int, list[str]]]:
    """(line, row) of a headerless OFAC CSV file; rows of the wrong width are warned and skipped.

    Raises:
        SourceError: the first row is not ``width`` columns wide (not this file), or too many rows are broken.
    """
    found = _encoding(path, ctx)
    bad = 0
    first = True
    try:
        with path.open("r", encoding=found.encoding, newline="") as fh:
            if found.skip:
                fh.read(1 if found.encoding == "utf-8" else found.skip)  # the mark: one character, or three
            # strict: a file that ends inside a quoted field (the long Remarks) is cut short, and must not
            # read as whole rows that lost their tail and every row after (the publisher's files parse
            # the same either way).
            use_csv_field_limit()  # embargo's, whatever an import set process-wide
            reader = csv.reader(fh, strict=True)
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    if "unexpected end of data" in str(exc):
                        raise SourceError(
                            "the file ends inside a quoted field: it is cut short (truncated download?)",
                            str(path),
                            f"line {reader.line_num}",
                        ) from exc
                    row = None
                    problem = f"unreadable CSV row ({exc})"
                line = reader.line_num
                if row is not None:
                    if not any(_null(c) for c in row):
                        continue  # blank line or the closing 0x1A
                    longest = max(len(c) for c in row)
                    if len(row) == width and longest <= _MAX_FIELD:
                        first = False
                        yield line, row
                        continue
                    problem = (
                        f"{len(row)} columns instead of {width}"
                        if len(row) != width
                        else f"a field of {longest} characters"
                    )
                if first:
                    raise SourceError(f"not an OFAC CSV file of this kind: {problem}", str(path), f"line {line}")
                bad += 1
                if bad > _MAX_BAD_ROWS:
                    raise SourceError("too many broken rows; not an OFAC CSV file?", str(path), f"line {line}")
                ctx.warn(f"{path.name} line {line}", f"{problem}; skipped")
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", str(path)) from exc
    except UnicodeDecodeError as exc:  # the file changed since it was checked
        raise SourceError(f"undecodable text ({exc.reason})", str(path)) from exc


def _load(path: Path | None, width: int, ctx: ParseContext, raw: bool = False) -> dict[str, list[list[str | None]]]:
    found: dict[str, list[list[str | None]]] = {}
    if path is None:
        return found
    for line, row in _rows(path, width, ctx):
        ent = row[0].strip()
        if not ent.isdigit():
            ctx.warn(f"{path.name} line {line}", f"bad ent_num {ent[:20]!r}; skipped")
            continue
        # Remarks continuations are kept raw: the cut may fall on a space.
        found.setdefault(ent, []).append([c.rstrip(_EOF) if raw else _null(c) for c in row[1:]])
    return found


def _programs(text: str | None) -> list[str]:
    if text is None:
        return []
    parts = (p.strip(" []") for p in text.split("] ["))
    return [p for p in parts if p]


def _record(row: list[str], alts: list[list[str | None]], adds: list[list[str | None]], more: str) -> OfacRecord | None:
    cells = [_null(c) for c in row]
    uid, name, kind = row[0].strip(), cells[1], _TYPES.get((cells[2] or "").lower(), cells[2] or "")
    if name is None:
        return None
    rec = OfacRecord(uid=uid, sdn_type=kind, name=name, title=cells[4], programs=_programs(cells[3]))
    if kind == "individual":
        last, _, first = name.partition(", ")
        rec.last_name, rec.first_name = last.strip() or None, first.strip() or None
    if kind == "vessel" or any(cells[5:11]):
        rec.vessel = {k: v for k, v in zip(_VESSEL_COLUMNS, cells[5:11], strict=True) if v}
    for _alt_num, alt_type, alt_name, *_ in alts:
        if alt_name:
            rec.names.append((_ALT_TYPES.get((alt_type or "").lower(), "a.k.a."), "strong", alt_name))
    for _add_num, street, place, country, *_ in adds:
        line = one_line_address([street], [place], None, country)
        if line:
            rec.addresses.append((line, country))
    remarks = parse_remarks(("" if cells[11] is None else row[11]) + more)
    rec.names.extend((kind_, "weak", n) for kind_, n in remarks.names if n)
    rec.ids = remarks.ids
    rec.birth_dates, rec.birth_places = remarks.birth_dates, remarks.birth_places
    rec.nationalities, rec.citizenships = remarks.nationalities, remarks.citizenships
    rec.notes = remarks.notes
    return rec


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the entities of an OFAC legacy CSV set, given its main file.

    Raises:
        SourceError: a file of the set is empty, binary, HTML, undecodable, or not shaped like its kind.
    """
    companions = _companions(path)
    alts = _load(companions.get("alt"), 5, ctx)
    adds = _load(companions.get("add"), 6, ctx)
    comments = _load(companions.get("comments"), 2, ctx, raw=True)
    consolidated = is_consolidated(ctx.list_name, path.name)
    for line, row in _rows(path, 12, ctx):
        uid = row[0].strip()
        where = f"{path.name} line {line}"
        if not uid.isdigit() or len(uid) > 12:
            ctx.warn(where, f"bad ent_num {uid[:20]!r}; skipped")
            continue
        try:
            more = "".join(c[0] or "" for c in comments.get(uid, []))
            rec = _record(row, alts.get(uid, []), adds.get(uid, []), more)
            if rec is None:
                ctx.warn(f"{where} (ent_num {uid})", "no name; skipped")
                continue
            entity = build_entity(ctx, rec, consolidated)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            ctx.warn(f"{where} (ent_num {uid})", f"unreadable record ({exc}); skipped")
            continue
        if entity is not None:
            yield entity


def sniff(head: bytes, filename: str) -> bool:
    """The first row has OFAC's 12 main columns: a number, a name, a known type."""
    text = head.decode("cp1252", errors="replace").lstrip("\ufeff\xef\xbb\xbf")
    first = text.split("\n", 1)[0].rstrip("\r")
    try:
        row = next(csv.reader([first]), [])
    except csv.Error:
        return False
    return (
        len(row) == 12
        and row[0].strip().isdigit()
        and (_null(row[2]) or "").lower() in ("individual", "vessel", "aircraft", "")
        and any(c.strip() == "-0-" for c in row)
    )


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff, files=files, companions=companion_names)
