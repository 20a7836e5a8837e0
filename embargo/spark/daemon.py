"""pyspark's Python worker daemon, with rigour's name automaton built before it forks any worker.

Spark starts this module (``spark.python.daemon.module``, set by
:func:`embargo.spark.spark_session`) once per executor instead of
``pyspark.daemon``; every Python worker is forked from it. Building the
automaton here (several seconds, about 250 MB) makes each worker inherit it
copy-on-write, as the local engine's forked workers do, instead of every
worker building its own.
"""

from __future__ import annotations

__all__ = ["main"]


def main() -> None:
    """Warm up, then run pyspark's own daemon loop (which writes its port to stdout: nothing else may)."""
    from pyspark import daemon

    from embargo.screening.screener import warm_up

    warm_up()
    daemon.manager()  # type: ignore[no-untyped-call]


if __name__ == "__main__":
    main()
