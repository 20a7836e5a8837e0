"""Frozen word weights: a list version's word rarity, kept fixed while the list moves on.

Retrieval weighs each query word by its rarity among a list's names. That
rarity moves a little with every entry added or removed anywhere in the
list, so whether an entity is a candidate for a customer would depend on
unrelated entries. Monitoring instead weighs words with the rarity of one
list version (the one its last full run screened against), frozen: a word
weighs what it weighed there, a word that version did not have weighs as its
rarest. Whether an entity is a candidate then depends on the customer, the
entity and that frozen table only.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

from embargo.errors import StoreError
from embargo.index.listindex import ListIndex
from embargo.store.private import open_private, private_folder

__all__ = ["Rarity"]

_TAG = "embargo-rarity-1"


class Rarity:
    """Word weights of one list version.

    Args:
        weights: weight of each word text of the version's vocabulary.
        top: weight of a word the version does not have (its rarest).
    """

    __slots__ = ("top", "weights")

    def __init__(self, weights: dict[str, float], top: float) -> None:
        self.weights = weights
        self.top = top

    def weight(self, text: str) -> float:
        """The frozen weight of a query word."""
        return self.weights.get(text, self.top)

    @classmethod
    def of(cls, index: ListIndex) -> Rarity:
        """The weights an index gives its own words (its ``idf``)."""
        return cls(dict(zip(index.words, index.idf.tolist(), strict=True)), index.max_idf)

    def save(self, path: Path) -> None:
        """Write atomically (a temporary file, then a rename)."""
        private_folder(path.parent)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        with open_private(tmp) as fh:
            fh.write(marshal.dumps((_TAG, self.weights, self.top)))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> Rarity:
        """Read a file written by :meth:`save`.

        Raises:
            StoreError: the file is missing or is not a rarity table.
        """
        try:
            tag, weights, top = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError) as exc:
            raise StoreError(f"cannot read word weights {path} ({exc})") from exc
        if tag != _TAG or not isinstance(weights, dict):
            raise StoreError(f"{path} is not a word weights file of this embargo version")
        return cls(weights, float(top))
