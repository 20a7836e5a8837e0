"""EU sanctions annexes from the Official Journal, as extracted by OpenSanctions (CSV).

NOT an official format. The EU publishes its regimes as regulations in the
Official Journal (consolidated texts on EUR-Lex, e.g.
https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32006R0765); the
OpenSanctions project extracts their annexes into one CSV per regulation,
at :data:`URL` (data licence CC BY-NC 4.0; the OJ text is (c) EU). It is
read here because it is the only real EU data at hand; the official EU
Financial Sanctions Files XML is the ``eu_fsf`` format.

One row per listing in an annex, UTF-8, header row first. Columns
``celex`` (the regulation), ``recordId`` (the entry number, counted per
annex: entry 1 of Annex I.A and entry 1 of Annex I.B are different
parties; some annexes have no numbers), ``programKey`` (``EU-BLR``...),
``annex``, ``measure``, ``startDate`` (day first, ``24.9.2004``),
``reason``, ``schema`` (a FollowTheMoney schema) and FtM property columns
(``name``, ``alias``, ``birthDate``...), several values separated by ``; ``.

What we take: source id ``celex/annex/recordId`` (``celex/annex/name`` for
unnumbered entries); every property column, split into values (names with
:mod:`._name_split`, so semicolons inside parentheses do not split), with
dates read day first (several per cell, ``1.1.1970 or 8.7.1963``), countries
and nationalities cleaned to codes, parenthesized remarks dropped from
identifiers; Cyrillic and other non-Latin names get a language when their
letters settle it (:mod:`embargo.names.language`). One designation by ``EU`` under
``programKey`` with the ``measure`` of the annex, listed ``startDate``, the
``reason``, and the regulation's EUR-Lex address. Rows of schema ``Asset``
(a currency, a security) are not parties to screen and are skipped with a
warning. Adjacent rows with the same source id are merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from embargo.errors import SourceError
from embargo.model import TARGET_SCHEMATA, Entity, clean_country, clean_text, parse_date, schema_properties
from embargo.names.language import guess_language
from embargo.sources._csv_table import Row, open_table
from embargo.sources._name_split import split_list, split_names
from embargo.sources.base import Format, ParseContext

__all__ = ["FORMAT", "MEASURES", "NAME", "PROGRAMS", "TITLE", "URL", "parse", "sniff"]

NAME = "eu_journal"
TITLE = "EU Official Journal sanctions annexes (OpenSanctions CSV extract, not an official format)"
URL = "https://github.com/opensanctions/opensanctions/tree/main/datasets/eu/journal_sanctions/data/consolidated"
EURLEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}"
AUTHORITY = "EU"

REQUIRED = ("celex", "recordId", "programKey", "annex", "measure", "schema", "name")
NAME_COLUMNS = ("alias", "weakAlias", "previousName")
COUNTRY_COLUMNS = ("country", "nationality", "jurisdiction")
DATE_COLUMNS = ("birthDate", "incorporationDate")
ID_COLUMNS = (
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "idNumber",
    "innCode",
    "ogrnCode",
    "kppCode",
    "okpoCode",
    "leiCode",
    "swiftBic",
    "imoNumber",
    "mmsi",
)
TEXT_COLUMNS = (
    "birthPlace",
    "position",
    "gender",
    "appearance",
    "ethnicity",
    "fatherName",
    "motherName",
    "legalForm",
    "sector",
    "ticker",
    "flag",
    "address",
    "phone",
)
WEB_COLUMNS = ("email", "website")
COLUMNS: tuple[str, ...] = (
    *REQUIRED,
    *("startDate", "reason", *NAME_COLUMNS, *COUNTRY_COLUMNS, *DATE_COLUMNS, *ID_COLUMNS),
    *(*TEXT_COLUMNS, *WEB_COLUMNS, "notes"),
)

#: ``programKey`` values and the regime they stand for.
PROGRAMS: dict[str, str] = {
    "EU-BLR": "Belarus (Regulation (EC) No 765/2006)",
    "EU-UKR": "Ukraine: territorial integrity (Regulation (EU) No 269/2014)",
}
#: ``measure`` texts and embargo's measure keys; others become ``other``.
MEASURES: dict[str, str] = {
    "asset freeze": "asset_freeze",
    "travel ban": "travel_ban",
    "export control": "export_restriction",
    "export restrictions": "export_restriction",
    "financial restrictions": "financial_prohibition",
    "investment ban": "investment_ban",
    "arms embargo": "arms_embargo",
    "transport ban": "transport_ban",
}

_DATE = re.compile(
    r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})[.\s]\s?(?P<y>\d{4})"
    r"|(?P<dm>\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4})"
    r"|(?<![/\w])(?P<my>[A-Za-z]{3,9}\.?\s+\d{4})"
    r"|(?<![\d.])(?P<year>(?:1[89]|20)\d{2})(?![\d.])"
)
_COUNTRY_SPLIT = re.compile(r"\s*(?:;|,|\band/or\b|\band\b|\bor\b)\s*")
_PARENS = re.compile(r"\s*\([^()]*\)")
_WEB_SPLIT = re.compile(r"[;,\s]+")
#: Spellings the country cleaner does not know.
_COUNTRY_FIXES = {"belarussian": "Belarusian", "byelorussian": "Belarusian"}


def dates(text: str) -> list[str]:
    """Every date in a cell, as ISO dates or prefixes, in order."""
    found: list[str] = []
    for m in _DATE.finditer(text):
        if m.group("d"):
            iso = parse_date(f"{m.group('d')}.{m.group('m')}.{m.group('y')}")
        else:
            text = m.group("dm") or m.group("my") or m.group("year")
            # "since 2014" is no month and year, but still a year.
            iso = parse_date(text) or parse_date(text[-4:])
        if iso is not None and iso not in found:
            found.append(iso)
    return found


def countries(text: str) -> list[str]:
    """Country codes for the countries or nationalities named in a cell."""
    codes: list[str] = []
    for piece in _COUNTRY_SPLIT.split(_PARENS.sub("", text)):
        piece = _COUNTRY_FIXES.get(piece.strip().lower(), piece)
        code = clean_country(piece)
        if code is not None and code not in codes:
            codes.append(code)
    return codes


def identifiers(text: str) -> list[str]:
    """Identifier values, without trailing remarks in parentheses."""
    out: list[str] = []
    for piece in split_list(text):
        value = _PARENS.sub("", piece).strip() or piece
        if value not in out:
            out.append(value)
    return out


def _add(entity: Entity, prop: str, values: list[str]) -> None:
    if prop not in schema_properties(entity.schema):
        if prop == "nationality":
            prop = "country"
        else:
            return
    for value in values:
        lang = guess_language(value) if prop in NAME_COLUMNS else None
        entity.add(prop, value, lang=lang)


def _fill(entity: Entity, row: Row, ctx: ParseContext) -> None:
    name = row.get("name")
    entity.add("name", name, lang=guess_language(name))
    pieces = split_names(name)
    if len(pieces) > 1:
        # "Dmitry KOZAK (Дмитрий КОЗАК)": the name stays as written, its parts are aliases too.
        _add(entity, "alias", pieces)
    for col in NAME_COLUMNS:
        _add(entity, col, split_names(row.get(col)))
    for col in COUNTRY_COLUMNS:
        _add(entity, col, countries(row.get(col)))
    for col in DATE_COLUMNS:
        raw = row.get(col)
        found = dates(raw)
        if raw and not found and col in schema_properties(entity.schema):
            ctx.warn(row.location, f"{col} {raw[:60]!r} holds no readable date")
        _add(entity, col, found)
    for col in ID_COLUMNS:
        _add(entity, col, identifiers(row.get(col)))
    for col in TEXT_COLUMNS:
        _add(entity, col, split_list(row.get(col)))
    for col in WEB_COLUMNS:
        _add(entity, col, [v for v in _WEB_SPLIT.split(row.get(col)) if v])
    _add(entity, "notes", [row.get("notes")])
    program = clean_text(row.get("programKey"))
    measure = MEASURES.get(row.get("measure").lower(), "other")
    celex = row.get("celex")
    ctx.designate(
        entity,
        program,
        [measure],
        listing_date=parse_date(row.get("startDate")),
        reason=clean_text(row.get("reason")),
        url=EURLEX.format(celex=celex),
        authority=AUTHORITY,
    )


def _source_id(row: Row) -> str | None:
    celex, annex, number = row.get("celex"), row.get("annex"), row.get("recordId")
    tail = number or clean_text(row.get("name"))
    if not celex or not tail:
        return None
    return "/".join(p for p in (celex, annex, tail) if p)


def _entities(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    seen: set[str] = set()
    pending: Entity | None = None
    with path.open("rb") as fh:
        table = open_table(path, fh, ctx, REQUIRED, COLUMNS, max_preamble=0)
        for row in table.rows:
            source_id = _source_id(row)
            schema = row.get("schema")
            if source_id is None or not row.get("name"):
                ctx.warn(row.location, "row without celex, name or record id skipped")
                continue
            if pending is not None and pending.source_id == source_id and pending.schema == schema:
                _fill(pending, row, ctx)  # the same listing under another measure
                continue
            if source_id in seen:
                ctx.warn(row.location, f"{source_id}: listed again further down; row skipped")
                continue
            if schema not in TARGET_SCHEMATA:
                ctx.warn(row.location, f"{source_id}: schema {schema[:40]!r} is not a party to screen; row skipped")
                continue
            seen.add(source_id)
            entity = ctx.make_entity(schema, source_id)
            _fill(entity, row, ctx)
            if not entity.get("name"):
                ctx.warn(row.location, f"{source_id[:80]}: the name is not usable; row skipped")
                continue
            if pending is not None:
                yield pending
            pending = entity
        if pending is not None:
            yield pending


def parse(path: Path, ctx: ParseContext) -> Iterator[Entity]:
    """Stream the listings of an OpenSanctions EU Official Journal CSV.

    Args:
        path: the CSV file.
        ctx: parse context (the format carries no publication date).

    Yields:
        One entity per listing.

    Raises:
        SourceError: not UTF-8 CSV with the expected header.
    """
    try:
        yield from _entities(path, ctx)
    except SourceError:
        raise
    except OSError as exc:
        raise ctx.error(f"cannot read file: {exc.strerror or exc}") from exc


def sniff(head: bytes, filename: str) -> bool:
    """True when the header line starts ``celex,recordId,programKey``."""
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    cells = [c.strip().strip('"') for c in first.decode("utf-8", "replace").split(",")]
    return cells[:3] == ["celex", "recordId", "programKey"]


FORMAT = Format(name=NAME, title=TITLE, parse=parse, sniff=sniff)
