"""Candidate index: built once per list version at import, persisted, opened by every screener."""

from embargo.index.files import (
    build_entities_index,
    build_version_index,
    index_dir,
    index_path,
    load_version_index,
    prune_indexes,
)
from embargo.index.listindex import COUNTRY_PROPERTIES, FORMAT_VERSION, IDENTIFIER_PROPERTIES, ListIndex, build_index
from embargo.index.pairs import PairRetrieval, reaching
from embargo.index.rarity import Rarity
from embargo.index.search import FLOOR, Candidate, find_candidates

__all__ = [
    "COUNTRY_PROPERTIES",
    "FLOOR",
    "FORMAT_VERSION",
    "IDENTIFIER_PROPERTIES",
    "Candidate",
    "ListIndex",
    "PairRetrieval",
    "Rarity",
    "build_entities_index",
    "build_index",
    "build_version_index",
    "find_candidates",
    "index_dir",
    "index_path",
    "load_version_index",
    "prune_indexes",
    "reaching",
]
