"""embargo: sanctions-list ingestion and screening."""

__version__ = "0.1.0"
