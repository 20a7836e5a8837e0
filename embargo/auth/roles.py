"""Roles an API key can have, and what each may do.

Roles are ranked: ``admin`` may do everything ``approve`` may, ``approve``
everything ``review`` may, and ``review`` everything ``screen`` may. A
reviewer looks at the entities behind an alert, an approver is a reviewer
trusted to confirm another analyst's decision (four-eyes, see
:mod:`embargo.monitor.approvals`), and an administrator checks the lists they
manage, so a higher role never needs a second key for the lower role's endpoints.

The roles themselves are the words the store keeps (:class:`embargo.store.roles.Role`, re-exported here).
"""

from __future__ import annotations

from embargo.store.roles import Role

__all__ = ["Role", "role_allows"]


_RANK = {Role.SCREEN: 1, Role.REVIEW: 2, Role.APPROVE: 3, Role.ADMIN: 4}


def role_allows(have: Role, need: Role) -> bool:
    """True when a key of role ``have`` may call an endpoint that needs ``need``."""
    return _RANK[have] >= _RANK[need]
