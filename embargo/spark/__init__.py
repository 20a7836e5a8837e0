"""Batch screening on Apache Spark, behind the optional extra ``embargo[spark]``.

Importing this package does not import pyspark; starting a session or
screening does, and says how to install it when it is missing.
"""

from embargo.spark.engine import read_customers, screen_file_spark
from embargo.spark.session import INSTALL_HINT, default_master, require_pyspark, spark_session

__all__ = ["INSTALL_HINT", "default_master", "read_customers", "require_pyspark", "screen_file_spark", "spark_session"]
