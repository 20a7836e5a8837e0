"""Batch screening on Apache Spark: the local engine's matcher, one partition of customers at a time.

The driver reads the customer file with Spark (CSV or Parquet, any path or
URI Spark reads: ``s3a://`` needs hadoop-aws on the cluster), broadcasts
the candidate index (:mod:`embargo.spark.shipping`), screens every
partition on the executors (:mod:`embargo.spark.rows`, wrapped here to make
each row's records: its hits, or with ``all_rows`` its status, with the
customer's input fields), adds the hits' designations on the driver, where
the store is (:func:`embargo.screening.records.finish`), and writes the
records in input order (:mod:`embargo.spark.output`). For the same input and
store the output is the local engine's, record for record.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embargo.errors import EmbargoError, SourceError
from embargo.matching import Unreadable
from embargo.screening import BatchSummary
from embargo.screening.batch import Flagged
from embargo.screening.mapping import FIELDS, REQUIRED, check_mapping, fields_of, parse_mapping
from embargo.screening.records import ERROR as ERROR_STATUS
from embargo.screening.records import NO_HIT, finish, hit_row, listings, status_row
from embargo.screening.screener import require_lists
from embargo.spark.output import check_location, is_uri, write_file, write_folder
from embargo.spark.rows import COUNT, ERROR, FLAG, HIT, Item, Shipped, screen_partition
from embargo.spark.session import require_pyspark, spark_session
from embargo.spark.shipping import ship_indexes
from embargo.store import Store

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["read_customers", "screen_file_spark"]

#: Largest input split per task. Screening costs about a millisecond a row, so
#: Spark's default 128 MB splits would be tasks of an hour or more, and a file
#: of a few hundred MB would keep only a few cores busy; 4 MiB of CSV is some
#: tens of thousands of rows, a minute or two of work. (Parquet splits no
#: finer than its row groups.)
SPLIT_BYTES = 4 * 1024 * 1024
#: Splits per core at least, so that a small file keeps every core busy too
#: (Spark's own floor, ``openCostInBytes``, is 4 MB: lowered for the read).
SPLITS_PER_CORE = 3

#: Kinds of the items :func:`_screen_rows` adds to :mod:`embargo.spark.rows`' (``(kind, partition, row, text)``):
#: ``RECORD``: text = a record before :func:`~embargo.screening.records.finish` (JSON), in input order;
#: ``HITS``: one per partition, text = how many hits it had;
#: ``ENTITIES``: one per partition, text = the ids of the entities hit and of their parties' (JSON list).
RECORD, HITS, ENTITIES = 10, 11, 12
#: The name under which the customer's n-th input column travels beside the screened fields.
_ECHO = "_customer_{}"


_PY_ERROR = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Exit)\b.*")
_JAVA_ERROR = re.compile(r"(?:^|: )([\w.$]+(?:Exception|Error): )")


def _reason(exc: BaseException) -> str:
    """The telling line of a Spark failure: a Python worker's exception, else the innermost JVM one."""
    text = str(exc)
    if "Traceback (most recent call last)" in text:
        tail = text.rsplit("Traceback (most recent call last)", 1)[1]
        found = [m.group(0) for line in tail.splitlines() if (m := _PY_ERROR.match(line))]
        if found:
            return found[-1][:300]
    for line in text.splitlines():
        java = list(_JAVA_ERROR.finditer(line))
        if java:
            return line[java[-1].start(1) :][:300]
    return (text.strip().splitlines() or [type(exc).__name__])[0][:300]


def _failures() -> tuple[type[BaseException], ...]:
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    return (PySparkException, Py4JError)


def _is_parquet(location: str) -> bool:
    return location.rstrip("/").lower().endswith(".parquet")


def read_customers(spark: SparkSession, location: str, mapping: Mapping[str, str] | None = None) -> DataFrame:
    """The customer file as a DataFrame of the screened columns, lower-cased, every value as read.

    CSV is read as RFC 4180 text (``""`` escapes a quote), header first, no
    type inference. A quoted cell may not span lines: Spark splits a large
    file between tasks at line ends (convert such files to Parquet).

    Args:
        mapping: column to field, for columns not called by the fields' names
            (:func:`embargo.screening.mapping.parse_mapping`).

    Raises:
        SourceError: the file cannot be read or lacks ``id`` or ``name``, or a mapped column.
    """
    frame, _ = _customers(spark, location, mapping or {}, echo=False)
    return frame


def _customers(
    spark: SparkSession, location: str, mapping: Mapping[str, str], echo: bool
) -> tuple[DataFrame, list[str]]:
    """The screened fields (under their fields' names), then with ``echo`` every input column
    (as ``_customer_N``); and the input columns' names (lower-cased)."""
    try:
        if _is_parquet(location):
            frame = spark.read.parquet(location)
        else:
            frame = spark.read.csv(location, header=True, inferSchema=False, escape='"', encoding="UTF-8")
    except _failures() as exc:
        raise SourceError(f"cannot read input ({_reason(exc)})", location) from exc
    header = [c.replace("\ufeff", "").strip().lower() for c in frame.columns]
    check_mapping(mapping, header, location)
    fields = fields_of(header, mapping)
    missing = [c for c in REQUIRED if c not in fields]
    if missing:
        shown = "" if _is_parquet(location) else f" (header: {', '.join(header)})"
        raise SourceError(f"missing column(s): {', '.join(missing)}{shown}", location)
    # The last column of a name wins, as in the local engine's row dicts; a mapped column wins over one
    # already called by its field's name.
    source = {name: original for original, name in zip(frame.columns, header, strict=True)}
    source.update({field: source[column] for column, field in mapping.items()})
    wanted = [c for c in FIELDS if c in source]
    chosen = [frame[source[c]].alias(c) for c in wanted]
    names = list(dict.fromkeys(header))
    if echo:
        chosen += [frame[source[c]].alias(_ECHO.format(i)) for i, c in enumerate(names)]
    return frame.select(*chosen), names


def _active() -> SparkSession | None:
    require_pyspark()
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession()


def _is_record(item: Item) -> bool:
    return item[0] == RECORD


def _is_meta(item: Item) -> bool:
    return item[0] != RECORD


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _screen_rows(
    partition: int,
    rows: Iterable[Sequence[Any]],
    columns: Sequence[str],
    echo: Sequence[str],
    all_rows: bool,
    tokens: tuple[str, ...],
    shipped: Shipped,
    threshold: float | None,
    limit: int,
) -> Iterator[Item]:
    """:func:`~embargo.spark.rows.screen_partition`'s items but its hits, then the partition's records in row order.

    Args:
        columns: the names of the rows' values: the screened fields, then the echoed input columns.
        echo: the input columns' names, the last ``len(echo)`` of ``columns``.
        all_rows: a record for each row without a hit too (``no hit``, ``error``).
    """
    held = list(rows)  # a partition is a few MiB of input: its rows are read again to make the records
    hits: dict[int, list[str]] = {}
    errors: dict[int, str] = {}
    flags: dict[int, str] = {}
    for item in screen_partition(partition, held, columns, tokens, shipped, threshold, limit):
        kind, _, row, text = item
        if kind == HIT:
            hits.setdefault(row, []).append(text)
            continue
        if kind == ERROR:
            errors[row] = text
        elif kind == FLAG:
            flags[row] = text
        yield item
    first, key = len(columns) - len(echo), list(columns).index("id")
    count, entities = 0, set[str]()
    for row, values in enumerate(held, start=1):
        customer = {name: _cell(v) for name, v in zip(echo, values[first:], strict=True)}
        rid = _cell(values[key]).strip()
        if row in errors:
            if all_rows:
                yield (
                    RECORD,
                    partition,
                    row,
                    json.dumps(status_row(rid, ERROR_STATUS, customer, error=errors[row]), ensure_ascii=False),
                )
        elif row in hits:
            for text in hits[row]:
                base = json.loads(text)
                entities.update(base.get("referents") or [base["entity_id"]])
                count += 1
                yield RECORD, partition, row, json.dumps(hit_row(base, customer), ensure_ascii=False)
        elif all_rows:
            flagged = json.loads(flags[row])["unreadable"] if row in flags else []
            unreadable = [Unreadable(**u) for u in flagged]
            yield RECORD, partition, row, json.dumps(status_row(rid, NO_HIT, customer, unreadable), ensure_ascii=False)
    yield HITS, partition, 0, str(count)
    yield ENTITIES, partition, 0, json.dumps(sorted(entities))


def _text(item: Item) -> str:
    return item[3]


def screen_file_spark(
    store: Store,
    input_location: str,
    output_location: str,
    threshold: float | None = None,
    limit: int = 5,
    spark: SparkSession | None = None,
    master: str | None = None,
    split_bytes: int = SPLIT_BYTES,
    all_rows: bool = False,
    mapping: Mapping[str, str] | str | None = None,
) -> BatchSummary:
    """Screen every row of a customer file on Spark; write its records like :func:`~embargo.screening.screen_file`.

    Args:
        store: the store whose lists' current versions are screened against.
        input_location: CSV or Parquet file (or folder of them), a path or a URI.
        output_location: ``.jsonl``, ``.csv``, ``.xlsx`` or ``.parquet``: a plain path is one
            file written by the driver; a URI is a folder written by the executors
            (``.jsonl`` or ``.parquet`` only).
        threshold: lowest score reported (``None``: the default).
        limit: most hits per row.
        spark: a running session; ``None`` starts one on ``master`` and stops it after.
        master: Spark master URL when a session is started here.
        split_bytes: largest share of the input one task screens.
        all_rows: a record for each customer without a hit too (``no hit``, ``error``).
        mapping: column to field (or its ``COLUMN=FIELD,...`` text), for columns not called by the fields' names.

    Returns:
        The run's counts; row errors read ``line N: ...`` as the local engine's
        (for CSV, N counts the header and assumes no quoted line breaks).
    """
    started = time.perf_counter()
    require_pyspark()  # the missing extra is the first thing to say
    check_location(output_location)  # an unknown format is refused before the screening, not after
    columns = parse_mapping(mapping) if isinstance(mapping, str) else dict(mapping or {})
    require_lists(store)  # "0 hits" against no list would be a lie
    options = _Options(threshold, limit, all_rows, columns)
    try:
        return _screen(store, input_location, output_location, options, spark, master, split_bytes, started)
    except _failures() as exc:
        # A user's file or cluster, not embargo, is the usual cause: one line; Spark's log has the traces.
        raise EmbargoError(f"the Spark job failed: {_reason(exc)}") from exc


@dataclass(frozen=True, slots=True)
class _Options:
    threshold: float | None
    limit: int
    all_rows: bool
    mapping: dict[str, str]


def _screen(
    store: Store,
    input_location: str,
    output_location: str,
    options: _Options,
    spark: SparkSession | None,
    master: str | None,
    split_bytes: int,
    started: float,
) -> BatchSummary:
    if spark is None:
        # A session already running (a notebook, a test) is used and left running.
        own = _active() is None
        spark = spark_session(master, "embargo screen")
    else:
        own = False
    session = spark
    reading = {
        "spark.sql.files.maxPartitionBytes": str(split_bytes),
        "spark.sql.files.openCostInBytes": str(min(split_bytes, 64 * 1024)),
        "spark.sql.files.minPartitionNum": str(SPLITS_PER_CORE * session.sparkContext.defaultParallelism),
    }
    before = {key: session.conf.get(key, None) for key in reading}
    for key, value in reading.items():
        session.conf.set(key, value)
    try:
        return _run(session, store, input_location, output_location, options, started)
    finally:
        if own:
            session.stop()
        else:
            for key, old in before.items():
                if old is None:
                    session.conf.unset(key)
                else:
                    session.conf.set(key, old)


def _run(
    spark: SparkSession,
    store: Store,
    input_location: str,
    output_location: str,
    options: _Options,
    started: float,
) -> BatchSummary:
    from pyspark import StorageLevel

    frame, echo = _customers(spark, input_location, options.mapping, echo=True)
    shipped = ship_indexes(spark.sparkContext, store)
    work = partial(
        _screen_rows,
        columns=list(frame.columns),
        echo=echo,
        all_rows=options.all_rows,
        tokens=shipped.tokens,
        shipped=shipped.broadcast,
        threshold=options.threshold,
        limit=options.limit,
    )
    # Screening is the costly part: keep its (small) output for the second pass that writes the hits.
    screened = frame.rdd.mapPartitionsWithIndex(work).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        meta = screened.filter(_is_meta).collect()
        rows_in = {part: rows for kind, part, rows, _ in meta if kind == COUNT}
        offset, before = {}, 0
        for part in sorted(rows_in):
            offset[part] = before
            before += rows_in[part]
        header = 0 if _is_parquet(input_location) else 1
        errors = [
            f"line {offset[part] + row + header}: {text}"
            for kind, part, row, text in sorted(meta, key=lambda m: (m[1], m[2]))
            if kind == ERROR
        ]
        flagged: list[Flagged] = []
        for kind, part, row, text in sorted(meta, key=lambda m: (m[1], m[2])):
            if kind == FLAG:
                data = json.loads(text)
                values = tuple(Unreadable(**u) for u in data["unreadable"])
                flagged.append((offset[part] + row + header, str(data["id"]), values))
        with_hits = sum(int(text) for kind, _, _, text in meta if kind == COUNT)
        hits = sum(int(text) for kind, _, _, text in meta if kind == HITS)
        # The designations are read on the driver, where the store is, once per entity hit.
        found = listings(store, sorted({e for kind, _, _, text in meta if kind == ENTITIES for e in json.loads(text)}))
        records = screened.filter(_is_record).map(_text)
        if is_uri(output_location):
            finished = records.map(partial(_finish, found))
            write_folder(spark, finished, output_location, echo)
            written = finished.count()
        else:
            stream = (_finish(found, text) for text in records.toLocalIterator())
            written = write_file(Path(output_location), stream, echo)
    finally:
        screened.unpersist()
        shipped.release()
    return BatchSummary(before, hits, with_hits, errors, time.perf_counter() - started, 0.0, flagged, written)


def _finish(found: Mapping[str, Any], text: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(text)
    return finish(record, found)
