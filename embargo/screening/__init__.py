"""Screening: single queries, customer files in batch."""

from embargo.matching import Query
from embargo.screening.batch import BatchSummary, read_queries, screen_file
from embargo.screening.screener import (
    ANY_SCHEMATA,
    CANDIDATES,
    Hit,
    Screener,
    analyze_query,
    prepare_person_lexicon,
    score_candidate,
)

__all__ = [
    "ANY_SCHEMATA",
    "CANDIDATES",
    "BatchSummary",
    "Hit",
    "Query",
    "Screener",
    "analyze_query",
    "prepare_person_lexicon",
    "read_queries",
    "score_candidate",
    "screen_file",
]
