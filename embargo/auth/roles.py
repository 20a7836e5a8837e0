"""Roles an API key can have, and what each may do.

Roles are ranked: ``admin`` may do everything ``approve`` may, ``approve``
everything ``review`` may, and ``review`` everything ``screen`` may. A
reviewer looks at the entities behind an alert, an approver is a reviewer
trusted to confirm another analyst's decision (four-eyes, see
:mod:`embargo.monitor.approvals`), and an administrator checks the lists they
manage, so a higher role never needs a second key for the lower role's endpoints.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Role", "role_allows"]


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


_RANK = {Role.SCREEN: 1, Role.REVIEW: 2, Role.APPROVE: 3, Role.ADMIN: 4}


def role_allows(have: Role, need: Role) -> bool:
    """True when a key of role ``have`` may call an endpoint that needs ``need``."""
    return _RANK[have] >= _RANK[need]
