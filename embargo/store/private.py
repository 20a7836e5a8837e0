"""Files of a store that only its owner may read: the database, its indexes and word weights.

A store holds customer names, birth dates and identifiers. Whatever the
process's umask, embargo creates the SQLite file, the index folder and the
files in it for the owner alone (``0600`` files, a ``0700`` folder), as
SSH does for its keys. Files and folders that already exist keep the mode
the operator gave them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

__all__ = ["FILE_MODE", "FOLDER_MODE", "create_private", "open_private", "private_folder"]

#: Mode of the files a store creates.
FILE_MODE = 0o600
#: Mode of the folders a store creates.
FOLDER_MODE = 0o700


def create_private(path: Path) -> None:
    """Create ``path`` empty, readable by its owner alone, unless it exists."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def _opener(path: str, flags: int) -> int:
    return os.open(path, flags, FILE_MODE)


def open_private(path: Path) -> BinaryIO:
    """``open(path, "wb")``, the file created readable by its owner alone."""
    fh = open(path, "wb", opener=_opener)  # noqa: SIM115 - returned to the caller, who closes it
    if os.name == "posix":
        os.fchmod(fh.fileno(), FILE_MODE)  # a leftover file of the same name keeps no wider mode
    return fh


def private_folder(path: Path) -> None:
    """Create ``path`` (and missing parents) as folders only the owner may enter; an existing one is left."""
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        return
    os.chmod(path, FOLDER_MODE)  # mkdir's mode is masked by the umask
