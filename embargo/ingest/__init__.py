"""Getting lists into the store: download, find in a mirror, import as a version."""

from embargo.ingest.fetch import Download, download
from embargo.ingest.importer import ImportResult, content_hash, import_file
from embargo.ingest.mirror import Found, find_in_folder
from embargo.ingest.promote import accept_version, rollback, set_policy, show_policy
from embargo.ingest.update import UpdateOutcome, select_lists, update

__all__ = [
    "Download",
    "Found",
    "ImportResult",
    "UpdateOutcome",
    "accept_version",
    "content_hash",
    "download",
    "find_in_folder",
    "import_file",
    "rollback",
    "select_lists",
    "set_policy",
    "show_policy",
    "update",
]
