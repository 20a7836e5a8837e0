"""Batch screening on Apache Spark: the local engine's matcher, one partition of customers at a time.

The driver reads the customer file with Spark (CSV or Parquet, any path or
URI Spark reads: ``s3a://`` needs hadoop-aws on the cluster), broadcasts
the candidate index (:mod:`embargo.spark.shipping`), screens every
partition on the executors (:mod:`embargo.spark.rows`) and writes the hits
in input order (:mod:`embargo.spark.output`). For the same input and store
the output is the local engine's, record for record.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from embargo.errors import EmbargoError, SourceError
from embargo.matching import Unreadable
from embargo.screening import BatchSummary
from embargo.screening.batch import Flagged
from embargo.screening.screener import require_lists
from embargo.spark.output import is_uri, write_file, write_folder
from embargo.spark.rows import COUNT, ERROR, FLAG, HIT, Item, screen_partition
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

REQUIRED = ("id", "name")
OPTIONAL = ("birth_date", "nationality", "country", "id_number", "schema", "gender")


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


def read_customers(spark: SparkSession, location: str) -> DataFrame:
    """The customer file as a DataFrame of the screened columns, lower-cased, every value as read.

    CSV is read as RFC 4180 text (``""`` escapes a quote), header first, no
    type inference. A quoted cell may not span lines: Spark splits a large
    file between tasks at line ends (convert such files to Parquet).

    Raises:
        SourceError: the file cannot be read or lacks ``id`` or ``name``.
    """
    try:
        if _is_parquet(location):
            frame = spark.read.parquet(location)
        else:
            frame = spark.read.csv(location, header=True, inferSchema=False, escape='"', encoding="UTF-8")
    except _failures() as exc:
        raise SourceError(f"cannot read input ({_reason(exc)})", location) from exc
    header = [c.replace("\ufeff", "").strip().lower() for c in frame.columns]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        shown = "" if _is_parquet(location) else f" (header: {', '.join(header)})"
        raise SourceError(f"missing column(s): {', '.join(missing)}{shown}", location)
    wanted = [c for c in (*REQUIRED, *OPTIONAL) if c in header]
    # The last column of a name wins, as in the local engine's row dicts.
    source = {name: original for original, name in zip(frame.columns, header, strict=True)}
    return frame.select(*[frame[source[c]].alias(c) for c in wanted])


def _active() -> SparkSession | None:
    require_pyspark()
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession()


def _is_hit(item: Item) -> bool:
    return item[0] == HIT


def _is_not_hit(item: Item) -> bool:
    return item[0] != HIT


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
) -> BatchSummary:
    """Screen every row of a customer file on Spark; write its hits like :func:`~embargo.screening.screen_file`.

    Args:
        store: the store whose lists' current versions are screened against.
        input_location: CSV or Parquet file (or folder of them), a path or a URI.
        output_location: ``.jsonl`` or ``.parquet``; a plain path is one file
            written by the driver, a URI a folder written by the executors.
        threshold: lowest score reported (``None``: the default).
        limit: most hits per row.
        spark: a running session; ``None`` starts one on ``master`` and stops it after.
        master: Spark master URL when a session is started here.
        split_bytes: largest share of the input one task screens.

    Returns:
        The run's counts; row errors read ``line N: ...`` as the local engine's
        (for CSV, N counts the header and assumes no quoted line breaks).
    """
    started = time.perf_counter()
    require_pyspark()  # the missing extra is the first thing to say
    require_lists(store)  # "0 hits" against no list would be a lie
    try:
        return _screen(store, input_location, output_location, threshold, limit, spark, master, split_bytes, started)
    except _failures() as exc:
        # A user's file or cluster, not embargo, is the usual cause: one line; Spark's log has the traces.
        raise EmbargoError(f"the Spark job failed: {_reason(exc)}") from exc


def _screen(
    store: Store,
    input_location: str,
    output_location: str,
    threshold: float | None,
    limit: int,
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
        return _run(session, store, input_location, output_location, threshold, limit, started)
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
    threshold: float | None,
    limit: int,
    started: float,
) -> BatchSummary:
    from pyspark import StorageLevel

    frame = read_customers(spark, input_location)
    shipped = ship_indexes(spark.sparkContext, store)
    work = partial(
        screen_partition,
        columns=list(frame.columns),
        tokens=shipped.tokens,
        shipped=shipped.broadcast,
        threshold=threshold,
        limit=limit,
    )
    # Screening is the costly part: keep its (small) output for the second pass that writes the hits.
    screened = frame.rdd.mapPartitionsWithIndex(work).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        meta = screened.filter(_is_not_hit).collect()
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
        lines = screened.filter(_is_hit).map(_text)
        if is_uri(output_location):
            write_folder(spark, lines, output_location)
            hits = lines.count()
        else:
            counted = _Counted(lines.toLocalIterator())
            write_file(Path(output_location), counted)
            hits = counted.seen
    finally:
        screened.unpersist()
        shipped.release()
    return BatchSummary(before, hits, with_hits, errors, time.perf_counter() - started, 0.0, flagged)


class _Counted:
    """Passes lines through, counting them."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.seen = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.seen += 1
            yield line
