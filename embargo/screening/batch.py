"""Batch screening of a customer file: CSV or Parquet in; JSON lines, CSV, XLSX or Parquet out.

Input columns: ``id`` and ``name`` (required), and optionally
``birth_date``, ``nationality``, ``country``, ``id_number``, ``schema``
(several values in one cell separated by ``;``); columns called otherwise
are named by a mapping (:mod:`embargo.screening.mapping`). Rows are screened
in chunks by a pool of worker processes (one per core by default), each
opening the persisted index once; records (:mod:`embargo.screening.records`)
are written in input order by the writer of the output's extension
(:mod:`embargo.screening.writers`).
"""

from __future__ import annotations

import csv
import gc
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from embargo.errors import QueryError, SourceError
from embargo.matching import Query, ReadQuery, Unreadable, read_query
from embargo.names.japanese import has_japanese_letters, load_reader
from embargo.screening._fields import FieldLimits, bounded_lines, check_fields
from embargo.screening.collector import batch_collection
from embargo.screening.mapping import FIELDS, REQUIRED, apply_mapping, check_mapping, fields_of
from embargo.screening.records import ERROR, NO_HIT, finish, hit_row, listings, status_row
from embargo.screening.screener import Screener, require_lists, warm_up
from embargo.screening.writers import write_records, writer_for
from embargo.settings import CSV_FIELD_LIMIT, use_csv_field_limit
from embargo.store import Store
from embargo.store.ownership import generation as ownership_generation

__all__ = ["BatchSummary", "Flagged", "hit_record", "query_from_row", "read_queries", "screen_file"]

#: A row's unreadable values, as ``(line, row id, values)``.
Flagged = tuple[int, str, tuple[Unreadable, ...]]

COLUMNS = FIELDS
CHUNK = 200

_worker: Screener | None = None
#: (store file, current version of each list) the open screener was made from.
_worker_key: tuple[str, tuple[tuple[str, int], ...], int] | None = None


@dataclass(slots=True)
class BatchSummary:
    """What a batch run did."""

    rows: int
    hits: int
    rows_with_hits: int
    #: rows that could not be screened at all (no name, a broken line), as ``line N: reason``
    errors: list[str]
    seconds: float
    #: of ``seconds``, reading the input and opening the indexes (before the first row is screened)
    startup_seconds: float = 0.0
    #: rows screened on what could be read, with the values left out
    flagged: list[Flagged] = field(default_factory=list)
    #: records written to the output (the hits; with ``all_rows`` also a record per customer without one)
    written: int = 0

    @property
    def screened(self) -> int:
        """Rows screened (all of them but the ones in :attr:`errors`)."""
        return self.rows - len(self.errors)

    def flag_lines(self) -> list[str]:
        """Each flagged row in words: ``line 4 (id 17): birth_date '1984-13-45': not a date``."""
        return [
            f"line {line}" + (f" (id {rid})" if rid else "") + ": " + "; ".join(str(u) for u in values)
            for line, rid, values in self.flagged
        ]

    @property
    def rows_per_second(self) -> float:
        """Throughput."""
        return self.rows / self.seconds if self.seconds > 0 else 0.0

    @property
    def screening_rows_per_second(self) -> float:
        """Steady-state throughput: rows per second once the indexes are open."""
        screening = self.seconds - self.startup_seconds
        return self.rows / screening if screening > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "rows": self.rows,
            "hits": self.hits,
            "rows_with_hits": self.rows_with_hits,
            "screened": self.screened,
            "errors": len(self.errors),
            "first_errors": self.errors[:10],
            "unreadable_rows": len(self.flagged),
            "first_unreadable": self.flag_lines()[:10],
            "seconds": round(self.seconds, 3),
            "startup_seconds": round(self.startup_seconds, 3),
            "rows_per_second": round(self.rows_per_second, 1),
            "screening_rows_per_second": round(self.screening_rows_per_second, 1),
            "written": self.written,
        }


def _split(cell: str | None) -> list[str]:
    if not cell:
        return []
    return [v.strip() for v in str(cell).split(";") if v.strip()]


def _missing(header: list[str], mapping: Mapping[str, str], path: Path) -> list[str]:
    check_mapping(mapping, header, str(path))
    have = fields_of(header, mapping)
    return [c for c in REQUIRED if c not in have]


def _rows(
    path: Path,
    limits: FieldLimits | None = None,
    mapping: Mapping[str, str] | None = None,
    columns: list[str] | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row's line and cells by lower-case column name; ``columns``, if given, receives the header."""
    mapping = mapping or {}
    if path.suffix.lower() == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
            raise SourceError("reading Parquet needs pyarrow", str(path)) from exc
        try:
            table = pq.read_table(path)
        except Exception as exc:  # pyarrow raises many types for a broken file
            raise SourceError(f"not a readable Parquet file ({exc})", str(path)) from exc
        cols = [c.strip().lower() for c in table.column_names]
        missing = _missing(cols, mapping, path)
        if missing:
            raise SourceError(f"missing column(s): {', '.join(missing)}", str(path))
        if columns is not None:
            columns.extend(dict.fromkeys(cols))
        for i, values in enumerate(zip(*(c.to_pylist() for c in table.columns), strict=True), start=1):
            cells = {k: "" if v is None else str(v) for k, v in zip(cols, values, strict=True)}
            if limits is not None:
                check_fields(apply_mapping(cells, mapping), len(cells), i, limits, path, COLUMNS)
            yield i, cells
        return
    use_csv_field_limit()
    line = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh if limits is None else bounded_lines(fh, limits, path))
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
            missing = _missing(header, mapping, path)
            if missing:
                raise SourceError(f"missing column(s): {', '.join(missing)} (header: {', '.join(header)})", str(path))
            if limits is not None:
                check_fields({}, len(header), 1, limits, path, ())
            reader.fieldnames = header
            if columns is not None:
                columns.extend(dict.fromkeys(header))
            for row in reader:
                line = reader.line_num
                if limits is not None:
                    extra = row.get(None)  # DictReader's cells beyond the header
                    count = len(header) + (len(extra) if isinstance(extra, list) else 0)
                    check_fields(apply_mapping(row, mapping), count, line, limits, path, COLUMNS)
                yield line, {k: (v or "") for k, v in row.items() if isinstance(k, str)}
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text ({exc.reason})", str(path)) from exc
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise SourceError(
                f"a field longer than {CSV_FIELD_LIMIT:,} characters, the limit of every CSV field",
                str(path),
                f"line {line + 1}",
            ) from exc
        raise SourceError(f"broken CSV: {exc}", str(path)) from exc
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc}", str(path)) from exc


def query_from_row(row: Mapping[str, str]) -> ReadQuery:
    """The query of one customer row (every engine reads rows through this), and its unreadable values.

    A value that cannot be read (a birth date ``1984-13-45``) is left out and
    returned with the query: the row is screened on the rest, and flagged.

    Args:
        row: lower-case column name to cell text (``""`` for empty cells).

    Raises:
        QueryError: the row cannot be screened at all (no name).
    """
    return read_query(
        names=_split(row.get("name")) or [row.get("name", "")],
        schema=row.get("schema") or "Person",
        birth_dates=_split(row.get("birth_date")),
        nationalities=_split(row.get("nationality")),
        countries=_split(row.get("country")),
        id_numbers=_split(row.get("id_number")),
        gender=row.get("gender") or None,
        id=row.get("id", "").strip(),
    )


def hit_record(row_id: str, hit: dict[str, Any], unreadable: tuple[Unreadable, ...] = ()) -> dict[str, Any]:
    """One output record, from a customer row's id and a hit's :meth:`Hit.to_dict`.

    A row screened without some of its values says which (``unreadable``), so that a
    reviewer knows the score was made without them.
    """
    record = {"query_id": row_id, "source": hit["list"], **hit}
    if unreadable:
        record["unreadable"] = [u.to_dict() for u in unreadable]
    return record


#: One row of a customer file: ``(line, query or the reason it cannot be screened, row id, unreadable values)``.
QueryRow = tuple[int, Query | str, str, tuple[Unreadable, ...]]


def read_queries(
    path: Path, field_limits: FieldLimits | None = None, mapping: Mapping[str, str] | None = None
) -> Iterator[QueryRow]:
    """Every row of a customer file, as a query screened on what can be read.

    Args:
        field_limits: the longest field and the most fields a row may have (a portfolio's
            :func:`embargo.settings.customer_limits`); None: only the csv module's field limit.
        mapping: column to field, for columns not called by the fields' names
            (:func:`embargo.screening.mapping.parse_mapping`).

    Raises:
        SourceError: the file cannot be read, lacks a required or mapped column, or a row
            is over ``field_limits`` (naming the line and field).
    """
    for row, _, _ in _read(path, field_limits, mapping):
        yield row


#: A row as read for batch screening: the query row, the customer's cells, why it cannot be screened ("").
_ReadRow = tuple[QueryRow, dict[str, str], str]


def _read(
    path: Path,
    field_limits: FieldLimits | None,
    mapping: Mapping[str, str] | None,
    columns: list[str] | None = None,
) -> Iterator[_ReadRow]:
    for line, cells in _rows(path, field_limits, mapping, columns):
        row = apply_mapping(cells, mapping or {})
        rid = row.get("id", "").strip()
        try:
            read = query_from_row(row)
        except QueryError as exc:
            yield (line, f"line {line}: {exc}", rid, ()), cells, str(exc)
            continue
        yield (line, read.query, rid, read.unreadable), cells, ""


def _init(db: str) -> None:
    """Open the screener of ``db`` in this process, unless the one open is of the same store and versions."""
    global _worker, _worker_key
    store = Store(db)
    with store.reading("the ownership results") as conn:
        owned = ownership_generation(conn)
    lists = tuple(sorted((i.name, i.current.id) for i in store.view().lists() if i.current))
    key = (str(store.path.resolve()), lists, owned)
    if _worker is None or _worker_key != key:
        _worker = Screener.open(store)
        _worker_key = key
        # Look up one unseen person word so rigour builds its name automaton now
        # (several seconds, once per process); forked workers inherit it.
        warm_up()
        # The decoded index and name tables live as long as the process: keep them out of the
        # garbage collector's full passes (which would scan them again and again, and in forked
        # workers touch their pages).
        gc.freeze()


def _screen_chunk(args: tuple[list[Query], float | None, int]) -> list[list[dict[str, Any]]]:
    queries, threshold, limit = args
    assert _worker is not None
    return [[h.to_dict() for h in _worker.screen(q, threshold=threshold, limit=limit)] for q in queries]


def _plan(rows: list[QueryRow], workers: int) -> tuple[list[list[int]], bool]:
    """The positions of ``rows`` each job screens (chunks of :data:`CHUNK` rows in input order),
    and whether the Japanese dictionary is worth loading before the workers fork.

    Names written with kanji or kana are read with the Japanese dictionary,
    which each process that meets one loads (about a second of CPU). When such
    rows are few (no more than one worker's share) they make one job of their
    own, handed out first, so that one worker loads the dictionary rather than
    every worker; when they are many they are spread like the rest, and the
    parent loads the dictionary before forking (:func:`_screen_file`).
    """
    japanese = [i for i, (_, q, _, _) in enumerate(rows) if isinstance(q, Query) and _reads_japanese(q)]
    if workers < 2 or not japanese or len(japanese) > len(rows) / workers:
        order = list(range(len(rows)))
        return [order[i : i + CHUNK] for i in range(0, len(order), CHUNK)], workers > 1 and bool(japanese)
    taken = set(japanese)
    rest = [i for i in range(len(rows)) if i not in taken]
    return [japanese] + [rest[i : i + CHUNK] for i in range(0, len(rest), CHUNK)], False


def _reads_japanese(query: Query) -> bool:
    return any(has_japanese_letters(n) for n in query.names)


def screen_file(
    store: Store,
    input_path: Path,
    output_path: Path,
    threshold: float | None = None,
    limit: int = 5,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    all_rows: bool = False,
    mapping: Mapping[str, str] | None = None,
) -> BatchSummary:
    """Screen every row of ``input_path``; write one record per hit to ``output_path``.

    Records (:mod:`embargo.screening.records`) hold ``status``, ``query_id``,
    the hit's fields (``entity_id, list, source_id, score, matched_name,
    query_name, caption, schema, explanation``...), the entity's
    ``designations`` and ``countries``, and the customer's input fields under
    ``customer``; they are written as the output's extension says
    (``.jsonl``, ``.csv``, ``.xlsx``, ``.parquet``: :mod:`embargo.screening.writers`).

    Args:
        all_rows: also write a record for each customer without a hit (``no hit``)
            and each row that could not be screened (``error``): every input row is in the output.
        mapping: column to field, for columns not called by the fields' names.

    Raises:
        QueryError: an output extension no writer has (before anything is read or screened).
        SourceError: the input cannot be read, or lacks a required or mapped column.
    """
    writer_for(output_path)  # an unknown format is refused before the screening, not after
    # Screening allocates many short-lived containers (tokens, pairs, dicts) and keeps a few (the
    # per-index word and name caches): at Python's default (a young collection every 700 net
    # allocations) the collector took about 7% of a row's CPU. Rarer passes still reclaim the few
    # cycles a row leaves; forked workers inherit the setting, this process gets its own back.
    with batch_collection():
        return _screen_file(store, input_path, output_path, threshold, limit, workers, progress, all_rows, mapping)


def _screen_file(
    store: Store,
    input_path: Path,
    output_path: Path,
    threshold: float | None,
    limit: int,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
    all_rows: bool,
    mapping: Mapping[str, str] | None,
) -> BatchSummary:
    started = time.perf_counter()
    require_lists(store)  # "0 hits" against no list would be a lie
    columns: list[str] = []
    read = list(_read(input_path, None, mapping, columns))
    rows = [r for r, _, _ in read]
    total = len(rows)
    workers = workers or os.cpu_count() or 1
    parallel = workers > 1 and total > CHUNK
    plan, preload = _plan(rows, workers if parallel else 1)
    jobs = [([q for i in job if isinstance(q := rows[i][1], Query)], threshold, limit) for job in plan]
    found: list[list[dict[str, Any]] | None] = [None] * total
    done = 0
    startup = 0.0
    if parallel:
        fork = os.name == "posix"
        if fork:
            _init(store.url)  # once, before forking: the workers share the loaded index
            if preload:
                load_reader()  # and the Japanese dictionary, which many rows need
            startup = time.perf_counter() - started
        ctx = multiprocessing.get_context("fork" if fork else "spawn")
        with ctx.Pool(workers, initializer=_init, initargs=(store.url,)) as pool:
            for job, result in zip(plan, pool.imap(_screen_chunk, jobs), strict=True):
                done += _place(rows, job, result, found)
                if progress is not None:
                    progress(done, total)
    else:
        _init(store.url)
        startup = time.perf_counter() - started
        for job, args in zip(plan, jobs, strict=True):
            done += _place(rows, job, _screen_chunk(args), found)
            if progress is not None:
                progress(done, total)
    errors: list[str] = []
    flagged: list[Flagged] = []
    hit_rows = hits = 0
    for (line, q, rid, unreadable), found_hits in zip(rows, found, strict=True):
        if isinstance(q, str):
            errors.append(q)
            continue
        if unreadable:
            flagged.append((line, rid, unreadable))
        hit_rows += bool(found_hits)
        hits += len(found_hits or ())
    # The designations are read here, once per entity hit, where the store is: not in the workers.
    found_listings = listings(
        store, (e for hs in found if hs for h in hs for e in h.get("referents") or [h["entity_id"]])
    )
    records = (
        finish(record, found_listings)
        for row, hs in zip(read, found, strict=True)
        for record in _records(row, hs, all_rows)
    )
    written = write_records(output_path, records, columns)
    seconds = time.perf_counter() - started
    return BatchSummary(total, hits, hit_rows, errors, seconds, startup, flagged, written)


def _records(row: _ReadRow, hits: list[dict[str, Any]] | None, all_rows: bool) -> Iterator[dict[str, Any]]:
    """A row's records before :func:`~embargo.screening.records.finish`: its hits, or (``all_rows``) its status."""
    (_, query, rid, unreadable), cells, reason = row
    if isinstance(query, str):
        if all_rows:
            yield status_row(rid, ERROR, cells, error=reason)
        return
    if hits:
        for h in hits:
            yield hit_row(hit_record(rid, h, unreadable), cells)
    elif all_rows:
        yield status_row(rid, NO_HIT, cells, unreadable)


def _place(
    rows: list[QueryRow],
    job: list[int],
    result: list[list[dict[str, Any]]],
    found: list[list[dict[str, Any]] | None],
) -> int:
    """Put a job's hits in their rows' places; the number of rows the job covered."""
    it = iter(result)
    for i in job:
        if isinstance(rows[i][1], Query):
            found[i] = next(it)
    return len(job)
