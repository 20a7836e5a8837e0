"""The monitoring fixtures (real UN list, a portfolio) serve the report tests too."""

from tests.monitor.conftest import un_files, un_store

__all__ = ["un_files", "un_store"]
