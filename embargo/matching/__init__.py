"""Matching: token alignment of names, evidence features, the versioned algorithm."""

from embargo.matching.algorithm import (
    ALGORITHM,
    DEFAULT_THRESHOLD,
    EVIDENCE_FLOOR,
    MatchResult,
    compare_names,
    score_entity,
)
from embargo.matching.alignment import NameMatch, TokenPair, align, compare_analyzed
from embargo.matching.calibration import probability
from embargo.matching.features import Feature
from embargo.matching.query import (
    QUERY_SCHEMATA,
    Query,
    ReadQuery,
    Unreadable,
    compatible_schemata,
    normalize_identifier,
    read_query,
)
from embargo.matching.tokens import token_similarity
from embargo.names.facts import ListedFacts

__all__ = [
    "ALGORITHM",
    "DEFAULT_THRESHOLD",
    "EVIDENCE_FLOOR",
    "QUERY_SCHEMATA",
    "Feature",
    "ListedFacts",
    "MatchResult",
    "NameMatch",
    "Query",
    "ReadQuery",
    "TokenPair",
    "Unreadable",
    "align",
    "compare_analyzed",
    "compare_names",
    "compatible_schemata",
    "normalize_identifier",
    "probability",
    "read_query",
    "score_entity",
    "token_similarity",
]
