"""The roles a key or a principal is stored with: the words of ``api_keys.role`` and ``principals.local_role``.

What each role may do (their ranking) is the auth layer's business
(:mod:`embargo.auth.roles`, which re-exports :class:`Role`); the store only
keeps the word, and hands it back as a :class:`Role`.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Role"]


class Role(StrEnum):
    """What an API key may do.

    Attributes:
        SCREEN: match, search, fetch entities (and screen text, later).
        REVIEW: also work on alerts and decisions.
        APPROVE: also confirm (or reject) another user's decision that waits for a second pair of eyes.
        ADMIN: also manage lists, keys and the portfolio.
    """

    SCREEN = "screen"
    REVIEW = "review"
    APPROVE = "approve"
    ADMIN = "admin"
