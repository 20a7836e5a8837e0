"""Organisations on both the EU lists and OFAC's lists, queried by their EU names (issue 19).

The pairs are made from the real list files by a shared identifier, never by comparing names
(that would keep only the organisations whose names already match):

- EU side: the organisations (schemas LegalEntity and Company) of the two EU Official Journal
  files (``eu/opensanctions_eu_journal_*.csv``: Russia/Ukraine 269/2014, Belarus 765/2006) and
  their identifier columns ``registrationNumber``, ``taxNumber``, ``idNumber``, ``innCode``,
  ``ogrnCode``, ``okpoCode``, ``leiCode``, ``swiftBic``, ``imoNumber``. The FSF excerpt
  (``eu/fsf_excerpt_*.xml``) was read too: its two organisations carry no identifier, so they
  give no pair. ``kppCode`` is left out, and so is any number labelled KPP or shaped like one
  (nine digits, the fifth and sixth ``01``, ``43`` or ``50``): a Russian KPP names a tax office
  registration that many companies share, and OFAC sometimes gives one as a "Government Gazette
  Number" while the EU writes it after the INN (``7704734000/770301001``), which would pair
  Synesis LLC with an unrelated Maritime Assistance LLC.
- OFAC side: the non-individual, non-vessel, non-aircraft entries of the full SDN CSV of 2021
  (``ofac/sdn_csv_2021/sdn.csv``) and the non-SDN Consolidated CSV of 2025
  (``ofac/cons_csv_2025/cons_prim.csv``), Remarks completed by their ``*_comments.csv``
  continuation. Each ``;``-separated Remarks item whose label is an identifier (Registration
  ID/Number, Tax ID No., Government Gazette Number = OKPO, Identification Number, Company
  Number, IMO, SWIFT/BIC, Legal Entity Number, INN, OGRN...; not a passport, phone, website,
  KPP, date or link) gives its values. The small OFAC XML excerpts repeat entries of these files
  or are not organisations of these programmes, and are not read.
- A value is a run of at least seven digits (spaces and hyphens inside it removed: the EU
  writes ``1 121 402 000 213``) or, in a SWIFT/BIC field, the code.
- The second key is the organisation's own internet host name: the host of its website (EU
  column ``website``, OFAC Remarks item ``Website``), ``www.`` removed, the whole host compared
  (``snpz.rosneft.ru`` is not ``rosneft.ru``), equal on both sides, or equal to the host of an
  e-mail address on the other side (EU ``email``, OFAC ``Email Address``). Two e-mail hosts alone
  are not a key (the EU gives staff addresses at a parent company: UIMC's list holds an
  ``@oboronprom.ru`` address). Mail and social platforms (``mail.ru``, ``facebook.com``...) are
  not keys, nor is a host that two or more EU organisations give (``mil.ru`` is the host of every
  branch of the Russian armed forces, not one of them).
- An EU organisation and an
  OFAC entry that share a value are a pair; an EU organisation that shares values with several
  OFAC entries has all of them as its expected answer (the same organisation on the SDN and the
  Consolidated list, or listed twice). Only OFAC entries present in the benchmark store (as
  ``us-ofac-sdn-N`` / ``us-ofac-cons-N``) are kept.

Queries: every name the EU gives the organisation (``name``, each ``;``-separated ``alias`` and
``previousName``; a trailing ``(...)`` in another script is a name of its own; a name made of
legal-form words only, such as the ``Joint Stock Company`` left in ``name`` when the file split
``Joint Stock Company 'Shvabe'``, names nothing and is dropped), one query each, labelled by
script: Latin, or Cyrillic read as Belarusian (``ў``, or ``і`` without ``и``), Ukrainian (``є``,
``ї``, ``ґ``, or ``і`` without ``ы``/``э``) or Russian. A query is found when an
expected OFAC entity is among its hits.

Split: a pair goes to the development half when the first byte of the SHA-256 of its pair id
(``celex:annex:recordId`` of the EU record) is even, else to the held-out half. **The held-out half is
measured only at the end of issue 19's work.** Both halves are written to ``bench/sets/``
(``org_crosslist_{dev,heldout}.csv``: query columns, ``group`` = script, ``expected``, ``pair``,
``kind``, ``key``).

    .venv/bin/python bench/org_crosslist.py build [--reuse-store]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import embargo_side
from name_sets import QueryRow
from screen_sets import benchmark_store
from script_negatives import SETS_DIR, SetRow, write_set

__all__ = ["Pair", "build_pairs", "name_shape", "rows_of", "run", "script_of", "write_halves"]

_EU_ID_COLUMNS = (
    "registrationNumber",
    "taxNumber",
    "idNumber",
    "innCode",
    "ogrnCode",
    "okpoCode",
    "leiCode",
    "swiftBic",
    "imoNumber",
)
#: Remarks labels that are not identifiers of the organisation (lower case, matched as substrings).
_NOT_IDS = (
    "passport", "national id", "cedula", "phone", "fax", "website", "email", "kpp", "linked to",
    "dob", "pob", "nationality", "citizen", "gender", "date", "executive order", "secondary sanctions",
    "organization type", "target type", "additional sanctions", "digital currency", "aircraft", "vessel",
    "mmsi", "call sign", "a.k.a", "f.k.a", "n.k.a", "directive", "tonnage", "flag", "serial", "for more",
    "transactions prohibited", "address",
)  # fmt: skip
_NUMBER = re.compile(r"(?<![\w])(\d[\d \-]{5,}\d)(?![\w])")
_KPP_SHAPE = re.compile(r"\d{4}(?:01|43|50)\d{3}")
_KPP_BEFORE = re.compile(r"(kpp|кпп)\W*$", re.IGNORECASE)
_SWIFT = re.compile(r"\b[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b")
_HOST = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9][a-z0-9\-]*\.)+[a-z]{2,})(?![\w.])")
_PLATFORMS = frozenset(
    {
        "gmail.com", "mail.ru", "yandex.ru", "ya.ru", "bk.ru", "list.ru", "inbox.ru", "rambler.ru", "yahoo.com",
        "hotmail.com", "outlook.com", "tut.by", "mail.by", "ukr.net", "facebook.com", "vk.com", "ok.ru",
        "twitter.com", "x.com", "t.me", "telegram.me", "instagram.com", "youtube.com", "linkedin.com",
    }
)  # fmt: skip
_LABEL = re.compile(r"^\s*([^\d]*?)\s*(\d.*|[A-Z]{6}[A-Z0-9]{2}.*)$")
_QUOTES = "'\"«»‘’“”„‚‹›`"
_ABBREVIATIONS = re.compile(
    r"\b(NPO|NPP|NPK|OAO|ZAO|PAO|AO|OOO|GUP|FGUP|MUP|FGBU|FKU|NII|KB|OKB|TsNII|JSC|OJSC|CJSC|PJSC|LLC|FSUE|SUE|"
    r"НПО|НПП|НПК|ОАО|ЗАО|ПАО|АО|ООО|ГУП|ФГУП|МУП|ФГБУ|ФКУ|НИИ|КБ|ОКБ|ЦНИИ|ТОВ|ПрАТ|ДП|ААТ|ТАА)\b"
)


@dataclass(frozen=True, slots=True)
class Pair:
    """An EU organisation and the OFAC entities that share an identifier with it."""

    pair_id: str
    schema: str
    names: tuple[tuple[str, str], ...]  # (kind, name)
    ofac_ids: tuple[str, ...]
    keys: tuple[str, ...]  # the shared values

    @property
    def heldout(self) -> bool:
        return hashlib.sha256(self.pair_id.encode()).digest()[0] % 2 == 1


def _numbers(text: str) -> Iterator[str]:
    for match in _NUMBER.finditer(text):
        if _KPP_BEFORE.search(text[: match.start()]):
            continue
        digits = re.sub(r"[ \-]", "", match.group(1))
        if len(digits) >= 7 and not _KPP_SHAPE.fullmatch(digits):
            yield digits


def _eu_values(row: dict[str, str]) -> set[str]:
    values: set[str] = set()
    for column in _EU_ID_COLUMNS:
        text = row.get(column) or ""
        values.update(_numbers(text))
        if column == "swiftBic":
            values.update(_SWIFT.findall(text.upper()))
    values.update(_hosts(row.get("website") or "", "web"))
    values.update(_hosts(row.get("email") or "", "mail"))
    return values


def _hosts(text: str, kind: str) -> set[str]:
    """Internet host names in a website or e-mail text, as ``web:host`` or ``mail:host`` (``kind``)."""
    found = set()
    for part in re.split(r"[;,\s]+", text.lower()):
        part = part.rsplit("@", 1)[-1]
        match = _HOST.match(part)
        if match and match.group(1) not in _PLATFORMS and not match.group(1).endswith((".html", ".htm", ".php")):
            found.add(f"{kind}:{match.group(1)}")
    return found


def _ofac_values(remarks: str) -> set[str]:
    values: set[str] = set()
    for item in remarks.split(";"):
        item = item.strip()
        if item.startswith("Website "):
            values.update(_hosts(item.split(" ", 1)[-1], "web"))
            continue
        if item.startswith("Email Address "):
            values.update(_hosts(item.split(" ", 2)[-1], "mail"))
            continue
        match = _LABEL.match(item)
        if match is None:
            continue
        label = match.group(1).lower()
        if not label or any(word in label for word in _NOT_IDS):
            continue
        values.update(_numbers(match.group(2)))
        if "swift" in label or "bic" in label:
            values.update(_SWIFT.findall(match.group(2).upper()))
    return values


def ofac_rows(data: Path) -> Iterator[tuple[str, list[str], str]]:
    """(id as in the store, CSV row, remarks with the comments file's continuation) of every row of
    OFAC's SDN (2021) and consolidated (2025) CSV files; rows of fewer than 12 fields are left out."""
    files = (
        (
            "us-ofac-sdn",
            data / "ofac" / "sdn_csv_2021" / "sdn.csv",
            data / "ofac" / "sdn_csv_2021" / "sdn_comments.csv",
        ),
        (
            "us-ofac-cons",
            data / "ofac" / "cons_csv_2025" / "cons_prim.csv",
            data / "ofac" / "cons_csv_2025" / "cons_comments.csv",
        ),
    )
    for prefix, main, comments in files:
        more: dict[str, str] = defaultdict(str)
        with comments.open(encoding="cp1252", errors="replace", newline="") as fh:
            for row in csv.reader(fh):
                if len(row) >= 2:
                    more[row[0].strip()] += row[1]
        with main.open(encoding="cp1252", errors="replace", newline="") as fh:
            for row in csv.reader(fh):
                if len(row) >= 12:
                    remarks = row[11].strip()
                    remarks = "" if remarks == "-0-" else remarks
                    yield f"{prefix}-{row[0].strip()}", row, remarks + more.get(row[0].strip(), "")


def _ofac_entities(data: Path) -> dict[str, set[str]]:
    """OFAC organisation id (as in the store) -> identifier values."""
    out: dict[str, set[str]] = {}
    for eid, row, remarks in ofac_rows(data):
        if row[2].strip() in {"individual", "vessel", "aircraft"}:
            continue
        values = _ofac_values(remarks)
        if values:
            out[eid] = values
    return out


def script_of(name: str) -> str:
    """``Latin``, or the Cyrillic language a name's letters point to (``Cyrillic (be/uk/ru)``)."""
    letters = [ch for ch in name if ch.isalpha()]
    cyrillic = [ch for ch in letters if "\u0400" <= ch <= "\u04ff"]
    if len(cyrillic) * 2 < len(letters):
        return "Latin"
    # the EU sometimes writes Ukrainian/Belarusian і with a Latin i inside a Cyrillic word
    text = "".join(ch if "\u0400" <= ch <= "\u04ff" else ("і" if ch in "iI" else ch) for ch in name.lower())
    if "ў" in text or ("і" in text and "и" not in text):
        return "Cyrillic (be)"
    if any(ch in text for ch in "єїґ") or ("і" in text and "ы" not in text and "э" not in text):
        return "Cyrillic (uk)"
    return "Cyrillic (ru)"


def _split_names(text: str) -> Iterator[str]:
    for part in text.split(";"):
        part = " ".join(part.split()).strip(" ,")
        if not part:
            continue
        # "Name (Имя)": the bracket in another script is a name of its own
        match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)?", part)
        if match and script_of(match.group(1)) != script_of(match.group(2)):
            yield match.group(1).strip()
            yield match.group(2).strip()
        else:
            yield part


_FORM_WORDS = frozenset(
    {
        *("joint", "stock", "company", "limited", "liability", "public", "open", "closed", "jsc", "ojsc", "cjsc"),
        *("pjsc", "llc", "ooo", "oao", "zao", "pao", "ao", "акционерное", "общество", "публичное", "открытое"),
        *("закрытое", "с", "ограниченной", "ответственностью"),
    }
)


def _names_something(name: str) -> bool:
    return any(word not in _FORM_WORDS for word in re.findall(r"\w+", name.lower()))


def _eu_rows(data: Path) -> Iterator[dict[str, str]]:
    for path in sorted((data / "eu").glob("opensanctions_eu_journal_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("schema") in {"LegalEntity", "Company"}:
                    yield row


def _ofac_by_value(data: Path, store_ids: set[str]) -> dict[str, set[str]]:
    """Identifier value -> the OFAC organisations in the store that carry it."""
    by_value: dict[str, set[str]] = defaultdict(set)
    for ofac_id, values in _ofac_entities(data).items():
        if ofac_id in store_ids:
            for value in values:
                by_value[value].add(ofac_id)
    return by_value


def _host_owners(values_of: Iterable[set[str]]) -> dict[str, int]:
    """How many organisations of the querying list give each host (one given by two keys nobody)."""
    owners: dict[str, int] = defaultdict(int)
    for values in values_of:
        for host in {v.split(":", 1)[1] for v in values if ":" in v}:
            owners[host] += 1
    return owners


def _shared(values: set[str], by_value: dict[str, set[str]], host_owners: dict[str, int]) -> dict[str, set[str]]:
    """Key shown -> the OFAC ids an organisation's identifier values and own hosts pair it with."""
    shared: dict[str, set[str]] = {}
    for value in values:
        if ":" not in value:
            if value in by_value:
                shared[value] = by_value[value]
            continue
        kind, host = value.split(":", 1)
        if host_owners[host] > 1:
            continue
        # web = web, web = mail, mail = web; never mail = mail
        ids = by_value.get(f"web:{host}", set()) | (by_value.get(f"mail:{host}", set()) if kind == "web" else set())
        if ids:
            shared[f"host:{host}"] = ids
    return shared


def build_pairs(data: Path, store_ids: set[str]) -> list[Pair]:
    """Every EU organisation that shares an identifier with an OFAC organisation in the store."""
    by_value = _ofac_by_value(data, store_ids)
    rows = list(_eu_rows(data))
    host_owners = _host_owners(_eu_values(row) for row in rows)
    pairs = []
    for row in rows:
        shared = _shared(_eu_values(row), by_value, host_owners)
        if not shared:
            continue
        names: list[tuple[str, str]] = []
        for kind in ("name", "alias", "previousName"):
            for name in _split_names(row.get(kind) or ""):
                if _names_something(name) and name not in {n for _, n in names}:
                    names.append((kind, name))
        ofac_ids = sorted({i for ids in shared.values() for i in ids})
        pair_id = f"{row['celex']}:{row['annex']}:{row['recordId']}"
        pairs.append(Pair(pair_id, row["schema"], tuple(names), tuple(ofac_ids), tuple(sorted(shared))))
    return pairs


def name_shape(name: str) -> str:
    """A coarse shape of an organisation name, for grouping misses."""
    lower = name.lower()
    if re.search(r"named after|имени|імя|імені|\bim\.|imeni", lower):
        return "'named after' clause"
    if any(q in name for q in _QUOTES):
        return "quoted core name"
    words = len(name.split())
    if words > 6:
        return "long description (> 6 words)"
    if _ABBREVIATIONS.search(name):
        return "legal-form abbreviation"
    if words <= 2:
        return "one or two words"
    return "other (3-6 words)"


def rows_of(pairs: list[Pair], part: str, prefix: str = "org") -> tuple[list[SetRow], dict[str, dict[str, str]]]:
    """The queries of one half (ids ``<prefix>:<part>:<pair>:<n>``), and their extra columns (expected ids,
    pair, kind, key)."""
    rows: list[SetRow] = []
    extra: dict[str, dict[str, str]] = {}
    for pair in pairs:
        for i, (kind, name) in enumerate(pair.names):
            query_id = f"{prefix}:{part}:{pair.pair_id}:{i}"
            rows.append(SetRow(QueryRow(query_id, name, schema=pair.schema), script_of(name)))
            extra[query_id] = {
                "expected": ";".join(pair.ofac_ids),
                "pair": pair.pair_id,
                "kind": kind,
                "key": ";".join(pair.keys),
            }
    return rows, extra


def write_halves(pairs: list[Pair], stem: str, prefix: str, noun: str) -> None:
    """Write the development and held-out halves of ``pairs`` to ``bench/sets/<stem>_{dev,heldout}.csv``."""
    for part, members in (("dev", [p for p in pairs if not p.heldout]), ("heldout", [p for p in pairs if p.heldout])):
        rows, extra = rows_of(members, part, prefix)
        path = SETS_DIR / f"{stem}_{part}.csv"
        write_set(path, rows, extra)
        scripts: dict[str, int] = defaultdict(int)
        for row in rows:
            scripts[row.group] += 1
        print(f"{path}: {len(members)} {noun}, {len(rows)} queries {dict(scripts)}")


def run(build_pairs: Callable[[Path, set[str]], list[Pair]], stem: str, prefix: str, noun: str) -> None:
    """The command line of a cross-list set builder: ``build [--reuse-store]``."""
    parser = argparse.ArgumentParser(description=f"Build bench/sets/{stem}_{{dev,heldout}}.csv")
    parser.add_argument("command", choices=("build",))
    parser.add_argument("--reuse-store", action="store_true", help="keep bench/out/bench.db if it exists")
    args = parser.parse_args()
    _, _, listed = benchmark_store(rebuild=not args.reuse_store)
    write_halves(build_pairs(embargo_side.shared_data_dir(), {party.id for party in listed}), stem, prefix, noun)


def _dfat_groups(data: Path) -> dict[str, list[dict[str, object]]]:
    """DFAT's consolidated list: entity rows by their reference's number (``1972``, ``1972a``...)."""
    import openpyxl  # only this probe reads the workbook

    book = openpyxl.load_workbook(data / "au" / "dfat_consolidated_2026.xlsx", read_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h) for h in next(rows)]
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for values in rows:
        row = dict(zip(header, values, strict=False))
        match = re.match(r"\d+", str(row.get("Reference") or ""))
        if row.get("Type") == "Entity" and match:
            groups[match.group(0)].append(row)
    return groups


def build_dfat_pairs(data: Path, store_ids: set[str]) -> list[Pair]:
    """A probe never used in development: DFAT organisations that share an identifier with OFAC's.

    The same keys as :func:`build_pairs` (digit runs of seven or more, SWIFT/BIC codes, the
    organisation's own host name, never two e-mail hosts), read from DFAT's ``Additional
    Information`` and ``Address`` cells, where DFAT writes registration numbers, websites and
    e-mail addresses in free text. Every name of the entity (primary, aliases, original script)
    is a query.
    """
    by_value = _ofac_by_value(data, store_ids)
    groups = _dfat_groups(data)
    values_of: dict[str, set[str]] = {}
    for ref, rows in groups.items():
        text = " ".join(str(r.get(c) or "") for r in rows for c in ("Additional Information", "Address"))
        values = set(_numbers(text)) | set(_SWIFT.findall(text))
        for word in re.split(r"[;,\s]+", text.lower()):
            if "@" in word:
                values.update(_hosts(word, "mail"))
            elif "www." in word or word.startswith("http"):
                values.update(_hosts(word, "web"))
        values_of[ref] = values
    host_owners = _host_owners(values_of.values())
    pairs = []
    for ref, rows in sorted(groups.items(), key=lambda item: int(item[0])):
        shared = _shared(values_of[ref], by_value, host_owners)
        if not shared:
            continue
        names: list[tuple[str, str]] = []
        for row in rows:
            name = " ".join(str(row.get("Name of Individual or Entity") or "").split())
            if name and _names_something(name) and name not in {n for _, n in names}:
                names.append((str(row.get("Name Type") or "name").lower(), name))
        ofac_ids = sorted({i for ids in shared.values() for i in ids})
        pairs.append(Pair(f"dfat:{ref}", "LegalEntity", tuple(names), tuple(ofac_ids), tuple(sorted(shared))))
    return pairs


def main() -> None:
    if sys.argv[1:2] == ["probe-dfat"]:
        # a probe for the end of issue 19's work: written to bench/out/, never to bench/sets/
        _, _, listed = benchmark_store(rebuild=False)
        pairs = build_dfat_pairs(embargo_side.shared_data_dir(), {party.id for party in listed})
        rows, extra = rows_of(pairs, "probe", "dfat")
        path = SETS_DIR.parent / "out" / "org_crosslist_dfat_probe.csv"
        write_set(path, rows, extra)
        print(f"{path}: {len(pairs)} organisations, {len(rows)} queries")
        return
    run(build_pairs, "org_crosslist", "org", "organisations")


if __name__ == "__main__":
    main()
