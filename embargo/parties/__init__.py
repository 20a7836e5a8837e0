"""Parties: the listed entities that are one party across lists, and administrators' splits and merges."""

from embargo.parties.evidence import Facts, facts_of
from embargo.parties.judge import Party, merge, party, split
from embargo.parties.resolve import NAME_AGREEMENT, Resolution, resolve_parties

__all__ = ["NAME_AGREEMENT", "Facts", "Party", "Resolution", "facts_of", "merge", "party", "resolve_parties", "split"]
