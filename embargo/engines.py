"""Engines that screen a customer file, chosen by name (splink's habit: one protocol, several backends).

An :class:`Engine` screens every row of a customer file against a store's
current lists and writes its hits, returning a :class:`BatchSummary`; the
output is the same whichever engine made it. Two are built in:

- ``local``: worker processes on this machine (:func:`embargo.screening.screen_file`),
  for files on a local disk;
- ``spark``: Apache Spark, in-process or on a cluster (:mod:`embargo.spark`,
  the ``spark`` extra), for files or folders behind any URI Spark reads.

:func:`engine` makes one from its name and the options the caller has; an
engine takes the options it knows and ignores the others, so a command line
can hand every option to whichever engine is asked for.

This module sits above both backends (``screening`` and ``spark``, which imports
``screening``), so neither package imports the other's chooser.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from embargo.errors import QueryError
from embargo.screening.batch import BatchSummary, screen_file
from embargo.store import Store

__all__ = ["ENGINES", "Engine", "LocalEngine", "SparkEngine", "engine"]

#: ``progress(done, total)`` as rows are screened.
Progress = Callable[[int, int], None]


@runtime_checkable
class Engine(Protocol):
    """Screens a customer file into a hits file."""

    @property
    def name(self) -> str:
        """The engine's name, as :func:`engine` takes it."""
        ...

    def screen_file(
        self,
        store: Store,
        input_location: str,
        output_location: str,
        threshold: float | None = None,
        limit: int = 5,
        progress: Progress | None = None,
        all_rows: bool = False,
        mapping: Mapping[str, str] | None = None,
    ) -> BatchSummary:
        """Screen every row of ``input_location``; write one record per hit to ``output_location``
        (its extension picks the format), and with ``all_rows`` one per customer without a hit or
        with an unreadable field too; ``mapping`` names the input column of each field."""
        ...


@dataclass(frozen=True, slots=True)
class LocalEngine:
    """Worker processes on this machine, over local files.

    Attributes:
        workers: worker processes (None: every core).
    """

    workers: int | None = None
    name: str = "local"

    def screen_file(
        self,
        store: Store,
        input_location: str,
        output_location: str,
        threshold: float | None = None,
        limit: int = 5,
        progress: Progress | None = None,
        all_rows: bool = False,
        mapping: Mapping[str, str] | None = None,
    ) -> BatchSummary:
        """Screen a local CSV or Parquet file into a ``.jsonl``, ``.csv``, ``.xlsx`` or ``.parquet`` file.

        Raises:
            QueryError: a location is a URI (that takes the spark engine).
        """
        if "://" in input_location or "://" in output_location:
            raise QueryError("a URI as the input or output needs the spark engine")
        return screen_file(
            store,
            Path(input_location),
            Path(output_location),
            threshold=threshold,
            limit=limit,
            workers=self.workers,
            progress=progress,
            all_rows=all_rows,
            mapping=mapping,
        )


@dataclass(frozen=True, slots=True)
class SparkEngine:
    """Apache Spark (the ``spark`` extra): a local session, or a cluster's master.

    Attributes:
        master: the Spark master URL (None: ``local[*]``).
    """

    master: str | None = None
    name: str = "spark"

    def screen_file(
        self,
        store: Store,
        input_location: str,
        output_location: str,
        threshold: float | None = None,
        limit: int = 5,
        progress: Progress | None = None,
        all_rows: bool = False,
        mapping: Mapping[str, str] | None = None,
    ) -> BatchSummary:
        """Screen a file or folder, a path or any URI Spark reads (progress is Spark's own UI).

        Raises:
            MissingExtraError: pyspark is not installed.
        """
        from embargo.extras import require

        require("spark", "the spark engine")
        from embargo.spark import screen_file_spark  # pyspark only when asked for

        del progress
        return screen_file_spark(
            store,
            input_location,
            output_location,
            threshold=threshold,
            limit=limit,
            master=self.master,
            all_rows=all_rows,
            mapping=mapping,
        )


#: The engines by name.
ENGINES: dict[str, type[LocalEngine] | type[SparkEngine]] = {"local": LocalEngine, "spark": SparkEngine}


def engine(name: str, *, workers: int | None = None, master: str | None = None) -> Engine:
    """The engine called ``name``, made with the options it takes (the others are ignored).

    Args:
        name: ``local`` or ``spark``.
        workers: the local engine's worker processes.
        master: the spark engine's master URL.

    Raises:
        QueryError: no engine has that name.
    """
    if name == "local":
        return LocalEngine(workers=workers)
    if name == "spark":
        return SparkEngine(master=master)
    raise QueryError(f"unknown engine {name!r} (one of: {', '.join(ENGINES)})")
