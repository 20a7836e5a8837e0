"""Starting Spark for embargo: pyspark is an optional extra, imported only here and only when asked for.

``pip install 'embargo[spark]'`` brings pyspark (and its py4j); Spark itself
needs a Java runtime (17 is what the project tests with). Without either,
:func:`require_pyspark` raises one :class:`~embargo.errors.EmbargoError` that
says what to install, instead of an ``ImportError`` deep in a stack trace.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING

from embargo.errors import EmbargoError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["INSTALL_HINT", "default_master", "require_pyspark", "spark_session"]

INSTALL_HINT = "pip install 'embargo[spark]'"

#: Where ``--spark-master`` comes from when it is not given (and spark-submit set none).
MASTER_ENV = "SPARK_MASTER"


def require_pyspark() -> ModuleType:
    """The ``pyspark`` module, or an error telling how to install it.

    Raises:
        EmbargoError: pyspark is not installed, or no ``java`` is on the path.
    """
    try:
        pyspark = importlib.import_module("pyspark")
    except ImportError as exc:
        raise EmbargoError(f"the Spark engine needs pyspark, an optional extra: {INSTALL_HINT}") from exc
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        raise EmbargoError("the Spark engine needs a Java runtime (17 is tested): install one or set JAVA_HOME")
    return pyspark


def default_master() -> str:
    """``$SPARK_MASTER``, else ``local[*]`` (every core of this machine)."""
    return os.environ.get(MASTER_ENV) or "local[*]"


def spark_session(
    master: str | None = None, app_name: str = "embargo", conf: Mapping[str, str] | None = None
) -> SparkSession:
    """The running SparkSession, or a new one.

    Args:
        master: a Spark master URL (``local[2]``, ``spark://host:7077``, ``yarn``).
            ``None`` keeps what ``spark-submit`` set, else :func:`default_master`.
        app_name: shown in the Spark UI and the cluster manager.
        conf: further ``spark.*`` settings.

    Returns:
        A session; under ``spark-submit`` or in a test that already started
        one, that same session (settings given here then apply only if new).
    """
    require_pyspark()
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    spark_conf = SparkConf()
    # spark-submit starts the JVM first and hands this process its port; its
    # --master and --conf then stand unless a master is given here.
    submitted = bool(os.environ.get("PYSPARK_GATEWAY_PORT"))
    if master or not submitted:
        spark_conf.setMaster(master or default_master())
    resolved = master or ("" if submitted else default_master())
    if resolved.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        # Local workers must run this interpreter (this venv, with embargo and
        # its compiled dependencies), not whatever ``python3`` is first on PATH;
        # pyspark reads only the environment for it.
        os.environ["PYSPARK_PYTHON"] = sys.executable
    spark_conf.setIfMissing("spark.app.name", app_name)
    # Python workers fork from a daemon that has built rigour's automaton (see embargo.spark.daemon).
    spark_conf.setIfMissing("spark.python.daemon.module", "embargo.spark.daemon")
    for key, value in (conf or {}).items():
        spark_conf.set(key, value)
    return SparkSession.builder.config(conf=spark_conf).getOrCreate()
